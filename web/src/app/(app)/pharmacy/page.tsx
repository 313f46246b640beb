"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { PharmacyQueueScreen } from "@/components/pharmacy/pharmacy-queue-screen";

export default function PharmacyPage() {
  return (
    <RequirePermission permission="medication:dispense">
      <Suspense fallback={null}>
        <PharmacyQueueScreen />
      </Suspense>
    </RequirePermission>
  );
}
