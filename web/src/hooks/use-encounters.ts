"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { alertKeys } from "@/hooks/use-alerts";
import { wardKeys } from "@/hooks/use-wards";
import { api } from "@/lib/api-client";
import type { DischargeInput, Encounter, EncounterCreate, Paged } from "@/lib/api/types";

export const encounterKeys = {
  all: ["encounters"] as const,
  forPatient: (patientId: string) => ["encounters", patientId] as const,
};

export function usePatientEncounters(patientId: string) {
  return useQuery({
    queryKey: encounterKeys.forPatient(patientId),
    queryFn: async () =>
      (
        await api.get<Paged<Encounter>>(`/patients/${encodeURIComponent(patientId)}/encounters`, {
          params: { pageSize: 100 },
        })
      ).data,
  });
}

/**
 * After an admission, transfer or discharge (made here or announced live by `encounter:*`):
 * the patient's encounters, every ward view (census, beds, occupancy) and the open alerts,
 * whose location is the patient's bed.
 */
export function refreshAfterMove(queryClient: QueryClient, patientId: string): void {
  void queryClient.invalidateQueries({ queryKey: encounterKeys.forPatient(patientId) });
  void queryClient.invalidateQueries({ queryKey: wardKeys.all });
  void queryClient.invalidateQueries({ queryKey: alertKeys.all });
}

function useRefreshAfterMove(patientId: string) {
  const queryClient = useQueryClient();
  return () => refreshAfterMove(queryClient, patientId);
}

export function useOpenEncounter(patientId: string) {
  const refresh = useRefreshAfterMove(patientId);
  return useMutation({
    mutationFn: async (input: Omit<EncounterCreate, "patientId">) =>
      (await api.post<Encounter>("/encounters", { ...input, patientId })).data,
    onSuccess: refresh,
  });
}

export function useTransferEncounter(patientId: string) {
  const refresh = useRefreshAfterMove(patientId);
  return useMutation({
    mutationFn: async ({ encounterId, wardId, bedId }: { encounterId: string; wardId: string; bedId: string }) =>
      (await api.post<Encounter>(`/encounters/${encodeURIComponent(encounterId)}/transfer`, { wardId, bedId })).data,
    onSuccess: refresh,
  });
}

export function useDischargeEncounter(patientId: string) {
  const refresh = useRefreshAfterMove(patientId);
  return useMutation({
    mutationFn: async ({ encounterId, ...input }: DischargeInput & { encounterId: string }) =>
      (await api.post<Encounter>(`/encounters/${encodeURIComponent(encounterId)}/discharge`, input)).data,
    onSuccess: refresh,
  });
}
