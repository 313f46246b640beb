"use client";

import { useState, type FormEvent } from "react";
import { ChartForm } from "@/components/chart/chart-form";
import { WardBedPicker } from "@/components/chart/ward-bed-picker";
import { SelectField, TextareaField } from "@/components/ui/form-field";
import { useOpenEncounter } from "@/hooks/use-encounters";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { EncounterKind } from "@/lib/api/types";

const KNOWN = new Set(["kind", "reason", "wardId", "bedId"]);
const isKnown = (path: string) => KNOWN.has(path);
const KINDS = [
  { value: "inpatient", label: "Inpatient admission" },
  { value: "emergency", label: "Emergency" },
  { value: "outpatient", label: "Outpatient visit" },
] satisfies { value: EncounterKind; label: string }[];

/** Opens an encounter: an inpatient admission takes a ward and a free bed. */
export function AdmitForm({ patientId, onDone }: { patientId: string; onDone: () => void }) {
  const open = useOpenEncounter(patientId);
  const form = useFormErrors(isKnown);
  const [kind, setKind] = useState<EncounterKind>("inpatient");
  const [reason, setReason] = useState("");
  const [placement, setPlacement] = useState({ wardId: "", bedId: "" });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const errors: Record<string, string> = {};
    if (kind === "inpatient" && !placement.wardId) errors.wardId = "Choose a ward.";
    if (kind === "inpatient" && !placement.bedId) errors.bedId = "Choose a bed.";
    if (kind === "emergency" && placement.wardId && !placement.bedId) errors.bedId = "Choose a bed, or no ward.";
    if (reason.length > 2000) errors.reason = "At most 2000 characters.";
    if (Object.keys(errors).length > 0) return form.setFieldErrors(errors);
    const withBed = kind !== "outpatient" && placement.wardId && placement.bedId;
    open.mutate(
      {
        kind,
        reason: reason.trim() || null,
        ...(withBed ? { wardId: placement.wardId, bedId: placement.bedId } : {}),
      },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  return (
    <ChartForm name="admit" messages={form.messages} onSubmit={handleSubmit} busy={open.isPending}
      submitLabel={kind === "inpatient" ? "Admit" : "Open encounter"} busyLabel="Saving…" onCancel={onDone}>
      <SelectField id="admit-kind" label="Encounter" error={form.fieldErrors.kind} className="max-w-xs" value={kind} disabled={open.isPending}
        onValueChange={(value) => setKind(value as EncounterKind)} options={KINDS} />
      {kind !== "outpatient" ? (
        <WardBedPicker
          idPrefix="admit"
          wardId={placement.wardId}
          bedId={placement.bedId}
          disabled={open.isPending}
          errors={form.fieldErrors}
          onChange={setPlacement}
        />
      ) : null}
      <TextareaField id="admit-reason" label="Reason (optional)" error={form.fieldErrors.reason} value={reason} disabled={open.isPending}
        onValueChange={setReason} />
    </ChartForm>
  );
}
