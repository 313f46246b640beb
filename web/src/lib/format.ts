import { dispositionValues } from "@/lib/api/schema.gen";
import type { Disposition } from "@/lib/api/types";

/** Whole years between an ISO date of birth ("YYYY-MM-DD") and today, or null if unparsable. */
export function ageInYears(dateOfBirth: string, today: Date = new Date()): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getFullYear() - year;
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

/** "1980-05-12 (45 y)" */
export function formatDateOfBirth(dateOfBirth: string): string {
  const age = ageInYears(dateOfBirth);
  return age === null ? dateOfBirth : `${dateOfBirth} (${age} y)`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function capitalize(value: string): string {
  return value ? value.charAt(0).toUpperCase() + value.slice(1) : value;
}

const DISPOSITION_LABELS: Record<Disposition, string> = {
  home: "Home",
  "transfer-other-facility": "Transfer to another facility",
  deceased: "Deceased",
  "against-medical-advice": "Left against medical advice",
  other: "Other",
};

/** Discharge dispositions in the server's order, with the labels staff read. */
export const DISPOSITIONS = dispositionValues.map((value) => ({ value, label: DISPOSITION_LABELS[value] }));
