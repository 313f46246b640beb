"use client";

import { useState, type FormEvent } from "react";
import { WardBedPicker } from "@/components/chart/ward-bed-picker";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
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
    <form className="flex flex-col gap-4 rounded-lg border p-4" onSubmit={handleSubmit} noValidate data-testid="transfer-form">
      <FormError messages={form.messages} testId="transfer-form-error" />
      <WardBedPicker
        idPrefix="transfer"
        wardId={placement.wardId}
        bedId={placement.bedId}
        disabled={transfer.isPending}
        errors={form.fieldErrors}
        onChange={setPlacement}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={transfer.isPending} data-testid="transfer-submit">
          {transfer.isPending ? "Moving…" : "Transfer"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone} data-testid="transfer-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
