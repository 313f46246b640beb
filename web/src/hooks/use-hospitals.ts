"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { HospitalRef } from "@/lib/api-types";

/** Hospitals on the platform (GET /hospitals), accepting either `{items}` or a bare array. */
export function useHospitals(enabled: boolean) {
  return useQuery({
    queryKey: ["hospitals"],
    enabled,
    queryFn: async () => {
      const { data } = await api.get<{ items: HospitalRef[] } | HospitalRef[]>("/hospitals");
      return Array.isArray(data) ? data : (data.items ?? []);
    },
  });
}
