"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { PatientDetailScreen } from "@/components/patients/patient-detail-screen";

export default function PatientViewPage() {
  return (
    <RequirePermission permission="patients:view">
      <Suspense fallback={null}>
        <PatientDetailScreen />
      </Suspense>
    </RequirePermission>
  );
}
