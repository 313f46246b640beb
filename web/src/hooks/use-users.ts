"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Role } from "@/lib/api/types";

/** A user account as the user-administration API returns it. */
export interface UserAccount {
  id: string;
  email: string;
  name: string;
  role: Role;
  hospitalId: string | null;
  isActive: boolean;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  /** Hospital slug; left out for super admins and for a hospital admin's own hospital. */
  hospital?: string;
}

/** What an administrator may change; a password here is a reset. */
export interface UserChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  password?: string;
}

const userKeys = { all: ["users"] as const };

/** The users the signed-in administrator manages (GET /users). */
export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: userKeys.all,
    enabled,
    queryFn: async () => (await api.get<UserAccount[]>("/users")).data,
  });
}

/** Creates a user (POST /users). */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (user: NewUser) => (await api.post<UserAccount>("/users", user)).data,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** Changes a user's role, disables or enables them, or resets their password (PATCH /users/{id}). */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...changes }: UserChanges & { id: string }) =>
      (await api.patch<UserAccount>(`/users/${encodeURIComponent(id)}`, changes)).data,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
