"use client";

import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Census, Paged, Ward, WardLatestVitals, WardSummary } from "@/lib/api/types";

export const wardKeys = {
  all: ["wards"] as const,
  list: ["wards", "list"] as const,
  detail: (id: string) => ["wards", "detail", id] as const,
  census: (id: string) => ["wards", "census", id] as const,
  latestVitals: (id: string) => ["wards", "vitals-latest", id] as const,
};

const ward = (id: string) => `/wards/${encodeURIComponent(id)}`;

export function useWards(enabled = true) {
  return useQuery({
    queryKey: wardKeys.list,
    enabled,
    queryFn: async () => (await api.get<Paged<WardSummary>>("/wards", { params: { pageSize: 100 } })).data,
  });
}

/** A ward with its beds and whether each is occupied (for admission and transfer). */
export function useWard(id: string | null) {
  return useQuery({
    queryKey: wardKeys.detail(id ?? ""),
    enabled: Boolean(id),
    staleTime: 0,
    queryFn: async () => (await api.get<Ward>(ward(id ?? ""))).data,
  });
}

export function useWardCensus(id: string | null) {
  return useQuery({
    queryKey: wardKeys.census(id ?? ""),
    enabled: Boolean(id),
    // Admissions, transfers and discharges arrive live (`encounter:*`); the poll keeps the
    // length of stay current and covers an event missed while the page was asleep.
    refetchInterval: 60_000,
    queryFn: async () => (await api.get<Census>(`${ward(id ?? "")}/census`)).data,
  });
}

/** Latest vitals (with NEWS2) of every admitted patient of the ward; kept live by the layout. */
export function useWardLatestVitals(id: string | null) {
  return useQuery({
    queryKey: wardKeys.latestVitals(id ?? ""),
    enabled: Boolean(id),
    refetchInterval: 60_000,
    queryFn: async () => (await api.get<WardLatestVitals>(`${ward(id ?? "")}/vitals/latest`)).data,
  });
}
