// Shapes of the prescribing, pharmacy and drug catalog API (JSON, camelCase), as the
// server's schemas define them (src/hms/prescriptions, src/hms/pharmacy, src/hms/drugs).

import type { PatientRef, PersonRef } from "@/lib/clinical-types";

// --- drug catalog ---------------------------------------------------------------------

export interface DrugStock {
  listed: boolean;
  inStock: boolean;
  quantityOnHand: number;
  unit: string;
}

export interface DrugForm {
  form?: string;
  route?: string;
  strengths?: string[];
}

export interface DrugSummary {
  id: string;
  name: string;
  displayName: string;
  rxcui: string | null;
  synonyms: string[];
  matched: string | null;
  category: string | null;
  classes: { id: string; name: string }[];
  eml: boolean;
  forms: DrugForm[];
  stock: DrugStock | null;
}

export interface DrugPage {
  items: DrugSummary[];
  page: number;
  pageSize: number;
  total: number;
  knowledgeVersion: string;
}

// --- prescriptions -----------------------------------------------------------------------

export const DOSE_UNITS = [
  "mg", "g", "mcg", "mL", "unit", "IU", "mmol", "tablet", "capsule", "puff", "drop", "patch", "suppository",
  "sachet", "application", "spray", "vial", "ampoule",
] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];

export const ROUTES = [
  "oral", "iv", "im", "sc", "sublingual", "buccal", "rectal", "vaginal", "topical", "transdermal", "inhaled",
  "nasal", "ophthalmic", "otic", "intrathecal",
] as const;
export type Route = (typeof ROUTES)[number];

/** Frequencies offered as suggestions; the server accepts more ("3 times daily", "Q6H PRN"). */
export const COMMON_FREQUENCIES = ["OD", "BID", "TID", "QID", "Q4H", "Q6H", "Q8H", "Q12H", "PRN", "Q6H PRN", "weekly", "STAT"];

export interface PrescriptionItemInput {
  drugId: string;
  dose: number;
  unit: DoseUnit;
  route: Route;
  frequency: string;
  durationDays?: number;
  quantity?: number;
  instructions?: string;
}

export type WarningSeverity = "contraindicated" | "major" | "moderate" | "minor";
export type WarningKind = "interaction" | "allergy" | "dose" | "renal" | "duplicate" | "contraindication";

export interface InputUsed {
  name: string;
  value: number | string;
  unit: string | null;
  measuredAt: string | null;
  ageDays: number | null;
  stale: boolean;
}

export interface SafetyWarning {
  code: string;
  kind: WarningKind;
  severity: WarningSeverity;
  drugIds: string[];
  message: string;
  source: string;
  management: string | null;
  needsOverride: boolean;
  inputs?: InputUsed[] | null;
  override?: { reason: string; by: string; at: string } | null;
}

export interface CheckFacts {
  ageYears: number | null;
  sex: string | null;
  weight: InputUsed | null;
  serumCreatinine: InputUsed | null;
  crclMlMin: number | null;
  activeDrugIds: string[];
  conditions: string[];
  allergies: number;
  missing: string[];
}

export interface CheckResponse {
  warnings: SafetyWarning[];
  facts: CheckFacts;
  knowledgeVersion: string;
}

export interface OverrideInput {
  code: string;
  reason: string;
}

export interface PrescriptionCreate {
  patientId: string;
  items: PrescriptionItemInput[];
  overrides: OverrideInput[];
  note?: string;
}

export type PrescriptionStatus =
  | "draft"
  | "active"
  | "partially-dispensed"
  | "fully-dispensed"
  | "cancelled"
  | "stopped";

export interface PrescriptionItem {
  id: string;
  position: number;
  drugId: string;
  drugName: string;
  dose: number;
  unit: string;
  route: string;
  frequency: string;
  dosesPerDay: number | null;
  asNeeded: boolean;
  durationDays: number | null;
  quantity: number;
  dispensedQuantity: number;
  remainingQuantity: number;
  instructions: string | null;
}

export interface StatusChange {
  fromStatus: string | null;
  toStatus: string;
  at: string;
  by: { id: string; name: string | null };
  reason: string | null;
}

export interface Prescription {
  id: string;
  patient: PatientRef;
  prescriber: { id: string; name: string | null };
  status: PrescriptionStatus;
  note: string | null;
  prescribedAt: string;
  activatedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  version: number;
  knowledgeVersion: string | null;
  items: PrescriptionItem[];
  warnings: SafetyWarning[];
  history?: StatusChange[] | null;
}

export interface PrescriptionPage {
  items: Prescription[];
  page: number;
  pageSize: number;
  total: number;
}

/** The 409 of a save that lacks override reasons (REST body or socket ack error). */
export interface OverrideRequiredProblem {
  status: 409;
  title?: string;
  detail?: string;
  missingOverrides: string[];
  warnings: SafetyWarning[];
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

// --- dispensing and the pharmacy -------------------------------------------------------

export interface DispensedItem {
  itemId: string;
  drugId: string;
  drugName: string;
  quantity: number;
  unit: string | null;
  stockAfter?: number | null;
}

export interface Dispense {
  id: string;
  prescriptionId: string;
  dispensedAt: string;
  dispensedBy: PersonRef | { id: string; name: string | null };
  note: string | null;
  items: DispensedItem[];
  status?: PrescriptionStatus | null;
}

export interface DispenseInput {
  items?: { itemId: string; quantity: number }[];
  note?: string;
}

export interface QueueItem extends PrescriptionItem {
  stockOnHand: number | null;
  stockUnit: string | null;
}

export interface QueueEntry {
  id: string;
  patient: PatientRef;
  prescriber: { id: string; name: string | null };
  status: PrescriptionStatus;
  activatedAt: string;
  note: string | null;
  items: QueueItem[];
  warnings: number;
  overriddenWarnings: number;
}

export interface QueuePage {
  items: QueueEntry[];
  page: number;
  pageSize: number;
  total: number;
}

export interface FormularyEntry {
  drugId: string;
  drugName: string;
  rxcui: string | null;
  unit: string;
  strength: string | null;
  quantityOnHand: number;
  reorderLevel: number;
  inStock: boolean;
  lowStock: boolean;
  listed: boolean;
  version: number;
  updatedAt: string | null;
}

export interface FormularyPage {
  items: FormularyEntry[];
  page: number;
  pageSize: number;
  total: number;
}

export type MovementKind = "receipt" | "adjustment" | "dispense";

export interface StockMovement {
  id: string;
  drugId: string;
  drugName: string;
  kind: MovementKind;
  quantity: number;
  balanceAfter: number;
  unit: string | null;
  reason: string | null;
  reference: string | null;
  prescriptionId: string | null;
  dispenseId: string | null;
  createdAt: string;
  createdBy: { id: string; name?: string | null };
}

export interface MovementPage {
  items: StockMovement[];
  page: number;
  pageSize: number;
  total: number;
}

export interface MovementInput {
  kind: "receipt" | "adjustment";
  quantity: number;
  reason?: string;
  reference?: string;
}

export interface MovementResult {
  movement: StockMovement;
  entry: FormularyEntry;
}
