"use client";

import { useState, type FormEvent } from "react";
import { ChartForm } from "@/components/chart/chart-form";
import { WardBedPicker } from "@/components/chart/ward-bed-picker";
import { useTransferEncounter } from "@/hooks/use-encounters";
import { useFormErrors } from "@/hooks/use-form-errors";

const isKnown = (path: string) => path === "wardId" || path === "bedId";

/** Moves an open stay to another free bed (same ward or another). */
export function TransferForm({ patientId, encounterId, onDone }: { patientId: string; encounterId: string; onDone: () => void }) {
  const transfer = useTransferEncounter(patientId);
  const form = useFormErrors(isKnown);
  const [placement, setPlacement] = useState({ wardId: "", bedId: "" });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const errors: Record<string, string> = {};
    if (!placement.wardId) errors.wardId = "Choose a ward.";
    if (!placement.bedId) errors.bedId = "Choose a bed.";
    if (Object.keys(errors).length > 0) return form.setFieldErrors(errors);
    transfer.mutate({ encounterId, ...placement }, { onSuccess: onDone, onError: form.showServerError });
  }

  return (
    <ChartForm name="transfer" messages={form.messages} onSubmit={handleSubmit} busy={transfer.isPending}
      submitLabel="Transfer" busyLabel="Moving…" onCancel={onDone}>
      <WardBedPicker
        idPrefix="transfer"
        wardId={placement.wardId}
        bedId={placement.bedId}
        disabled={transfer.isPending}
        errors={form.fieldErrors}
        onChange={setPlacement}
      />
    </ChartForm>
  );
}
