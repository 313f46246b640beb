"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { LabOrder, LabPriority, LabResult, LabResultDetail, LabResultInput, Paged } from "@/lib/api/types";

export const labKeys = {
  all: ["lab"] as const,
  worklist: (priority: LabPriority | "") => ["lab", "worklist", priority] as const,
  order: (id: string) => ["lab", "order", id] as const,
  patientResults: (patientId: string, history: boolean) => ["lab", "results", patientId, history] as const,
  patientOrders: (patientId: string) => ["lab", "orders", patientId] as const,
  result: (id: string) => ["lab", "result", id] as const,
};

/** Orders still waiting for results: stat first, then urgent, then routine; oldest first. */
export function useLabWorklist(priority: LabPriority | "") {
  return useQuery({
    queryKey: labKeys.worklist(priority),
    queryFn: async () =>
      (
        await api.get<Paged<LabOrder>>("/lab/worklist", {
          params: { pageSize: 100, ...(priority ? { priority } : {}) },
        })
      ).data,
  });
}

export function useLabOrder(id: string | null) {
  return useQuery({
    queryKey: labKeys.order(id ?? ""),
    enabled: Boolean(id),
    queryFn: async () => (await api.get<LabOrder>(`/lab-orders/${encodeURIComponent(id ?? "")}`)).data,
  });
}

/** The patient's results, newest sample first: current versions, or every version. */
export function usePatientLabResults(patientId: string | null, history = false, enabled = true) {
  return useQuery({
    queryKey: labKeys.patientResults(patientId ?? "", history),
    enabled: Boolean(patientId) && enabled,
    queryFn: async () =>
      (
        await api.get<Paged<LabResult>>(`/patients/${encodeURIComponent(patientId ?? "")}/lab-results`, {
          params: { history, pageSize: 100 },
        })
      ).data,
  });
}

export function usePatientLabOrders(patientId: string, enabled = true) {
  return useQuery({
    queryKey: labKeys.patientOrders(patientId),
    enabled,
    queryFn: async () =>
      (
        await api.get<Paged<LabOrder>>(`/patients/${encodeURIComponent(patientId)}/lab-orders`, {
          params: { pageSize: 100 },
        })
      ).data,
  });
}

/** One result with every version of it, oldest first. */
export function useLabResultDetail(id: string | null) {
  return useQuery({
    queryKey: labKeys.result(id ?? ""),
    enabled: Boolean(id),
    queryFn: async () => (await api.get<LabResultDetail>(`/lab-results/${encodeURIComponent(id ?? "")}`)).data,
  });
}

function useLabWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: labKeys.all }),
  });
}

export function useEnterLabResults(orderId: string) {
  return useLabWrite(
    async (results: LabResultInput[]) =>
      (await api.post<{ items: LabResult[] }>(`/lab-orders/${encodeURIComponent(orderId)}/results`, { results }))
        .data.items,
  );
}

export function useVerifyLabResult() {
  return useLabWrite(
    async (resultId: string) =>
      (await api.post<LabResult>(`/lab-results/${encodeURIComponent(resultId)}/verify`)).data,
  );
}

export function useCorrectLabResult() {
  return useLabWrite(
    async ({ resultId, value, reason }: { resultId: string; value: number; reason: string }) =>
      (await api.post<LabResult>(`/lab-results/${encodeURIComponent(resultId)}/corrections`, { value, reason })).data,
  );
}
