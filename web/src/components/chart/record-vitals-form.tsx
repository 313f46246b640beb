"use client";

import { useState, type FormEvent } from "react";
import { ChartForm } from "@/components/chart/chart-form";
import { News2Badge } from "@/components/clinical/news2-badge";
import { Alert } from "@/components/ui/alert";
import { SelectField, TextField } from "@/components/ui/form-field";
import { useFormErrors } from "@/hooks/use-form-errors";
import { useRecordVitals } from "@/hooks/use-vitals";
import type { Consciousness, VitalsCreated } from "@/lib/api/types";
import {
  CONSCIOUSNESS_LEVELS,
  NUMERIC_VITALS,
  VITALS_FIELDS,
  emptyVitalsValues,
  toVitalsInput,
  type NumericVital,
} from "@/lib/vitals-form-model";

const isKnown = (path: string) => VITALS_FIELDS.has(path);
const OXYGEN = [
  { value: "air", label: "Air" },
  { value: "oxygen", label: "Supplemental oxygen" },
];

/** Records a set of observations; implausible values come back from the server on their fields. */
export function RecordVitalsForm({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const record = useRecordVitals(patientId);
  const form = useFormErrors(isKnown);
  const [values, setValues] = useState(emptyVitalsValues);
  const [saved, setSaved] = useState<VitalsCreated | null>(null);
  const busy = record.isPending;

  function setNumber(key: NumericVital, text: string) {
    setValues((current) => ({ ...current, numbers: { ...current.numbers, [key]: text } }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    setSaved(null);
    const { input, errors } = toVitalsInput(values);
    if (errors.form) return form.setMessages([errors.form]);
    if (Object.keys(errors).length > 0) return form.setFieldErrors(errors);
    record.mutate(input, {
      onSuccess: (created) => {
        setSaved(created);
        setValues(emptyVitalsValues());
      },
      onError: form.showServerError,
    });
  }

  return (
    <ChartForm name="vitals" messages={form.messages} onSubmit={handleSubmit} busy={busy}
      submitLabel="Record vitals" busyLabel="Saving…" onCancel={onDone} cancelLabel="Close" cancelTestId="vitals-form-close">
      {saved ? (
        <Alert className="flex flex-wrap items-center gap-2" data-testid="vitals-form-saved">
          <span>Recorded.</span>
          <News2Badge news2={saved.news2} testId="vitals-form-saved-news2" />
          {saved.alertId ? <span data-testid="vitals-form-alert-raised">An alert was raised for the care team.</span> : null}
        </Alert>
      ) : null}
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {NUMERIC_VITALS.map((item) => (
          <TextField key={item.key} id={`vitals-${item.key}`} label={`${item.label} (${item.unit})`} error={form.fieldErrors[item.key]} type="number"
            inputMode="decimal" step={item.step} value={values.numbers[item.key]} disabled={busy} onValueChange={(text) => setNumber(item.key, text)} />
        ))}
        <SelectField id="vitals-onOxygen" label="Air or oxygen" error={form.fieldErrors.onOxygen} value={values.onOxygen} disabled={busy}
          onValueChange={(value) => setValues((current) => ({ ...current, onOxygen: value as "" | "air" | "oxygen" }))} placeholder="Not recorded"
          options={OXYGEN} />
        <SelectField id="vitals-consciousness" label="Consciousness (ACVPU)" error={form.fieldErrors.consciousness} className="col-span-2"
          value={values.consciousness} disabled={busy}
          onValueChange={(value) => setValues((current) => ({ ...current, consciousness: value as Consciousness | "" }))} placeholder="Not recorded"
          options={CONSCIOUSNESS_LEVELS} />
      </div>
      <p className="text-xs text-muted-foreground">
        NEWS2 needs respiration rate, SpO2, air or oxygen, systolic BP, pulse, consciousness and temperature; a partial set
        gets a partial score.
      </p>
    </ChartForm>
  );
}
