"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useEndPrescription } from "@/hooks/use-prescriptions";
import type { Prescription } from "@/lib/api/types";
import { errorMessage } from "@/lib/problem";

/** Cancels a prescription nothing was dispensed from yet, or stops one that was, with a reason. */
export function EndPrescriptionForm({ prescription, onDone }: { prescription: Prescription; onDone: () => void }) {
  const end = useEndPrescription();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const how = prescription.status === "active" ? "cancel" : "stop";

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim().length < 3) return setError("Say why (at least 3 characters).");
    setError(null);
    end.mutate(
      { id: prescription.id, how, reason: reason.trim() },
      { onSuccess: onDone, onError: (failure) => setError(errorMessage(failure)) },
    );
  }

  const fieldId = `end-reason-${prescription.id}`;
  return (
    <form className="flex flex-col gap-2 rounded-md border bg-muted/30 p-3" onSubmit={handleSubmit} noValidate data-testid="end-prescription-form">
      <FormError messages={error ? [error] : []} testId="end-prescription-error" />
      <FormField id={fieldId} label={how === "cancel" ? "Reason for cancelling" : "Reason for stopping"}>
        <Input id={fieldId} value={reason} maxLength={1000} disabled={end.isPending} onChange={(event) => setReason(event.target.value)} data-testid="end-prescription-reason" />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="destructive" disabled={end.isPending} data-testid="end-prescription-submit">
          {end.isPending ? "Saving…" : how === "cancel" ? "Cancel prescription" : "Stop prescription"}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone} data-testid="end-prescription-keep">
          Keep it
        </Button>
      </div>
    </form>
  );
}
