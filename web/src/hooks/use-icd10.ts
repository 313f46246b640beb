"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Icd10Code, Paged } from "@/lib/api/types";

/** ICD-10-CM codes matching a code prefix or words (search as you type; empty query: none). */
export function useIcd10Search(query: string) {
  return useQuery({
    queryKey: ["icd10", query],
    enabled: query.length >= 2,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await api.get<Paged<Icd10Code> & { match: string }>("/icd10", { params: { q: query, pageSize: 10 } })).data,
  });
}
