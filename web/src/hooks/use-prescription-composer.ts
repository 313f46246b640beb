"use client";

import { useCallback, useMemo, useState } from "react";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { prescribeProblem, useClinicalChecks, useSignPrescription, type SignResult } from "@/hooks/use-prescriptions";
import { api } from "@/lib/api-client";
import type { ProblemDetails } from "@/lib/problem";
import type { CheckResponse, DrugSummary, OverrideInput, PrescriptionCreate, PrescriptionItemInput, SafetyWarning } from "@/lib/api/types";
import { draftFromDrug, ITEM_FIELDS, itemInput, localItemErrors, newIdempotencyKey, type DraftItem } from "@/lib/prescription-draft";
import { errorMessage, normalizeFieldPath } from "@/lib/problem";

const CHECK_DELAY_MS = 400;

const isItemField = (path: string) => {
  const [head, index, field] = path.split(".");
  return head === "items" && /^\d+$/.test(index ?? "") && (ITEM_FIELDS as readonly string[]).includes(field ?? "");
};

/** Field errors of a 422 keyed `items.N.field` (N mapped through `indexes`), and the rest. */
function splitProblem(problem: ProblemDetails | null, indexes?: number[]) {
  const fieldErrors: Record<string, string> = {};
  const messages: string[] = [];
  for (const entry of problem?.errors ?? []) {
    let path = normalizeFieldPath(entry.field ?? "");
    const message = entry.message.replace(/^Value error, /, "");
    if (isItemField(path)) {
      const [, index, field] = path.split(".");
      path = `items.${indexes ? (indexes[Number(index)] ?? index) : index}.${field}`;
      fieldErrors[path] ??= message;
    } else messages.push(path ? `${path}: ${message}` : message);
  }
  if (messages.length === 0 && Object.keys(fieldErrors).length === 0 && problem?.detail) messages.push(problem.detail);
  return { fieldErrors, messages };
}

export interface OverrideRequest {
  warnings: SafetyWarning[];
  messages: string[];
}

/**
 * The prescription being composed for one patient: its items, the safety checks run as it
 * changes (debounced), and signing — checks, override reasons, then the save.
 */
export function usePrescriptionComposer(patientId: string, onSigned: (result: SignResult) => void) {
  const [items, setItems] = useState<DraftItem[]>([]);
  const [note, setNote] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const [override, setOverride] = useState<OverrideRequest | null>(null);
  const [preparing, setPreparing] = useState(false);
  const sign = useSignPrescription();

  // Only complete items are checked; `indexes` maps a checked item back to its line.
  const { inputs, indexes } = useMemo(() => {
    const checked = items.map((item, index) => ({ index, input: itemInput(item) }));
    const complete = checked.filter((entry): entry is { index: number; input: PrescriptionItemInput } => entry.input !== null);
    return { inputs: complete.map((entry) => entry.input), indexes: complete.map((entry) => entry.index) };
  }, [items]);
  const debouncedInputs = useDebouncedValue(inputs, CHECK_DELAY_MS);
  const checks = useClinicalChecks(patientId, debouncedInputs);
  const checkErrors = checks.error ? splitProblem(prescribeProblem(checks.error), indexes) : null;

  const addDrug = useCallback((drug: DrugSummary) => setItems((current) => [...current, draftFromDrug(drug)]), []);
  const updateItem = useCallback((key: string, patch: Partial<DraftItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...patch } : item)));
    setFieldErrors({});
  }, []);
  const removeItem = useCallback((key: string) => {
    setItems((current) => current.filter((item) => item.key !== key));
    setFieldErrors({});
  }, []);

  function buildBody(overrides: OverrideInput[]): PrescriptionCreate {
    const body: PrescriptionCreate = { patientId, items: items.map((item) => itemInput(item) as PrescriptionItemInput), overrides };
    if (note.trim()) body.note = note.trim();
    return body;
  }

  function save(overrides: OverrideInput[]) {
    sign.mutate(
      { body: buildBody(overrides), idempotencyKey: newIdempotencyKey() },
      {
        onSuccess: (result) => {
          setOverride(null);
          setItems([]);
          setNote("");
          onSigned(result);
        },
        onError: (error) => {
          const problem = prescribeProblem(error);
          const missing = problem?.missingOverrides;
          if (problem?.status === 409 && Array.isArray(missing)) {
            const warnings = ((problem.warnings as SafetyWarning[] | undefined) ?? []).filter((w) => w.needsOverride);
            const changed = "The patient's record changed since the check: give a reason for each of these warnings.";
            setOverride({ warnings, messages: overrides.length > 0 ? [changed] : [] });
            return;
          }
          const split = splitProblem(problem);
          if (!problem) split.messages = [errorMessage(error)];
          const overrideMessages = split.messages.filter((message) => message.startsWith("overrides"));
          if (override && overrideMessages.length > 0) {
            setOverride({ ...override, messages: overrideMessages });
            return;
          }
          setOverride(null);
          setFieldErrors(split.fieldErrors);
          setMessages(split.messages);
        },
      },
    );
  }

  /** Checks the prescription as it stands; asks for override reasons if needed, else saves. */
  async function startSigning() {
    setMessages([]);
    setFieldErrors({});
    if (items.length === 0) return setMessages(["Add at least one drug."]);
    const local = localItemErrors(items);
    if (Object.keys(local).length > 0) return setFieldErrors(local);
    setPreparing(true);
    let report: CheckResponse;
    try {
      report = (await api.post<CheckResponse>("/clinical/checks", { patientId, items: buildBody([]).items })).data;
    } catch (error) {
      const split = splitProblem(prescribeProblem(error));
      setFieldErrors(split.fieldErrors);
      setMessages(prescribeProblem(error) ? split.messages : [errorMessage(error)]);
      return;
    } finally {
      setPreparing(false);
    }
    const needing = report.warnings.filter((warning) => warning.needsOverride);
    if (needing.length > 0) setOverride({ warnings: needing, messages: [] });
    else save([]);
  }

  return {
    items,
    note,
    setNote,
    addDrug,
    updateItem,
    removeItem,
    fieldErrors: { ...(checkErrors?.fieldErrors ?? {}), ...fieldErrors },
    messages,
    checks: {
      data: inputs.length > 0 ? checks.data : undefined,
      checking: inputs !== debouncedInputs || checks.isFetching,
      error: checkErrors && checkErrors.messages.length > 0 ? checkErrors.messages.join(" ") : null,
      hasItems: inputs.length > 0,
    },
    override,
    cancelOverride: () => setOverride(null),
    confirmOverride: save,
    startSigning,
    busy: preparing || sign.isPending,
  };
}
