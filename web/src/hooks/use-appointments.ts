"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Appointment, AppointmentCreate, AppointmentDay, Paged, PersonRef } from "@/lib/api/types";
import { browserTimeZone } from "@/lib/day-time";

export const appointmentKeys = {
  all: ["appointments"] as const,
  day: (doctorId: string, date: string) => ["appointments", "day", doctorId, date] as const,
};

export function useDoctors() {
  return useQuery({
    queryKey: ["doctors"],
    staleTime: 5 * 60_000,
    queryFn: async () => (await api.get<Paged<PersonRef>>("/doctors", { params: { pageSize: 100 } })).data,
  });
}

/**
 * One doctor's appointments on one day, by start time. The day is asked for in the browser's
 * time zone, the zone this screen picks dates and shows times in (the server would otherwise
 * use the hospital's); at the front desk the two are normally the same.
 */
export function useDoctorDay(doctorId: string | null, date: string) {
  return useQuery({
    queryKey: appointmentKeys.day(doctorId ?? "", date),
    enabled: Boolean(doctorId && date),
    queryFn: async () =>
      (
        await api.get<AppointmentDay>("/appointments", {
          params: { doctorId, date, tz: browserTimeZone(), includeCancelled: true, pageSize: 100 },
        })
      ).data,
  });
}

function useAppointmentWrite<Variables>(write: (variables: Variables) => Promise<Appointment>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => void queryClient.invalidateQueries({ queryKey: appointmentKeys.all }),
  });
}

const path = (id: string) => `/appointments/${encodeURIComponent(id)}`;

export function useBookAppointment() {
  return useAppointmentWrite(
    async (input: AppointmentCreate) => (await api.post<Appointment>("/appointments", input)).data,
  );
}

export function useRescheduleAppointment() {
  return useAppointmentWrite(
    async ({ id, ...body }: { id: string; startsAt: string; endsAt: string; version: number }) =>
      (await api.post<Appointment>(`${path(id)}/reschedule`, body)).data,
  );
}

export function useCancelAppointment() {
  return useAppointmentWrite(
    async ({ id, ...body }: { id: string; reason: string; version: number }) =>
      (await api.post<Appointment>(`${path(id)}/cancel`, body)).data,
  );
}

/** Check-in is open on the appointment's day in the hospital's time zone, which the server decides. */
export function useCheckInAppointment() {
  return useAppointmentWrite(
    async (id: string) => (await api.post<Appointment>(`${path(id)}/check-in`)).data,
  );
}
