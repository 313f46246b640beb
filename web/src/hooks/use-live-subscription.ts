"use client";

import { useEffect } from "react";
import { watchLive } from "@/lib/live-socket";

/** Receive live vitals for one patient (the chart) or one ward (the nurse station) while shown. */
export function useLiveSubscription(target: { patientId: string } | { ward: string } | null): void {
  const key = target === null ? null : "patientId" in target ? `p:${target.patientId}` : `w:${target.ward}`;
  useEffect(() => {
    if (key === null) return;
    const id = key.slice(2);
    return watchLive(key.startsWith("p:") ? { patientId: id } : { ward: id });
  }, [key]);
}
