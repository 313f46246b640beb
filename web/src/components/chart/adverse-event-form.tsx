"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useReportAdverseEvent } from "@/hooks/use-adverse-events";
import { useFormErrors } from "@/hooks/use-form-errors";
import { ADVERSE_OUTCOMES, ADVERSE_SEVERITIES, type AdverseOutcome, type AdverseSeverity } from "@/lib/api/types";
import { todayLocal } from "@/lib/day-time";
import { capitalize } from "@/lib/format";

const KNOWN = new Set(["description", "severity", "outcome", "onsetDate", "prescriptionId"]);
const isKnown = (path: string) => KNOWN.has(path);

function label(value: string): string {
  return capitalize(value.replace(/-/g, " "));
}

/** Reports an adverse event: CTCAE severity grade and E2B outcome. */
export function AdverseEventForm({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const report = useReportAdverseEvent(patientId);
  const form = useFormErrors(isKnown);
  const [description, setDescription] = useState("");
  const [severity, setSeverity] = useState<AdverseSeverity | "">("");
  const [outcome, setOutcome] = useState<AdverseOutcome | "">("");
  const [onsetDate, setOnsetDate] = useState(todayLocal);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const errors: Record<string, string> = {};
    if (!description.trim()) errors.description = "Describe what happened.";
    else if (description.trim().length > 5000) errors.description = "At most 5000 characters.";
    if (!severity) errors.severity = "Choose a severity.";
    if (!outcome) errors.outcome = "Choose an outcome.";
    if (!onsetDate) errors.onsetDate = "When did it start?";
    if (Object.keys(errors).length > 0) return form.setFieldErrors(errors);
    report.mutate(
      {
        description: description.trim(),
        severity: severity as AdverseSeverity,
        outcome: outcome as AdverseOutcome,
        onsetDate,
      },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  const busy = report.isPending;
  return (
    <form className="flex flex-col gap-4 rounded-lg border p-4" onSubmit={handleSubmit} noValidate data-testid="adverse-event-form">
      <FormError messages={form.messages} testId="adverse-event-form-error" />
      <FormField id="adverse-event-description" label="What happened" error={form.fieldErrors.description}>
        <Textarea
          id="adverse-event-description"
          value={description}
          disabled={busy}
          aria-invalid={Boolean(form.fieldErrors.description)}
          onChange={(event) => setDescription(event.target.value)}
          data-testid="adverse-event-description"
        />
      </FormField>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <FormField id="adverse-event-severity" label="Severity (CTCAE grade)" error={form.fieldErrors.severity}>
          <NativeSelect
            id="adverse-event-severity"
            value={severity}
            disabled={busy}
            aria-invalid={Boolean(form.fieldErrors.severity)}
            onChange={(event) => setSeverity(event.target.value as AdverseSeverity | "")}
            data-testid="adverse-event-severity"
          >
            <option value="">Choose…</option>
            {ADVERSE_SEVERITIES.map((value, index) => (
              <option key={value} value={value}>
                {index + 1} — {label(value)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="adverse-event-outcome" label="Outcome" error={form.fieldErrors.outcome}>
          <NativeSelect
            id="adverse-event-outcome"
            value={outcome}
            disabled={busy}
            aria-invalid={Boolean(form.fieldErrors.outcome)}
            onChange={(event) => setOutcome(event.target.value as AdverseOutcome | "")}
            data-testid="adverse-event-outcome"
          >
            <option value="">Choose…</option>
            {ADVERSE_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {label(value)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="adverse-event-onset" label="Onset date" error={form.fieldErrors.onsetDate}>
          <Input
            id="adverse-event-onset"
            type="date"
            value={onsetDate}
            max={todayLocal()}
            disabled={busy}
            aria-invalid={Boolean(form.fieldErrors.onsetDate)}
            onChange={(event) => setOnsetDate(event.target.value)}
            data-testid="adverse-event-onset"
          />
        </FormField>
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy} data-testid="adverse-event-submit">
          {busy ? "Reporting…" : "Report adverse event"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone} data-testid="adverse-event-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
