// The API's shapes under the names the screens use. Every type here is the server's
// (schema.gen.ts, generated from its OpenAPI document by scripts/gen_api_types.sh); only the
// few the document leaves loose are narrowed below, each saying why.

import {
  allergySeverityValues,
  bloodGroupValues,
  countableUnitValues,
  doseUnitValues,
  frequencyCodeValues,
  genderValues,
  outcomeValues,
  routeValues,
  severityValues,
  type components,
} from "@/lib/api/schema.gen";

type Schemas = components["schemas"];

/** A paged list as the list endpoints return it. */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

// --- users, sessions, patients, announcements -------------------------------------------

export type Role = Schemas["Role"];
export type TokenPair = Schemas["TokensOut"];
export type HospitalRef = Schemas["HospitalRef"];
export type CurrentUser = Schemas["MeOut"];

export type Gender = Schemas["Gender"];
export type BloodGroup = Schemas["BloodGroup"];
export type AllergySeverity = Schemas["AllergySeverity"];
export type Allergy = Schemas["Allergy"];
/** The patient read documents allergies as plain objects; they are the Allergy the patient write takes. */
export type Patient = Omit<Schemas["PatientOut"], "allergies"> & { allergies: Allergy[] };
export type PatientInput = Schemas["PatientCreate"];
export type PatientPatch = Schemas["PatientUpdate"];

export type Announcement = Schemas["AnnouncementOut"];
export type AnnouncementInput = Schemas["AnnouncementIn"];

export const GENDERS = genderValues;
export const BLOOD_GROUPS = bloodGroupValues;
export const ALLERGY_SEVERITIES = allergySeverityValues;

// --- wards, encounters, vitals, alerts, ICD-10 ------------------------------------------

export type PersonRef = Schemas["PersonRef"];
export type PatientRef = Schemas["PatientRef"];

export type WardSummary = Schemas["WardSummary"];
export type Bed = Schemas["BedOut"];
export type Ward = Schemas["WardOut"];
export type EncounterKind = Schemas["EncounterKind"];
export type Occupant = Schemas["Occupant"];
export type CensusBed = Schemas["CensusBed"];
export type Census = Schemas["Census"];

export type Disposition = Schemas["Disposition"];
export type BedPlacement = Schemas["BedPlacement"];
export type Diagnosis = Schemas["Diagnosis"];
export type Encounter = Schemas["EncounterOut"];
export type EncounterCreate = Schemas["EncounterCreate"];
export type DischargeInput = Schemas["Discharge"];
export type Icd10Code = Schemas["Icd10Code"];

export type Consciousness = Schemas["Consciousness"];
export type News2 = Schemas["News2Out"];
export type VitalsSet = Schemas["VitalsOut"];
export type VitalsCreated = Schemas["VitalsCreated"];
export type VitalsInput = Schemas["VitalsIn"];
export type VitalsSeries = Schemas["VitalsSeries"];
export type LatestVitals = Schemas["LatestVitals"];
export type WardPatientVitals = Schemas["WardPatientVitals"];
export type WardLatestVitals = Schemas["WardLatestVitals"];

export type AlertSeverity = Schemas["AlertSeverity"];
export type ClinicalAlert = Schemas["AlertOut"];

// --- appointments, labs, adverse events --------------------------------------------------

export type AppointmentStatus = Schemas["AppointmentStatus"];
export type Appointment = Schemas["AppointmentOut"];
export type AppointmentDay = Schemas["AppointmentPage"];
export type AppointmentCreate = Schemas["AppointmentCreate"];

export type LabPriority = Schemas["Priority"];
export type OrderedTest = Schemas["OrderedTest"];
export type LabOrder = Schemas["LabOrderOut"];
export type LabResult = Schemas["LabResultOut"];
export type LabResultDetail = Schemas["LabResultDetail"];
export type LabResultInput = Schemas["ResultIn"];

export type AdverseSeverity = Schemas["Severity"];
export type AdverseOutcome = Schemas["Outcome"];
export type AdverseEvent = Schemas["AdverseEventOut"];
export type AdverseEventInput = Schemas["AdverseEventCreate"];

export const ADVERSE_SEVERITIES = severityValues;
export const ADVERSE_OUTCOMES = outcomeValues;

// --- drugs, prescriptions, dispensing, stock -----------------------------------------------

/** One form of a drug in the catalog (the document leaves `forms` as free objects). */
export interface DrugForm {
  form?: string;
  route?: string;
  strengths?: string[];
}

export type DrugStock = Schemas["StockOut"];
export type DrugSummary = Omit<Schemas["DrugSummary"], "forms"> & { forms: DrugForm[] };
export type DrugPage = Omit<Schemas["DrugPage"], "items"> & { items: DrugSummary[] };

export type DoseUnit = Schemas["DoseUnit"];
export type Route = Schemas["Route"];
export const DOSE_UNITS = doseUnitValues;
export const ROUTES = routeValues;
/** Dose units whose quantity to dispense the server works out itself when none is given. */
export const COUNTABLE_UNITS = countableUnitValues;
/** Frequencies offered as suggestions; the server accepts more ("3 times daily", "every 8 hours"). */
export const COMMON_FREQUENCIES = frequencyCodeValues;

export type PrescriptionItemInput = Schemas["ItemIn"];
export type SafetyWarning = Schemas["WarningOut"];
export type WarningSeverity = SafetyWarning["severity"];
export type InputUsed = Schemas["InputUsedOut"];
export type CheckFacts = Schemas["FactsOut"];
export type CheckResponse = Schemas["CheckResponse"];
export type OverrideInput = Schemas["OverrideIn"];
export type PrescriptionCreate = Schemas["PrescriptionCreate"];

export type Prescription = Schemas["PrescriptionOut"];
export type PrescriptionStatus = Prescription["status"];
export type PrescriptionPage = Schemas["PrescriptionPage"];

export type Dispense = Schemas["DispenseOut"];
export type DispenseInput = Schemas["DispenseIn"];
export type QueueEntry = Schemas["QueueEntryOut"];
export type QueuePage = Schemas["QueuePage"];

export type FormularyEntry = Schemas["FormularyEntryOut"];
export type FormularyPage = Schemas["FormularyPage"];
export type StockMovement = Schemas["MovementOut"];
export type MovementPage = Schemas["MovementPage"];
export type MovementInput = Schemas["MovementIn"];
export type MovementResult = Schemas["MovementResult"];

// --- Socket.IO events (not in the OpenAPI document) -----------------------------------------

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

/** `prescription:status`, sent to the prescriber and the pharmacists. */
export interface PrescriptionStatusEvent {
  id: string;
  patient: PatientRef;
  status: PrescriptionStatus;
  previousStatus: PrescriptionStatus;
  at: string;
  by: { id: string; role: string };
  reason: string | null;
  items: { id: string; drugId: string; drugName: string; quantity: number; dispensedQuantity: number }[];
}
