"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { WorkbenchScreen } from "@/components/prescribing/workbench-screen";

export default function WorkbenchPage() {
  return (
    <RequirePermission permission="prescriptions:create">
      <Suspense fallback={null}>
        <WorkbenchScreen />
      </Suspense>
    </RequirePermission>
  );
}
