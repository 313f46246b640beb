"use client";

import { HospitalListScreen } from "@/components/hospitals/hospital-list-screen";
import { RequirePermission } from "@/components/layout/require-permission";

export default function HospitalsPage() {
  return (
    <RequirePermission permission="hospitals:manage">
      <HospitalListScreen />
    </RequirePermission>
  );
}
