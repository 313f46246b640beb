"use client";

import { useSyncExternalStore } from "react";
import { useAuthStore } from "@/lib/auth-store";

function subscribe(onChange: () => void): () => void {
  return useAuthStore.persist.onFinishHydration(onChange);
}

/** True once the tokens have been read back from sessionStorage (always false on the server). */
export function useAuthHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => useAuthStore.persist.hasHydrated(),
    () => false,
  );
}
