"use client";

import { useState, type FormEvent } from "react";
import { DurationField } from "@/components/reception/duration-field";
import { PatientPicker } from "@/components/reception/patient-picker";
import { SlotGrid } from "@/components/reception/slot-grid";
import { Alert } from "@/components/ui/alert";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/form-field";
import { useBookAppointment } from "@/hooks/use-appointments";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { Appointment, PatientRef } from "@/lib/api/types";
import { addMinutesIso, localToIso } from "@/lib/day-time";
import { statusOf } from "@/lib/problem";

const KNOWN = new Set(["patientId", "doctorId", "startsAt", "endsAt", "reason"]);
const isKnown = (path: string) => KNOWN.has(path);

interface BookAppointmentFormProps {
  doctorId: string;
  date: string;
  appointments: Appointment[];
  onBooked: (appointment: Appointment) => void;
}

/** Books a patient into a slot of the doctor's day; a slot taken meanwhile answers 409. */
export function BookAppointmentForm({ doctorId, date, appointments, onBooked }: BookAppointmentFormProps) {
  const book = useBookAppointment();
  const form = useFormErrors(isKnown);
  const [patient, setPatient] = useState<PatientRef | null>(null);
  const [time, setTime] = useState("");
  const [duration, setDuration] = useState(30);
  const [reason, setReason] = useState("");
  const [clash, setClash] = useState<string | null>(null);
  const busy = book.isPending;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    setClash(null);
    const errors: Record<string, string> = {};
    const startsAt = localToIso(date, time);
    if (!patient) errors.patientId = "Find and choose the patient.";
    if (!startsAt) errors.startsAt = "Choose a slot or type a time.";
    if (!reason.trim()) errors.reason = "Give a reason for the visit.";
    else if (reason.trim().length > 500) errors.reason = "At most 500 characters.";
    if (Object.keys(errors).length > 0 || !patient || !startsAt) return form.setFieldErrors(errors);
    book.mutate(
      { patientId: patient.id, doctorId, startsAt, endsAt: addMinutesIso(startsAt, duration), reason: reason.trim() },
      {
        onSuccess: (appointment) => {
          setPatient(null);
          setTime("");
          setReason("");
          onBooked(appointment);
        },
        onError: (error) => {
          if (statusOf(error) === 409) {
            form.showServerError(error);
            setClash(time);
            return;
          }
          form.showServerError(error);
        },
      },
    );
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={handleSubmit} noValidate data-testid="book-form">
      {clash ? (
        <Alert variant="destructive" data-testid="booking-conflict">
          <p className="font-semibold">The {clash} slot is no longer free.</p>
          <p>{form.messages.join(" ")}</p>
        </Alert>
      ) : (
        <FormError messages={form.messages} testId="book-form-error" />
      )}
      <PatientPicker id="book-patient" value={patient} disabled={busy} error={form.fieldErrors.patientId} onChange={setPatient} />
      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium">Slot</span>
        <SlotGrid date={date} appointments={appointments} selected={time} durationMinutes={duration} disabled={busy} onPick={setTime} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <TextField id="book-time" label="Start time" error={form.fieldErrors.startsAt ?? form.fieldErrors.endsAt} type="time" step={300} value={time}
          disabled={busy} aria-invalid={Boolean(form.fieldErrors.startsAt)} onValueChange={setTime} />
        <DurationField id="book-duration" testId="book-duration" value={duration} disabled={busy} onChange={setDuration} />
      </div>
      <TextField id="book-reason" label="Reason" error={form.fieldErrors.reason} value={reason} maxLength={500} disabled={busy} onValueChange={setReason} />
      <FormActions testId="book" busy={busy} submitLabel="Book appointment" busyLabel="Booking…" />
    </form>
  );
}
