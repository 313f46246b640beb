"use client";

import { Suspense } from "react";
import { RequirePermission } from "@/components/layout/require-permission";
import { StockScreen } from "@/components/pharmacy/stock-screen";

export default function PharmacyStockPage() {
  return (
    <RequirePermission permission="drugs:view">
      <Suspense fallback={null}>
        <StockScreen />
      </Suspense>
    </RequirePermission>
  );
}
