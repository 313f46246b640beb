"use client";

import { useState, type FormEvent } from "react";
import { News2Badge } from "@/components/clinical/news2-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
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
    <form className="flex flex-col gap-4 rounded-lg border p-4" onSubmit={handleSubmit} noValidate data-testid="vitals-form">
      <FormError messages={form.messages} testId="vitals-form-error" />
      {saved ? (
        <Alert className="flex flex-wrap items-center gap-2" data-testid="vitals-form-saved">
          <span>Recorded.</span>
          <News2Badge news2={saved.news2} testId="vitals-form-saved-news2" />
          {saved.alertId ? <span data-testid="vitals-form-alert-raised">An alert was raised for the care team.</span> : null}
        </Alert>
      ) : null}
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {NUMERIC_VITALS.map((item) => (
          <FormField key={item.key} id={`vitals-${item.key}`} label={`${item.label} (${item.unit})`} error={form.fieldErrors[item.key]}>
            <Input
              id={`vitals-${item.key}`}
              type="number"
              inputMode="decimal"
              step={item.step}
              value={values.numbers[item.key]}
              disabled={busy}
              aria-invalid={Boolean(form.fieldErrors[item.key])}
              onChange={(event) => setNumber(item.key, event.target.value)}
              data-testid={`vitals-${item.key}`}
            />
          </FormField>
        ))}
        <FormField id="vitals-onOxygen" label="Air or oxygen" error={form.fieldErrors.onOxygen}>
          <NativeSelect
            id="vitals-onOxygen"
            value={values.onOxygen}
            disabled={busy}
            onChange={(event) => setValues((current) => ({ ...current, onOxygen: event.target.value as "" | "air" | "oxygen" }))}
            data-testid="vitals-onOxygen"
          >
            <option value="">Not recorded</option>
            <option value="air">Air</option>
            <option value="oxygen">Supplemental oxygen</option>
          </NativeSelect>
        </FormField>
        <FormField id="vitals-consciousness" label="Consciousness (ACVPU)" error={form.fieldErrors.consciousness} className="col-span-2">
          <NativeSelect
            id="vitals-consciousness"
            value={values.consciousness}
            disabled={busy}
            onChange={(event) =>
              setValues((current) => ({ ...current, consciousness: event.target.value as Consciousness | "" }))
            }
            data-testid="vitals-consciousness"
          >
            <option value="">Not recorded</option>
            {CONSCIOUSNESS_LEVELS.map((level) => (
              <option key={level.value} value={level.value}>
                {level.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <p className="text-xs text-muted-foreground">
        NEWS2 needs respiration rate, SpO2, air or oxygen, systolic BP, pulse, consciousness and temperature; a partial set
        gets a partial score.
      </p>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy} data-testid="vitals-submit">
          {busy ? "Saving…" : "Record vitals"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone} data-testid="vitals-form-close">
          Close
        </Button>
      </div>
    </form>
  );
}
