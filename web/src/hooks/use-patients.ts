"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Paged, Patient, PatientInput, PatientPatch } from "@/lib/api/types";


export interface PatientSearch {
  q: string;
  page: number;
  pageSize: number;
}

export const patientKeys = {
  all: ["patients"] as const,
  list: (search: PatientSearch) => ["patients", "list", search] as const,
  detail: (id: string) => ["patients", "detail", id] as const,
};

export function usePatientList(search: PatientSearch) {
  return useQuery({
    queryKey: patientKeys.list(search),
    queryFn: async () => {
      const params: Record<string, string | number> = { page: search.page, pageSize: search.pageSize };
      if (search.q) params.q = search.q;
      return (await api.get<Paged<Patient>>("/patients", { params })).data;
    },
    placeholderData: keepPreviousData,
  });
}

/** One patient; `alwaysFresh` refetches on mount even when a cached copy exists (edit forms). */
export function usePatient(id: string | null, { alwaysFresh = false }: { alwaysFresh?: boolean } = {}) {
  return useQuery({
    refetchOnMount: alwaysFresh ? "always" : true,
    queryKey: patientKeys.detail(id ?? ""),
    queryFn: async () => (await api.get<Patient>(`/patients/${encodeURIComponent(id ?? "")}`)).data,
    enabled: Boolean(id),
    retry: false,
  });
}

export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PatientInput) => (await api.post<Patient>("/patients", input)).data,
    onSuccess: (patient) => {
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      void queryClient.invalidateQueries({ queryKey: ["patients", "list"] });
    },
  });
}

export function useUpdatePatient(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: PatientPatch) =>
      (await api.patch<Patient>(`/patients/${encodeURIComponent(id)}`, patch)).data,
    onSuccess: (patient) => {
      queryClient.setQueryData(patientKeys.detail(patient.id), patient);
      void queryClient.invalidateQueries({ queryKey: ["patients", "list"] });
    },
  });
}
