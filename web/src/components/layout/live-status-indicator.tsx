"use client";

import { useLiveConnectionStore } from "@/lib/live-connection-store";
import { cn } from "@/lib/utils";

const LABELS = { connected: "Live", connecting: "Connecting…", disconnected: "Offline" } as const;

/** A dot telling whether live updates (announcements, vitals, alerts, lab results) are arriving. */
export function LiveStatusIndicator() {
  const state = useLiveConnectionStore((store) => store.state);
  return (
    <span
      className="flex items-center gap-1.5 text-xs text-muted-foreground"
      data-testid="live-status"
      data-state={state}
      title={state === "connected" ? "Live updates on" : "Live updates unavailable"}
    >
      <span
        className={cn(
          "h-2 w-2 rounded-full",
          state === "connected" ? "bg-emerald-500" : state === "connecting" ? "bg-amber-400" : "bg-slate-400",
        )}
      />
      {LABELS[state]}
    </span>
  );
}
