"use client";

import { useState, type FormEvent } from "react";
import { Icd10Picker } from "@/components/chart/icd10-picker";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useDischargeEncounter } from "@/hooks/use-encounters";
import { useFormErrors } from "@/hooks/use-form-errors";
import { DISPOSITIONS } from "@/lib/format";
import type { Diagnosis, Disposition, Encounter } from "@/lib/api/types";

const isKnown = (path: string) => ["disposition", "diagnoses", "note"].includes(path) || /^diagnoses\.\d+$/.test(path);

/** Closes an encounter with a disposition and ICD-10-CM diagnoses (inpatients need one). */
export function DischargeForm({ encounter, onDone }: { encounter: Encounter; onDone: () => void }) {
  const discharge = useDischargeEncounter(encounter.patientId);
  const form = useFormErrors(isKnown);
  const [disposition, setDisposition] = useState<Disposition | "">("");
  const [diagnoses, setDiagnoses] = useState<Diagnosis[]>([]);
  const [note, setNote] = useState("");
  const itemErrors: Record<number, string> = {};
  for (const [path, message] of Object.entries(form.fieldErrors)) {
    const match = /^diagnoses\.(\d+)$/.exec(path);
    if (match) itemErrors[Number(match[1])] = message;
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const errors: Record<string, string> = {};
    if (!disposition) errors.disposition = "Choose where the patient goes.";
    if (encounter.kind === "inpatient" && diagnoses.length === 0) errors.diagnoses = "Add at least one diagnosis.";
    if (Object.keys(errors).length > 0) return form.setFieldErrors(errors);
    discharge.mutate(
      {
        encounterId: encounter.id,
        disposition: disposition as Disposition,
        diagnoses: diagnoses.map((item) => item.code),
        note: note.trim() || null,
      },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  return (
    <form className="flex flex-col gap-4 rounded-lg border p-4" onSubmit={handleSubmit} noValidate data-testid="discharge-form">
      <FormError messages={form.messages} testId="discharge-form-error" />
      <FormField id="discharge-disposition" label="Disposition" error={form.fieldErrors.disposition} className="max-w-sm">
        <NativeSelect
          id="discharge-disposition"
          value={disposition}
          disabled={discharge.isPending}
          aria-invalid={Boolean(form.fieldErrors.disposition)}
          onChange={(event) => setDisposition(event.target.value as Disposition | "")}
          data-testid="discharge-disposition"
        >
          <option value="">Choose…</option>
          {DISPOSITIONS.map((item) => (
            <option key={item.value} value={item.value}>
              {item.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <Icd10Picker
        id="discharge-diagnoses"
        value={diagnoses}
        disabled={discharge.isPending}
        error={form.fieldErrors.diagnoses}
        itemErrors={itemErrors}
        onChange={setDiagnoses}
      />
      <FormField id="discharge-note" label="Discharge note (optional)" error={form.fieldErrors.note}>
        <Textarea
          id="discharge-note"
          value={note}
          disabled={discharge.isPending}
          onChange={(event) => setNote(event.target.value)}
          data-testid="discharge-note"
        />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" variant="destructive" disabled={discharge.isPending} data-testid="discharge-submit">
          {discharge.isPending ? "Discharging…" : "Discharge"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone} data-testid="discharge-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
