"use client";

import { useState, type FormEvent } from "react";
import { ChartForm } from "@/components/chart/chart-form";
import { plainOptions, SelectField, TextareaField, TextField } from "@/components/ui/form-field";
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
    <ChartForm name="adverse-event" messages={form.messages} onSubmit={handleSubmit} busy={busy}
      submitLabel="Report adverse event" busyLabel="Reporting…" onCancel={onDone}>
      <TextareaField id="adverse-event-description" label="What happened" error={form.fieldErrors.description} value={description} disabled={busy}
        onValueChange={setDescription} />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <SelectField id="adverse-event-severity" label="Severity (CTCAE grade)" error={form.fieldErrors.severity} value={severity} disabled={busy}
          onValueChange={(value) => setSeverity(value as AdverseSeverity | "")} placeholder="Choose…"
          options={ADVERSE_SEVERITIES.map((value, index) => ({ value, label: `${index + 1} — ${label(value)}` }))} />
        <SelectField id="adverse-event-outcome" label="Outcome" error={form.fieldErrors.outcome} value={outcome} disabled={busy}
          onValueChange={(value) => setOutcome(value as AdverseOutcome | "")} placeholder="Choose…" options={plainOptions(ADVERSE_OUTCOMES, label)} />
        <TextField id="adverse-event-onset" label="Onset date" error={form.fieldErrors.onsetDate} type="date" value={onsetDate} max={todayLocal()}
          disabled={busy} onValueChange={setOnsetDate} />
      </div>
    </ChartForm>
  );
}
