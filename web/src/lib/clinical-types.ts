// Shapes of the clinical REST API (wards, encounters, vitals, alerts, appointments, labs,
// adverse events, ICD-10), as the server's schemas define them (JSON, camelCase).

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

// --- appointments --------------------------------------------------------------------

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

// --- labs ----------------------------------------------------------------------------

export type LabPriority = "routine" | "urgent" | "stat";
export type LabOrderStatus = "pending" | "in-progress" | "completed";
export type LabResultStatus = "preliminary" | "final" | "corrected" | "superseded";
export type LabCategory = "normal" | "abnormal" | "critical" | "unknown";

export interface OrderedTest {
  key: string;
  loinc: string;
  display: string;
  unit: string;
  resultId: string | null;
  category: LabCategory | null;
}

export interface LabOrder {
  id: string;
  patient: PatientRef & { gender: string; dateOfBirth: string };
  priority: LabPriority;
  note: string | null;
  status: LabOrderStatus;
  orderedAt: string;
  orderedBy: PersonRef;
  completedAt: string | null;
  tests: OrderedTest[];
}

export interface LabResult {
  id: string;
  orderId: string;
  patientId: string;
  testKey: string;
  loinc: string;
  display: string;
  value: number;
  unit: string;
  reportedValue: number;
  reportedUnit: string;
  flag: string;
  category: LabCategory;
  referenceLow: number | null;
  referenceHigh: number | null;
  collectedAt: string;
  status: LabResultStatus;
  version: number;
  correctsId: string | null;
  supersededBy: string | null;
  correctionReason: string | null;
  enteredAt: string;
  enteredBy: PersonRef;
  verifiedAt: string | null;
  verifiedBy: PersonRef | null;
}

export interface LabResultDetail extends LabResult {
  history: LabResult[];
}

export interface LabResultInput {
  loinc: string;
  value: number;
  unit?: string;
}

// --- adverse events ------------------------------------------------------------------

export type AdverseSeverity = "mild" | "moderate" | "severe" | "life-threatening" | "fatal";
export type AdverseOutcome =
  | "recovered"
  | "recovering"
  | "not-recovered"
  | "recovered-with-sequelae"
  | "fatal"
  | "unknown";

export const ADVERSE_SEVERITIES: AdverseSeverity[] = ["mild", "moderate", "severe", "life-threatening", "fatal"];
export const ADVERSE_OUTCOMES: AdverseOutcome[] = [
  "recovered",
  "recovering",
  "not-recovered",
  "recovered-with-sequelae",
  "fatal",
  "unknown",
];

export interface AdverseEvent {
  id: string;
  patientId: string;
  prescriptionId: string | null;
  description: string;
  severity: AdverseSeverity;
  outcome: AdverseOutcome;
  onsetDate: string;
  reportedAt: string;
  reportedBy: PersonRef;
  reporterRole: string;
}

export interface AdverseEventInput {
  description: string;
  severity: AdverseSeverity;
  outcome: AdverseOutcome;
  onsetDate: string;
  prescriptionId?: string | null;
}

/** A paged list as most list endpoints return it. */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
