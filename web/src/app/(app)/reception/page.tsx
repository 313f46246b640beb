"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { ReceptionScreen } from "@/components/reception/reception-screen";

export default function ReceptionPage() {
  return (
    <RequirePermission permission="patients:view">
      <Suspense fallback={null}>
        <ReceptionScreen />
      </Suspense>
    </RequirePermission>
  );
}
