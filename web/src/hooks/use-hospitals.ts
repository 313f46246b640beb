"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { HospitalRef } from "@/lib/api/types";

/** A hospital as the super-admin API lists it. */
export interface Hospital extends HospitalRef {
  /** IANA name: the hospital's calendar day for check-in and appointment views. */
  timeZone: string;
}

const hospitalKeys = { all: ["hospitals"] as const };

/** Hospitals on the platform (GET /hospitals), accepting either `{items}` or a bare array. */
export function useHospitals(enabled: boolean) {
  return useQuery({
    queryKey: hospitalKeys.all,
    enabled,
    queryFn: async () => {
      const { data } = await api.get<{ items: Hospital[] } | Hospital[]>("/hospitals");
      return Array.isArray(data) ? data : (data.items ?? []);
    },
  });
}

/** Renames a hospital or changes its time zone (PATCH /hospitals/{slug}). */
export function useUpdateHospital() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ slug, ...changes }: { slug: string; name?: string; timeZone?: string }) =>
      (await api.patch<Hospital>(`/hospitals/${encodeURIComponent(slug)}`, changes)).data,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: hospitalKeys.all }),
  });
}
