"use client";

import { useState, type FormEvent } from "react";
import { DurationField } from "@/components/reception/duration-field";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/form-field";
import { useRescheduleAppointment } from "@/hooks/use-appointments";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { Appointment } from "@/lib/api/types";
import { addMinutesIso, localDate, localTime, localToIso, minutesBetween } from "@/lib/day-time";

const isKnown = (path: string) => path === "startsAt" || path === "endsAt";

/** Moves an appointment to another time (same doctor); a clash or a stale copy answers 409. */
export function RescheduleForm({ appointment, onDone }: { appointment: Appointment; onDone: () => void }) {
  const reschedule = useRescheduleAppointment();
  const form = useFormErrors(isKnown);
  const start = new Date(appointment.startsAt);
  const [date, setDate] = useState(localDate(start));
  const [time, setTime] = useState(localTime(start));
  const [duration, setDuration] = useState(minutesBetween(appointment.startsAt, appointment.endsAt));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const startsAt = localToIso(date, time);
    if (!startsAt) return form.setFieldErrors({ startsAt: "Choose a date and time." });
    reschedule.mutate(
      { id: appointment.id, startsAt, endsAt: addMinutesIso(startsAt, duration), version: appointment.version },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  const busy = reschedule.isPending;
  return (
    <form className="flex flex-col gap-3 rounded-md border bg-muted/30 p-3" onSubmit={handleSubmit} noValidate data-testid="reschedule-form">
      <FormError messages={form.messages} testId="reschedule-form-error" />
      <div className="grid grid-cols-3 gap-3">
        <TextField id={`reschedule-date-${appointment.id}`} testId="reschedule-date" label="Date" type="date" value={date} disabled={busy}
          onValueChange={setDate} />
        <TextField id={`reschedule-time-${appointment.id}`} testId="reschedule-time" label="Time" error={form.fieldErrors.startsAt ?? form.fieldErrors.endsAt}
          type="time" step={300} value={time} disabled={busy} onValueChange={setTime} />
        <DurationField id={`reschedule-duration-${appointment.id}`} testId="reschedule-duration" value={duration} disabled={busy} onChange={setDuration} />
      </div>
      <FormActions testId="reschedule" busy={busy} submitLabel="Move appointment" busyLabel="Moving…" size="sm" onCancel={onDone} cancelLabel="Keep as is" />
    </form>
  );
}
