"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { CurrentUser } from "@/lib/api/types";
import { useAuthStore } from "@/lib/auth-store";

export const CURRENT_USER_KEY = ["auth", "me"] as const;

/** The signed-in user with their role, hospital and permissions (GET /auth/me). */
export function useCurrentUser() {
  const signedIn = useAuthStore((state) => state.accessToken !== null);
  return useQuery({
    queryKey: CURRENT_USER_KEY,
    queryFn: async () => (await api.get<CurrentUser>("/auth/me")).data,
    enabled: signedIn,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
