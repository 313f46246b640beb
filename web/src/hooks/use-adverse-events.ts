"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { AdverseEvent, AdverseEventInput, Paged } from "@/lib/api/types";

const key = (patientId: string) => ["adverse-events", patientId] as const;
const path = (patientId: string) => `/patients/${encodeURIComponent(patientId)}/adverse-events`;

export function useAdverseEvents(patientId: string) {
  return useQuery({
    queryKey: key(patientId),
    queryFn: async () => (await api.get<Paged<AdverseEvent>>(path(patientId), { params: { pageSize: 100 } })).data,
  });
}

export function useReportAdverseEvent(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: AdverseEventInput) => (await api.post<AdverseEvent>(path(patientId), input)).data,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key(patientId) }),
  });
}
