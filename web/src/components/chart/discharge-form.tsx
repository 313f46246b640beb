"use client";

import { useState, type FormEvent } from "react";
import { ChartForm } from "@/components/chart/chart-form";
import { Icd10Picker } from "@/components/chart/icd10-picker";
import { SelectField, TextareaField } from "@/components/ui/form-field";
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
    <ChartForm name="discharge" messages={form.messages} onSubmit={handleSubmit} busy={discharge.isPending}
      submitLabel="Discharge" busyLabel="Discharging…" variant="destructive" onCancel={onDone}>
      <SelectField id="discharge-disposition" label="Disposition" error={form.fieldErrors.disposition} className="max-w-sm" value={disposition}
        disabled={discharge.isPending} onValueChange={(value) => setDisposition(value as Disposition | "")} placeholder="Choose…"
        options={DISPOSITIONS} />
      <Icd10Picker
        id="discharge-diagnoses"
        value={diagnoses}
        disabled={discharge.isPending}
        error={form.fieldErrors.diagnoses}
        itemErrors={itemErrors}
        onChange={setDiagnoses}
      />
      <TextareaField id="discharge-note" label="Discharge note (optional)" error={form.fieldErrors.note} value={note} disabled={discharge.isPending}
        onValueChange={setNote} />
    </ChartForm>
  );
}
