// Lab orders and results as the REST API shows them (JSON, camelCase).

import type { PatientRef, PersonRef } from "@/lib/clinical-types";

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
