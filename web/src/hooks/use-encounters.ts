"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { wardKeys } from "@/hooks/use-wards";
import { api } from "@/lib/api-client";
import type { DischargeInput, Encounter, EncounterCreate, Paged } from "@/lib/clinical-types";

export const encounterKeys = {
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

/** After any admission, transfer or discharge: the patient's encounters and every ward view. */
function useRefreshAfterMove(patientId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: encounterKeys.forPatient(patientId) });
    void queryClient.invalidateQueries({ queryKey: wardKeys.all });
  };
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
