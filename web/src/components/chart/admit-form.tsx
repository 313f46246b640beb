"use client";

import { useState, type FormEvent } from "react";
import { WardBedPicker } from "@/components/chart/ward-bed-picker";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useOpenEncounter } from "@/hooks/use-encounters";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { EncounterKind } from "@/lib/api/types";

const KNOWN = new Set(["kind", "reason", "wardId", "bedId"]);
const isKnown = (path: string) => KNOWN.has(path);

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
    <form className="flex flex-col gap-4 rounded-lg border p-4" onSubmit={handleSubmit} noValidate data-testid="admit-form">
      <FormError messages={form.messages} testId="admit-form-error" />
      <FormField id="admit-kind" label="Encounter" error={form.fieldErrors.kind} className="max-w-xs">
        <NativeSelect
          id="admit-kind"
          value={kind}
          disabled={open.isPending}
          onChange={(event) => setKind(event.target.value as EncounterKind)}
          data-testid="admit-kind"
        >
          <option value="inpatient">Inpatient admission</option>
          <option value="emergency">Emergency</option>
          <option value="outpatient">Outpatient visit</option>
        </NativeSelect>
      </FormField>
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
      <FormField id="admit-reason" label="Reason (optional)" error={form.fieldErrors.reason}>
        <Textarea
          id="admit-reason"
          value={reason}
          disabled={open.isPending}
          onChange={(event) => setReason(event.target.value)}
          data-testid="admit-reason"
        />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" disabled={open.isPending} data-testid="admit-submit">
          {open.isPending ? "Saving…" : kind === "inpatient" ? "Admit" : "Open encounter"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone} data-testid="admit-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
