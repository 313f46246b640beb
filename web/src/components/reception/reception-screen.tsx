"use client";

import { useCallback, useEffect, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { AppointmentRow } from "@/components/reception/appointment-row";
import { BookAppointmentForm } from "@/components/reception/book-appointment-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { LoadingText } from "@/components/ui/loading-text";
import { NativeSelect } from "@/components/ui/native-select";
import { useDoctorDay, useDoctors } from "@/hooks/use-appointments";
import { useCurrentUser } from "@/hooks/use-current-user";
import { usePageTitle } from "@/hooks/use-page-title";
import type { Appointment } from "@/lib/api/types";
import { formatClock, todayLocal } from "@/lib/day-time";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";

/** A doctor's day: appointments with check-in, reschedule and cancel, and booking a slot. */
export function ReceptionScreen() {
  usePageTitle("Reception");
  const router = useRouter();
  const params = useSearchParams();
  const doctorId = params.get("doctor") ?? "";
  const date = params.get("date") ?? todayLocal();
  const { data: user } = useCurrentUser();
  const doctors = useDoctors();
  const day = useDoctorDay(doctorId || null, date);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const canManage = hasPermission(user, "appointments:manage");
  const canCheckIn = hasPermission(user, "patients:checkin");

  const show = useCallback(
    (next: { doctor: string; date: string }) => {
      const search = new URLSearchParams();
      if (next.doctor) search.set("doctor", next.doctor);
      if (next.date) search.set("date", next.date);
      router.replace(`/reception/?${search.toString()}`);
      setBooked(null);
    },
    [router],
  );

  // A single doctor needs no choosing; a doctor signed in sees their own day first.
  useEffect(() => {
    const items = doctors.data?.items ?? [];
    if (doctorId || items.length === 0) return;
    const own = items.find((doctor) => doctor.id === user?.id);
    if (own || items.length === 1) show({ doctor: (own ?? items[0]).id, date });
  }, [doctorId, doctors.data, user?.id, date, show]);

  const appointments = day.data?.items ?? [];
  const doctorName = doctors.data?.items.find((doctor) => doctor.id === doctorId)?.name;

  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-testid="reception">
      <Card>
        <CardHeader className="flex flex-col gap-4">
          <div className="flex flex-col gap-1.5">
            <CardTitle>Appointments</CardTitle>
            <CardDescription>{doctorName ? `${doctorName} · ${date}` : "Choose a doctor."}</CardDescription>
          </div>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="reception-doctor" className="mb-1.5 block text-sm font-medium">
                Doctor
              </label>
              <NativeSelect id="reception-doctor" value={doctorId} onChange={(event) => show({ doctor: event.target.value, date })} data-testid="reception-doctor">
                <option value="">Choose a doctor…</option>
                {(doctors.data?.items ?? []).map((doctor) => (
                  <option key={doctor.id} value={doctor.id}>
                    {doctor.name}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div>
              <label htmlFor="reception-date" className="mb-1.5 block text-sm font-medium">
                Day
              </label>
              <Input
                id="reception-date"
                type="date"
                value={date}
                onChange={(event) => event.target.value && show({ doctor: doctorId, date: event.target.value })}
                data-testid="reception-date"
              />
            </div>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          {doctors.error ? <Alert variant="destructive">{errorMessage(doctors.error)}</Alert> : null}
          {day.error ? (
            <Alert variant="destructive" data-testid="appointments-error">
              {errorMessage(day.error)}
            </Alert>
          ) : null}
          {doctorId && day.isPending && !day.error ? <LoadingText /> : null}
          {day.data && appointments.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="appointments-none">
              No appointments on this day.
            </p>
          ) : null}
          {appointments.length > 0 ? (
            <ol className="flex flex-col gap-2" data-testid="appointment-list">
              {appointments.map((appointment) => (
                <AppointmentRow key={appointment.id} appointment={appointment} canManage={canManage} canCheckIn={canCheckIn} />
              ))}
            </ol>
          ) : null}
        </CardContent>
      </Card>
      {canManage && doctorId ? (
        <Card>
          <CardHeader>
            <CardTitle>Book an appointment</CardTitle>
            <CardDescription>
              {doctorName} · {date}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {booked ? (
              <Alert data-testid="booking-confirmed">
                Booked {booked.patient.name} at {formatClock(booked.startsAt)}.
              </Alert>
            ) : null}
            <BookAppointmentForm key={`${doctorId}-${date}`} doctorId={doctorId} date={date} appointments={appointments} onBooked={setBooked} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
