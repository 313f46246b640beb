"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useCancelAppointment } from "@/hooks/use-appointments";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { Appointment } from "@/lib/api/types";

const isKnown = (path: string) => path === "reason";

/** Cancels an appointment with a reason; the slot is freed. */
export function CancelForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const cancel = useCancelAppointment();
  const form = useFormErrors(isKnown);
  const [reason, setReason] = useState("");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    if (!reason.trim()) return form.setFieldErrors({ reason: "Say why it is cancelled." });
    cancel.mutate(
      { id: appointment.id, reason: reason.trim(), version: appointment.version },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  return (
    <form className="flex flex-col gap-3 rounded-md border bg-muted/30 p-3" onSubmit={handleSubmit} noValidate data-testid="cancel-form">
      <FormError messages={form.messages} testId="cancel-form-error" />
      <FormField id={`cancel-reason-${appointment.id}`} label="Reason for cancelling" error={form.fieldErrors.reason}>
        <Input
          id={`cancel-reason-${appointment.id}`}
          value={reason}
          maxLength={500}
          disabled={cancel.isPending}
          onChange={(event) => setReason(event.target.value)}
          data-testid="cancel-reason"
        />
      </FormField>
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="destructive" disabled={cancel.isPending} data-testid="cancel-submit">
          {cancel.isPending ? "Cancelling…" : "Cancel appointment"}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone} data-testid="cancel-keep">
          Keep it
        </Button>
      </div>
    </form>
  );
}
