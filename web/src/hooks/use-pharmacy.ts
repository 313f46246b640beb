"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { drugKeys } from "@/hooks/use-drugs";
import { prescriptionKeys } from "@/hooks/use-prescriptions";
import { api } from "@/lib/api-client";
import type { Dispense, DispenseInput, FormularyEntry, FormularyPage, MovementInput, MovementPage, MovementResult, QueuePage } from "@/lib/api/types";

export interface FormularySearch {
  q: string;
  lowStock: boolean;
  page: number;
}

export const QUEUE_PAGE_SIZE = 50;
export const FORMULARY_PAGE_SIZE = 25;

export const pharmacyKeys = {
  all: ["pharmacy"] as const,
  queue: (page: number) => ["pharmacy", "queue", page] as const,
  formulary: (search: FormularySearch) => ["pharmacy", "formulary", search] as const,
  entry: (drugId: string) => ["pharmacy", "entry", drugId] as const,
  movements: (drugId: string) => ["pharmacy", "movements", drugId] as const,
};

/** Prescriptions waiting to be dispensed, oldest first, with the stock on hand per item. */
export function usePharmacyQueue(page: number) {
  return useQuery({
    queryKey: pharmacyKeys.queue(page),
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (await api.get<QueuePage>("/pharmacy/queue", { params: { page, pageSize: QUEUE_PAGE_SIZE } })).data,
  });
}

/** What was handed out for a prescription, oldest first. */
export function useDispenses(prescriptionId: string | null) {
  return useQuery({
    queryKey: prescriptionKeys.dispenses(prescriptionId ?? ""),
    enabled: Boolean(prescriptionId),
    queryFn: async () =>
      (await api.get<{ items: Dispense[] }>(`/prescriptions/${encodeURIComponent(prescriptionId ?? "")}/dispenses`)).data
        .items,
  });
}

function useStockWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    // A refused write (409 out of stock) also means the numbers on screen are stale.
    onSettled: () => {
      for (const queryKey of [pharmacyKeys.all, prescriptionKeys.all, drugKeys.all]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}

/** Dispenses the given quantities (all that remains when `items` is left out); all or nothing. */
export function useDispense(prescriptionId: string) {
  return useStockWrite(
    async (input: DispenseInput) =>
      (await api.post<Dispense>(`/prescriptions/${encodeURIComponent(prescriptionId)}/dispense`, input)).data,
  );
}

export function useFormulary(search: FormularySearch) {
  return useQuery({
    queryKey: pharmacyKeys.formulary(search),
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const params: Record<string, string | number | boolean> = { page: search.page, pageSize: FORMULARY_PAGE_SIZE };
      if (search.q) params.q = search.q;
      if (search.lowStock) params.lowStock = true;
      return (await api.get<FormularyPage>("/pharmacy/formulary", { params })).data;
    },
  });
}

export function useFormularyEntry(drugId: string | null) {
  return useQuery({
    queryKey: pharmacyKeys.entry(drugId ?? ""),
    enabled: Boolean(drugId),
    queryFn: async () =>
      (await api.get<FormularyEntry>(`/pharmacy/formulary/${encodeURIComponent(drugId ?? "")}`)).data,
  });
}

/** The latest receipts, adjustments and dispenses of one drug, newest first. */
export function useStockMovements(drugId: string | null) {
  return useQuery({
    queryKey: pharmacyKeys.movements(drugId ?? ""),
    enabled: Boolean(drugId),
    queryFn: async () =>
      (
        await api.get<MovementPage>(`/pharmacy/formulary/${encodeURIComponent(drugId ?? "")}/movements`, {
          params: { pageSize: 10 },
        })
      ).data,
  });
}

export function useRecordMovement(drugId: string) {
  return useStockWrite(
    async (input: MovementInput) =>
      (await api.post<MovementResult>(`/pharmacy/formulary/${encodeURIComponent(drugId)}/movements`, input)).data,
  );
}
