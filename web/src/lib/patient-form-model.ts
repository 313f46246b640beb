import type { Allergy, AllergySeverity, BloodGroup, Gender, Patient, PatientInput } from "@/lib/api/types";

export interface AllergyDraft {
  key: string;
  substance: string;
  class: string;
  reaction: string;
  severity: AllergySeverity | "";
}

export interface PatientFormValues {
  mrn: string;
  name: string;
  dateOfBirth: string;
  gender: Gender | "";
  bloodGroup: BloodGroup | "";
  allergies: AllergyDraft[];
}

/** Errors keyed by field path: "name", "dateOfBirth", "allergies.0.substance", … */
export type FieldErrors = Record<string, string>;

let draftCounter = 0;
function newDraftKey(): string {
  draftCounter += 1;
  return `allergy-${draftCounter}`;
}

export function emptyAllergy(): AllergyDraft {
  return { key: newDraftKey(), substance: "", class: "", reaction: "", severity: "" };
}

export function emptyPatientValues(): PatientFormValues {
  return { mrn: "", name: "", dateOfBirth: "", gender: "", bloodGroup: "", allergies: [] };
}

export function valuesFromPatient(patient: Patient): PatientFormValues {
  return {
    mrn: patient.mrn,
    name: patient.name,
    dateOfBirth: patient.dateOfBirth,
    gender: patient.gender,
    bloodGroup: patient.bloodGroup ?? "",
    allergies: (patient.allergies ?? []).map((allergy) => ({
      key: newDraftKey(),
      substance: allergy.substance,
      class: allergy.class ?? "",
      reaction: allergy.reaction ?? "",
      severity: allergy.severity,
    })),
  };
}

function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function todayIso(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Client-side checks mirroring the API's rules; returns an empty object when valid. */
export function validatePatient(values: PatientFormValues, { checkMrn }: { checkMrn: boolean }): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = "Name is required.";
  else if (name.length > 200) errors.name = "Name must be at most 200 characters.";

  if (!values.dateOfBirth) errors.dateOfBirth = "Date of birth is required.";
  else if (!isValidIsoDate(values.dateOfBirth)) errors.dateOfBirth = "Use the format YYYY-MM-DD.";
  else if (values.dateOfBirth > todayIso()) errors.dateOfBirth = "Date of birth cannot be in the future.";
  else if (values.dateOfBirth < "1880-01-01") errors.dateOfBirth = "Date of birth must be after 1880.";

  if (!values.gender) errors.gender = "Gender is required.";

  // The allowed characters are checked by the server, which answers 422 naming the field.
  if (checkMrn && values.mrn.trim().length > 32) errors.mrn = "MRN must be at most 32 characters.";

  values.allergies.forEach((allergy, index) => {
    const substance = allergy.substance.trim();
    if (!substance) errors[`allergies.${index}.substance`] = "Substance is required.";
    else if (substance.length > 100) errors[`allergies.${index}.substance`] = "At most 100 characters.";
    if (allergy.class.trim().length > 100) errors[`allergies.${index}.class`] = "At most 100 characters.";
    if (allergy.reaction.trim().length > 200) errors[`allergies.${index}.reaction`] = "At most 200 characters.";
    if (!allergy.severity) errors[`allergies.${index}.severity`] = "Severity is required.";
  });
  return errors;
}

function toAllergy(draft: AllergyDraft): Allergy {
  return {
    substance: draft.substance.trim(),
    class: draft.class.trim() || null,
    reaction: draft.reaction.trim() || null,
    severity: draft.severity as AllergySeverity,
  };
}

/** The request body for POST /patients (call only after validatePatient passed). */
export function toPatientInput(values: PatientFormValues, { includeMrn }: { includeMrn: boolean }): PatientInput {
  const input: PatientInput = {
    name: values.name.trim(),
    dateOfBirth: values.dateOfBirth,
    gender: values.gender as Gender,
    bloodGroup: values.bloodGroup === "" ? null : values.bloodGroup,
    allergies: values.allergies.map(toAllergy),
  };
  const mrn = values.mrn.trim();
  if (includeMrn && mrn) input.mrn = mrn;
  return input;
}

/** Only the fields that differ from the stored patient, for PATCH. */
export function changedFields(patient: Patient, input: PatientInput): Partial<PatientInput> {
  const changes: Partial<PatientInput> = {};
  if (input.name !== patient.name) changes.name = input.name;
  if (input.dateOfBirth !== patient.dateOfBirth) changes.dateOfBirth = input.dateOfBirth;
  if (input.gender !== patient.gender) changes.gender = input.gender;
  if (input.bloodGroup !== (patient.bloodGroup ?? null)) changes.bloodGroup = input.bloodGroup;
  const before = (patient.allergies ?? []).map((allergy) => ({
    substance: allergy.substance,
    class: allergy.class ?? null,
    reaction: allergy.reaction ?? null,
    severity: allergy.severity,
  }));
  if (JSON.stringify(before) !== JSON.stringify(input.allergies)) changes.allergies = input.allergies;
  return changes;
}
