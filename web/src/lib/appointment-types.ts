// Appointments as the REST API shows them (JSON, camelCase).

import type { PatientRef, PersonRef } from "@/lib/clinical-types";

export type AppointmentStatus = "booked" | "checked-in" | "cancelled";

export interface Appointment {
  id: string;
  patient: PatientRef;
  doctor: PersonRef;
  startsAt: string;
  endsAt: string;
  reason: string;
  status: AppointmentStatus;
  cancelReason: string | null;
  cancelledAt: string | null;
  checkedInAt: string | null;
  encounterId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AppointmentDay {
  items: Appointment[];
  page: number;
  pageSize: number;
  total: number;
  windowStart: string | null;
  windowEnd: string | null;
}

export interface AppointmentCreate {
  patientId: string;
  doctorId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}
