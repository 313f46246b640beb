// Shapes of the clinical REST API (wards, encounters, vitals, alerts, ICD-10), as the
// server's schemas define them (JSON, camelCase). Appointments, labs and adverse events
// have their own files.

export interface PersonRef {
  id: string;
  name: string;
}

export interface PatientRef extends PersonRef {
  mrn: string;
}

// --- wards, beds, census -----------------------------------------------------------

export interface WardSummary {
  id: string;
  code: string;
  name: string;
  bedCount: number;
  occupiedCount: number;
}

export interface Bed {
  id: string;
  wardId: string;
  label: string;
  occupied: boolean;
}

export interface Ward {
  id: string;
  code: string;
  name: string;
  beds: Bed[];
}

export type EncounterKind = "outpatient" | "emergency" | "inpatient";

export interface Occupant {
  patient: PatientRef;
  encounterId: string;
  kind: EncounterKind;
  admittedAt: string;
  inBedSince: string;
  lengthOfStayHours: number;
  lengthOfStayDays: number;
}

export interface CensusBed {
  bedId: string;
  label: string;
  occupant: Occupant | null;
}

export interface Census {
  ward: { id: string; code: string; name: string };
  asOf: string;
  totalBeds: number;
  occupied: number;
  beds: CensusBed[];
}

// --- encounters ----------------------------------------------------------------------

export type Disposition = "home" | "transfer-other-facility" | "deceased" | "against-medical-advice" | "other";

export const DISPOSITIONS: { value: Disposition; label: string }[] = [
  { value: "home", label: "Home" },
  { value: "transfer-other-facility", label: "Transfer to another facility" },
  { value: "deceased", label: "Deceased" },
  { value: "against-medical-advice", label: "Left against medical advice" },
  { value: "other", label: "Other" },
];

export interface BedPlacement {
  wardId: string;
  wardCode: string;
  wardName: string;
  bedId: string;
  bedLabel: string;
  startedAt: string;
  endedAt: string | null;
}

export interface Diagnosis {
  code: string;
  description: string;
}

export interface Encounter {
  id: string;
  patientId: string;
  kind: EncounterKind;
  status: "open" | "closed";
  reason: string | null;
  openedAt: string;
  openedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  disposition: Disposition | null;
  dischargeDiagnoses: Diagnosis[];
  dischargeNote: string | null;
  bed: BedPlacement | null;
  stays: BedPlacement[];
}

/** `encounter:admitted`, `encounter:transferred`, `encounter:discharged`: where the patient is now and the bed just left. */
export interface EncounterEvent {
  encounterId: string;
  patientId: string;
  kind: EncounterKind;
  status: "open" | "closed";
  wardId: string | null;
  bedId: string | null;
  fromWardId: string | null;
  fromBedId: string | null;
}

export interface EncounterCreate {
  patientId: string;
  kind: EncounterKind;
  reason?: string | null;
  wardId?: string | null;
  bedId?: string | null;
}

export interface DischargeInput {
  disposition: Disposition;
  diagnoses: string[];
  note?: string | null;
}

export interface Icd10Code {
  code: string;
  description: string;
  billable: boolean;
}

// --- vitals and NEWS2 ----------------------------------------------------------------

export type Consciousness = "alert" | "confusion" | "voice" | "pain" | "unresponsive";
export type News2Band = "low" | "low-medium" | "medium" | "high";

export interface News2 {
  total: number;
  band: News2Band;
  subscores: Record<string, number>;
  missing: string[];
  scale: number;
}

export interface VitalsSet {
  id: string;
  patientId: string;
  recordedAt: string;
  recordedBy: string | null;
  heartRate: number | null;
  systolicBp: number | null;
  diastolicBp: number | null;
  temperature: number | null;
  spo2: number | null;
  respirationRate: number | null;
  onOxygen: boolean | null;
  consciousness: Consciousness | null;
  weightKg: number | null;
  heightCm: number | null;
  news2: News2 | null;
}

export interface VitalsCreated extends VitalsSet {
  alertId: string | null;
}

export interface VitalsInput {
  heartRate?: number;
  systolicBp?: number;
  diastolicBp?: number;
  temperature?: number;
  spo2?: number;
  respirationRate?: number;
  onOxygen?: boolean;
  consciousness?: Consciousness;
  weightKg?: number;
  heightCm?: number;
  recordedAt?: string;
}

export interface VitalsSeries {
  patientId: string;
  from: string;
  to: string;
  items: VitalsSet[];
  truncated: boolean;
}

export interface LatestVitals {
  patientId: string;
  vitals: VitalsSet | null;
}

export interface WardPatientVitals {
  bed: { id: string; label: string };
  patient: PatientRef;
  encounterId: string;
  vitals: VitalsSet | null;
}

export interface WardLatestVitals {
  ward: { id: string; code: string; name: string };
  asOf: string;
  items: WardPatientVitals[];
}

// --- alerts --------------------------------------------------------------------------

export type AlertSeverity = "low-medium" | "medium" | "high" | "critical";

export interface ClinicalAlert {
  id: string;
  patient: PatientRef;
  location: { wardId: string; wardCode: string; bedLabel: string } | null;
  kind: "news2" | "lab-critical";
  severity: AlertSeverity;
  summary: string;
  sourceId: string | null;
  createdAt: string;
  status: "open" | "acknowledged";
  acknowledgedBy: { id: string; name: string | null } | null;
  acknowledgedAt: string | null;
  ackNote: string | null;
}

/** A paged list as most list endpoints return it. */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

// The other clinical shapes, so one import path serves every screen.
export * from "@/lib/adverse-event-types";
export * from "@/lib/appointment-types";
export * from "@/lib/lab-types";
