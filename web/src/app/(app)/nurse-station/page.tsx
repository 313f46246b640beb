"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { NurseStationScreen } from "@/components/nurse-station/nurse-station-screen";

export default function NurseStationPage() {
  return (
    <RequirePermission permission="patients:view">
      <Suspense fallback={null}>
        <NurseStationScreen />
      </Suspense>
    </RequirePermission>
  );
}
