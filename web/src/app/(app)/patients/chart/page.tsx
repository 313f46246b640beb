"use client";

import { Suspense } from "react";
import { PatientChartScreen } from "@/components/chart/patient-chart-screen";
import { RequirePermission } from "@/components/layout/require-permission";

export default function PatientChartPage() {
  return (
    <RequirePermission permission="patients:view">
      <Suspense fallback={null}>
        <PatientChartScreen />
      </Suspense>
    </RequirePermission>
  );
}
