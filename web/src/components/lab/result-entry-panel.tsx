"use client";

import { useState, type FormEvent } from "react";
import { ResultedTestRow } from "@/components/lab/resulted-test-row";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { useEnterLabResults, useLabOrder, usePatientLabResults } from "@/hooks/use-labs";
import type { LabOrder, LabResult, LabResultInput } from "@/lib/api/types";
import { formatDateOfBirth, formatDateTime } from "@/lib/format";
import { hasPermission } from "@/lib/permissions";
import { errorMessage, normalizeFieldPath, problemOf } from "@/lib/problem";

/** Per-test result entry for one order; entered tests show their flag and can be verified. */
export function ResultEntryPanel({ orderId }: { orderId: string }) {
  const { data: user } = useCurrentUser();
  const order = useLabOrder(orderId);
  const results = usePatientLabResults(order.data?.patient.id ?? null);
  if (order.error) return <Alert variant="destructive">{errorMessage(order.error)}</Alert>;
  if (order.isPending || !order.data) return <LoadingText />;
  const resultsOfOrder = (results.data?.items ?? []).filter((result) => result.orderId === orderId);
  return (
    <ResultEntryForm
      key={order.data.id}
      order={order.data}
      results={resultsOfOrder}
      canVerify={hasPermission(user, "lab_results:verify")}
      canEnter={hasPermission(user, "lab_results:enter")}
    />
  );
}

interface ResultEntryFormProps {
  order: LabOrder;
  results: LabResult[];
  canVerify: boolean;
  canEnter: boolean;
}

function ResultEntryForm({ order, results, canVerify, canEnter }: ResultEntryFormProps) {
  const enter = useEnterLabResults(order.id);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);
  const byLoinc = new Map(results.map((result) => [result.loinc, result]));
  const waiting = order.tests.filter((test) => !test.resultId && !byLoinc.has(test.loinc));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessages([]);
    const found: Record<string, string> = {};
    const posted: LabResultInput[] = [];
    for (const test of waiting) {
      const text = (values[test.loinc] ?? "").trim().replace(",", ".");
      if (!text) continue;
      const value = Number(text);
      if (!Number.isFinite(value)) found[test.loinc] = "Enter a number.";
      else posted.push({ loinc: test.loinc, value });
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (posted.length === 0) return setMessages(["Enter at least one result."]);
    enter.mutate(posted, {
      onSuccess: () => setValues({}),
      onError: (error) => {
        const fieldErrors: Record<string, string> = {};
        const other: string[] = [];
        for (const entry of problemOf(error)?.errors ?? []) {
          const match = /^results\.(\d+)\./.exec(normalizeFieldPath(entry.field ?? ""));
          const loinc = match ? posted[Number(match[1])]?.loinc : undefined;
          if (loinc) fieldErrors[loinc] = entry.message;
          else other.push(entry.message);
        }
        setErrors(fieldErrors);
        setMessages(other.length > 0 || Object.keys(fieldErrors).length > 0 ? other : [errorMessage(error)]);
      },
    });
  }

  return (
    <div className="flex flex-col gap-4" data-testid="result-entry" data-order-id={order.id}>
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-lg font-semibold" data-testid="result-entry-patient">
            {order.patient.name}
          </span>
          <span className="font-mono text-xs text-muted-foreground">{order.patient.mrn}</span>
          <Badge variant={order.priority === "routine" ? "muted" : "warning"}>{order.priority}</Badge>
          <Badge variant={order.status === "completed" ? "success" : "secondary"} data-testid="result-entry-order-status">
            {order.status}
          </Badge>
        </div>
        <span className="text-sm text-muted-foreground">
          {formatDateOfBirth(order.patient.dateOfBirth)} · {order.patient.gender} · ordered {formatDateTime(order.orderedAt)} by{" "}
          {order.orderedBy.name}
        </span>
        {order.note ? <p className="text-sm">{order.note}</p> : null}
      </div>
      {results.length > 0 ? (
        <ul className="flex flex-col gap-2" data-testid="resulted-tests">
          {results.map((result) => (
            <ResultedTestRow key={result.id} result={result} canVerify={canVerify} canCorrect={canEnter} />
          ))}
        </ul>
      ) : null}
      {waiting.length > 0 && canEnter ? (
        <form className="flex flex-col gap-3" onSubmit={handleSubmit} noValidate data-testid="result-entry-form">
          <FormError messages={messages} testId="result-entry-error" />
          {waiting.map((test) => (
            <div key={test.loinc} className="grid grid-cols-[minmax(0,1fr)_9rem_5rem] items-center gap-2" data-testid="result-entry-row" data-loinc={test.loinc}>
              <label htmlFor={`result-${test.loinc}`} className="text-sm font-medium">
                {test.display} <span className="font-mono text-xs text-muted-foreground">{test.loinc}</span>
              </label>
              <Input
                id={`result-${test.loinc}`}
                type="number"
                step="any"
                inputMode="decimal"
                value={values[test.loinc] ?? ""}
                disabled={enter.isPending}
                aria-invalid={Boolean(errors[test.loinc])}
                onChange={(event) => setValues((current) => ({ ...current, [test.loinc]: event.target.value }))}
                data-testid={`result-value-${test.loinc}`}
              />
              <span className="text-sm text-muted-foreground">{test.unit}</span>
              {errors[test.loinc] ? (
                <p className="col-span-3 text-xs text-destructive" data-testid={`result-value-${test.loinc}-error`}>
                  {errors[test.loinc]}
                </p>
              ) : null}
            </div>
          ))}
          <FormActions testId="result-entry" busy={enter.isPending} submitLabel="Save results" busyLabel="Saving…" />
        </form>
      ) : null}
    </div>
  );
}
