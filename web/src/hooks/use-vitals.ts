"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { alertKeys } from "@/hooks/use-alerts";
import { api } from "@/lib/api-client";
import type { LatestVitals, VitalsCreated, VitalsInput, VitalsSeries, VitalsSet, WardLatestVitals } from "@/lib/api/types";

export const VITALS_RANGES = [
  { key: "24h", label: "24 hours", hours: 24 },
  { key: "3d", label: "3 days", hours: 72 },
  { key: "7d", label: "7 days", hours: 168 },
  { key: "30d", label: "30 days", hours: 720 },
] as const;

export type VitalsRangeKey = (typeof VITALS_RANGES)[number]["key"];

// A set may be recorded up to 5 minutes ahead of the server clock.
const AHEAD_MS = 5 * 60_000;

export const vitalsKeys = {
  all: ["vitals"] as const,
  patient: (patientId: string) => ["vitals", patientId] as const,
  range: (patientId: string, range: VitalsRangeKey) => ["vitals", patientId, "range", range] as const,
  latest: (patientId: string) => ["vitals", patientId, "latest"] as const,
};

const vitalsPath = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/vitals`;

/** The patient's sets over the chosen range, oldest first (the range ends now). */
export function useVitalsRange(patientId: string, range: VitalsRangeKey) {
  return useQuery({
    queryKey: vitalsKeys.range(patientId, range),
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const hours = VITALS_RANGES.find((item) => item.key === range)?.hours ?? 72;
      const now = Date.now();
      const params = {
        from: new Date(now - hours * 3_600_000).toISOString(),
        to: new Date(now + AHEAD_MS).toISOString(),
      };
      return (await api.get<VitalsSeries>(vitalsPath(patientId), { params })).data;
    },
  });
}

export function useLatestVitals(patientId: string) {
  return useQuery({
    queryKey: vitalsKeys.latest(patientId),
    queryFn: async () => (await api.get<LatestVitals>(`${vitalsPath(patientId)}/latest`)).data,
  });
}

export function useRecordVitals(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: VitalsInput) => (await api.post<VitalsCreated>(vitalsPath(patientId), input)).data,
    onSuccess: (created) => {
      applyVitalsUpdate(queryClient, created);
      if (created.alertId) void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    },
  });
}

/** True when `kept` was recorded after `incoming` (an older set arriving late changes nothing). */
function isNewer(kept: VitalsSet | null, incoming: VitalsSet): boolean {
  return kept !== null && new Date(kept.recordedAt).getTime() > new Date(incoming.recordedAt).getTime();
}

/**
 * A new set (recorded here or announced live by `vitals:updated`): refresh the patient's chart
 * and put it on any cached ward view that shows the patient.
 */
export function applyVitalsUpdate(queryClient: QueryClient, set: VitalsSet): void {
  // Events come for the patients and wards this tab watches (useLiveSubscription); only
  // what is cached changes.
  queryClient.setQueryData<LatestVitals>(vitalsKeys.latest(set.patientId), (current) => {
    if (!current || isNewer(current.vitals, set)) return current;
    return { patientId: set.patientId, vitals: set };
  });
  void queryClient.invalidateQueries({ queryKey: ["vitals", set.patientId, "range"] });
  queryClient.setQueriesData<WardLatestVitals>({ queryKey: ["wards", "vitals-latest"] }, (current) => {
    if (!current || !current.items.some((item) => item.patient.id === set.patientId)) return current;
    return {
      ...current,
      items: current.items.map((item) => {
        if (item.patient.id !== set.patientId) return item;
        if (isNewer(item.vitals, set)) return item;
        return { ...item, vitals: set };
      }),
    };
  });
}
