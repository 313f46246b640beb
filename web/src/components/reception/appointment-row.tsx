"use client";

import { useState } from "react";
import { CancelForm } from "@/components/reception/cancel-form";
import { RescheduleForm } from "@/components/reception/reschedule-form";
import { PatientChartLink } from "@/components/patients/patient-list-table";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useCheckInAppointment } from "@/hooks/use-appointments";
import type { Appointment } from "@/lib/api/types";
import { formatClock, localDate, todayLocal } from "@/lib/day-time";
import { errorMessage } from "@/lib/problem";

const STATUS_VARIANT = { booked: "secondary", "checked-in": "success", cancelled: "muted" } as const;

interface AppointmentRowProps {
  appointment: Appointment;
  canManage: boolean;
  canCheckIn: boolean;
}

/** One appointment of the day with check-in, reschedule and cancel. */
export function AppointmentRow({ appointment, canManage, canCheckIn }: AppointmentRowProps) {
  const checkIn = useCheckInAppointment();
  const [mode, setMode] = useState<"reschedule" | "cancel" | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const booked = appointment.status === "booked";
  // Patients arrive on the day: only today's appointments are checked in.
  const today = localDate(new Date(appointment.startsAt)) === todayLocal();

  return (
    <li
      className="flex flex-col gap-2 rounded-lg border bg-card p-3"
      data-testid="appointment-row"
      data-appointment-id={appointment.id}
      data-patient-id={appointment.patient.id}
      data-status={appointment.status}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <span className="font-mono text-sm font-semibold" data-testid="appointment-time">
            {formatClock(appointment.startsAt)}–{formatClock(appointment.endsAt)}
          </span>
          <PatientChartLink patient={appointment.patient} testId="appointment-patient" />
          <span className="font-mono text-xs text-muted-foreground">{appointment.patient.mrn}</span>
          <span className="text-sm text-muted-foreground">{appointment.reason}</span>
          <Badge variant={STATUS_VARIANT[appointment.status]} data-testid="appointment-status">
            {appointment.status}
          </Badge>
        </div>
        {booked && mode === null ? (
          <div className="flex gap-2">
            {canCheckIn && today ? (
              <Button
                size="sm"
                disabled={checkIn.isPending}
                onClick={() => {
                  setFailure(null);
                  checkIn.mutate(appointment.id, { onError: (error) => setFailure(errorMessage(error)) });
                }}
                data-testid="appointment-check-in"
              >
                {checkIn.isPending ? "Checking in…" : "Check in"}
              </Button>
            ) : null}
            {canManage ? (
              <>
                <Button size="sm" variant="outline" onClick={() => setMode("reschedule")} data-testid="appointment-reschedule">
                  Reschedule
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setMode("cancel")} data-testid="appointment-cancel">
                  Cancel
                </Button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      {appointment.status === "cancelled" && appointment.cancelReason ? (
        <p className="text-xs text-muted-foreground">Cancelled: {appointment.cancelReason}</p>
      ) : null}
      {appointment.status === "checked-in" && appointment.checkedInAt ? (
        <p className="text-xs text-muted-foreground" data-testid="appointment-checked-in-at">
          Arrived {formatClock(appointment.checkedInAt)} · visit opened
        </p>
      ) : null}
      {failure ? (
        <Alert variant="destructive" data-testid="appointment-error">
          {failure}
        </Alert>
      ) : null}
      {mode === "reschedule" ? <RescheduleForm appointment={appointment} onDone={() => setMode(null)} /> : null}
      {mode === "cancel" ? <CancelForm appointment={appointment} onDone={() => setMode(null)} /> : null}
    </li>
  );
}
