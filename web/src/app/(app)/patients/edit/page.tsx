"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { PatientEditScreen } from "@/components/patients/patient-edit-screen";

export default function EditPatientPage() {
  return (
    <RequirePermission permission="patients:edit">
      <Suspense fallback={null}>
        <PatientEditScreen />
      </Suspense>
    </RequirePermission>
  );
}
