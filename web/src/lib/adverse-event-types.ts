// Adverse event reports as the REST API shows them (JSON, camelCase).

import type { PersonRef } from "@/lib/clinical-types";

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
