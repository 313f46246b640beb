"use client";

import { Suspense } from "react";
import { LabWorklistScreen } from "@/components/lab/lab-worklist-screen";
import { RequirePermission } from "@/components/layout/require-permission";

export default function LabPage() {
  return (
    <RequirePermission permission="lab_results:enter">
      <Suspense fallback={null}>
        <LabWorklistScreen />
      </Suspense>
    </RequirePermission>
  );
}
