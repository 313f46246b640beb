"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { PatientListScreen } from "@/components/patients/patient-list-screen";

export default function PatientsPage() {
  return (
    <RequirePermission permission="patients:view">
      <Suspense fallback={null}>
        <PatientListScreen />
      </Suspense>
    </RequirePermission>
  );
}
