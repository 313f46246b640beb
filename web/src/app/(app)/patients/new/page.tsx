"use client";

import { RequirePermission } from "@/components/layout/require-permission";
import { PatientCreateScreen } from "@/components/patients/patient-create-screen";

export default function NewPatientPage() {
  return (
    <RequirePermission permission="patients:edit">
      <PatientCreateScreen />
    </RequirePermission>
  );
}
