"use client";

import { useState, type FormEvent } from "react";
import { DURATIONS } from "@/components/reception/book-appointment-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
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
  const durations = DURATIONS.includes(duration) ? DURATIONS : [...DURATIONS, duration].sort((a, b) => a - b);

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
        <FormField id={`reschedule-date-${appointment.id}`} label="Date">
          <Input id={`reschedule-date-${appointment.id}`} type="date" value={date} disabled={busy} onChange={(event) => setDate(event.target.value)} data-testid="reschedule-date" />
        </FormField>
        <FormField id={`reschedule-time-${appointment.id}`} label="Time" error={form.fieldErrors.startsAt ?? form.fieldErrors.endsAt}>
          <Input id={`reschedule-time-${appointment.id}`} type="time" step={300} value={time} disabled={busy} onChange={(event) => setTime(event.target.value)} data-testid="reschedule-time" />
        </FormField>
        <FormField id={`reschedule-duration-${appointment.id}`} label="Length">
          <NativeSelect
            id={`reschedule-duration-${appointment.id}`}
            value={duration}
            disabled={busy}
            onChange={(event) => setDuration(Number(event.target.value))}
            data-testid="reschedule-duration"
          >
            {durations.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes} minutes
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={busy} data-testid="reschedule-submit">
          {busy ? "Moving…" : "Move appointment"}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone} data-testid="reschedule-cancel">
          Keep as is
        </Button>
      </div>
    </form>
  );
}
