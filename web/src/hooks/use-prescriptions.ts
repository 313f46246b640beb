"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ProblemDetails } from "@/lib/problem";
import type { CheckResponse, LabResult, Paged, Prescription, PrescriptionCreate, PrescriptionItemInput, PrescriptionPage } from "@/lib/api/types";
import { connectedLiveSocket } from "@/lib/live-socket";
import { problemOf } from "@/lib/problem";

export const prescriptionKeys = {
  all: ["prescriptions"] as const,
  patient: (patientId: string) => ["prescriptions", "patient", patientId] as const,
  detail: (id: string) => ["prescriptions", "detail", id] as const,
  dispenses: (id: string) => ["prescriptions", "dispenses", id] as const,
  checks: (patientId: string, items: PrescriptionItemInput[]) => ["clinical-checks", patientId, items] as const,
  // Under the lab keys, so a live `lab:result` refreshes it.
  creatinine: (patientId: string) => ["lab", "latest-creatinine", patientId] as const,
};

const CURRENT_STATUSES = ["active", "partially-dispensed", "fully-dispensed"];
const DAY_MS = 86_400_000;

/** Still taken: no duration (long-term) or activated less than `durationDays` ago. */
export function isCurrent(prescription: Prescription, now = Date.now()): boolean {
  if (!CURRENT_STATUSES.includes(prescription.status)) return false;
  const started = prescription.activatedAt ? new Date(prescription.activatedAt).getTime() : now;
  return prescription.items.some((item) => item.durationDays == null || started + item.durationDays * DAY_MS > now);
}

/** The patient's current medication: active, partially or fully dispensed prescriptions still running. */
export function useCurrentMedications(patientId: string) {
  return useQuery({
    queryKey: prescriptionKeys.patient(patientId),
    queryFn: async () => {
      const params = new URLSearchParams({ patientId, pageSize: "100" });
      for (const status of CURRENT_STATUSES) params.append("status", status);
      const page = (await api.get<PrescriptionPage>("/prescriptions", { params })).data;
      return page.items.filter((prescription) => isCurrent(prescription));
    },
  });
}

/** One prescription with its status history. */
export function usePrescription(id: string | null) {
  return useQuery({
    queryKey: prescriptionKeys.detail(id ?? ""),
    enabled: Boolean(id),
    queryFn: async () => (await api.get<Prescription>(`/prescriptions/${encodeURIComponent(id ?? "")}`)).data,
  });
}

/** The latest serum creatinine (LOINC 2160-0) on record, or null. */
export function useLatestCreatinine(patientId: string) {
  return useQuery({
    queryKey: prescriptionKeys.creatinine(patientId),
    queryFn: async () => {
      const path = `/patients/${encodeURIComponent(patientId)}/lab-results`;
      const page = (await api.get<Paged<LabResult>>(path, { params: { loinc: "2160-0", pageSize: 1 } })).data;
      return page.items[0] ?? null;
    },
  });
}

/** Safety checks of the draft, nothing saved; runs whenever the (debounced) items change. */
export function useClinicalChecks(patientId: string, items: PrescriptionItemInput[]) {
  return useQuery({
    queryKey: prescriptionKeys.checks(patientId, items),
    enabled: items.length > 0,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 30_000,
    queryFn: async () => (await api.post<CheckResponse>("/clinical/checks", { patientId, items })).data,
  });
}

/** A refusal of the save, from the REST answer or the socket's ack, as problem details. */
export class PrescribeError extends Error {
  constructor(readonly problem: ProblemDetails & Record<string, unknown>, readonly original?: unknown) {
    super(problem.detail ?? problem.title ?? "The prescription was not saved.");
  }
}

/** Problem details of any failed save (REST or socket), or null for a network failure. */
export function prescribeProblem(error: unknown): (ProblemDetails & Record<string, unknown>) | null {
  if (error instanceof PrescribeError) return error.problem;
  return problemOf(error) as (ProblemDetails & Record<string, unknown>) | null;
}

export interface SignResult {
  prescription: Prescription;
  via: "socket" | "rest";
}

const ACK_TIMEOUT_MS = 10_000;

interface CreateAck {
  ok: boolean;
  event?: string;
  data?: Prescription;
  error?: ProblemDetails & Record<string, unknown>;
}

/**
 * Saves over the live connection (`prescription:create`, the design's sequence); when it is
 * down or does not answer in time, over REST with the same Idempotency-Key, so the
 * prescription is created once whichever way it got through.
 */
export async function sendPrescription(body: PrescriptionCreate, idempotencyKey: string): Promise<SignResult> {
  const socket = connectedLiveSocket();
  if (socket) {
    let ack: CreateAck | null = null;
    try {
      ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("prescription:create", { ...body, idempotencyKey })) as CreateAck;
    } catch {
      ack = null; // no answer in time: try REST below
    }
    if (ack?.ok && ack.data) return { prescription: ack.data, via: "socket" };
    if (ack && !ack.ok) throw new PrescribeError(ack.error ?? { status: 500, title: "Not saved" });
  }
  try {
    const { data } = await api.post<Prescription>("/prescriptions", body, { headers: { "Idempotency-Key": idempotencyKey } });
    return { prescription: data, via: "rest" };
  } catch (error) {
    const problem = problemOf(error);
    if (problem) throw new PrescribeError(problem as ProblemDetails & Record<string, unknown>, error);
    throw error;
  }
}

export function useSignPrescription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PrescriptionCreate; idempotencyKey: string }) =>
      sendPrescription(body, idempotencyKey),
    onSuccess: ({ prescription }) => {
      queryClient.setQueryData(prescriptionKeys.detail(prescription.id), prescription);
      void queryClient.invalidateQueries({ queryKey: prescriptionKeys.patient(prescription.patient.id) });
    },
  });
}

/** Cancels (nothing dispensed yet) or stops a prescription, with a reason. */
export function useEndPrescription() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, how, reason }: { id: string; how: "cancel" | "stop"; reason: string }) =>
      (await api.post<Prescription>(`/prescriptions/${encodeURIComponent(id)}/${how}`, { reason })).data,
    onSuccess: (prescription) => {
      queryClient.setQueryData(prescriptionKeys.detail(prescription.id), prescription);
      void queryClient.invalidateQueries({ queryKey: prescriptionKeys.patient(prescription.patient.id) });
    },
  });
}
