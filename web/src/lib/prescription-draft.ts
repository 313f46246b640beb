import {
  COUNTABLE_UNITS,
  DOSE_UNITS,
  type DoseUnit, type DrugStock, type DrugSummary, type PrescriptionItemInput, type Route, ROUTES, type SafetyWarning, type WarningSeverity } from "@/lib/api/types";

/** One line of the prescription being composed, as the form holds it (text inputs). */
export interface DraftItem {
  key: string;
  drugId: string;
  drugName: string;
  stock: DrugStock | null;
  dose: string;
  unit: DoseUnit;
  route: Route;
  frequency: string;
  durationDays: string;
  quantity: string;
  instructions: string;
}

/** The fields of an item the server may name in a 422 (`items.N.<field>`). */
export const ITEM_FIELDS = ["drugId", "dose", "unit", "route", "frequency", "durationDays", "quantity", "instructions"] as const;

/** Whether the server works out the quantity to dispense itself (a countable unit). */
export function quantityIsWorkedOut(unit: DoseUnit): boolean {
  return (COUNTABLE_UNITS as readonly string[]).includes(unit);
}

const MASS = /^(\d+(?:\.\d+)?)\s*(mg|g|mcg|micrograms?)$/i;

/** "40 mg" → 40 mg, "500 micrograms" → 500 mcg; strengths per volume ("10 mg/5 mL") give null. */
function parseStrength(strength: string): { dose: string; unit: DoseUnit } | null {
  const match = MASS.exec(strength.trim());
  if (!match) return null;
  const unit = match[2].toLowerCase();
  return { dose: match[1], unit: unit.startsWith("microgram") || unit === "mcg" ? "mcg" : (unit as DoseUnit) };
}

let nextKey = 0;

/** A new line for a drug picked from the catalog, with a plausible starting regimen. */
export function draftFromDrug(drug: DrugSummary): DraftItem {
  const stockUnit = drug.stock?.unit.toLowerCase() ?? "";
  const form = drug.forms.find((f) => f.form && stockUnit && stockUnit.includes(f.form.toLowerCase())) ?? drug.forms[0];
  const route = ROUTES.find((r) => r === form?.route?.toLowerCase()) ?? "oral";
  const strength = (form?.strengths ?? []).map(parseStrength).find((parsed) => parsed !== null) ?? null;
  nextKey += 1;
  return {
    key: `item-${nextKey}`,
    drugId: drug.id,
    drugName: drug.displayName,
    stock: drug.stock,
    dose: strength?.dose ?? "",
    unit: strength?.unit ?? "mg",
    route,
    frequency: "OD",
    durationDays: "7",
    quantity: "",
    instructions: "",
  };
}

function wholeNumber(text: string): number | undefined {
  const value = Number(text);
  return text.trim() !== "" && Number.isInteger(value) ? value : undefined;
}

/** The item as the API takes it, or null while a required value is missing or not a number. */
export function itemInput(item: DraftItem): PrescriptionItemInput | null {
  const dose = Number(item.dose);
  if (!item.drugId || item.dose.trim() === "" || !(dose > 0) || !item.frequency.trim()) return null;
  if (!DOSE_UNITS.includes(item.unit) || !ROUTES.includes(item.route)) return null;
  const input: PrescriptionItemInput = {
    drugId: item.drugId,
    dose,
    unit: item.unit,
    route: item.route,
    frequency: item.frequency.trim(),
  };
  const days = wholeNumber(item.durationDays);
  if (days !== undefined) input.durationDays = days;
  const quantity = wholeNumber(item.quantity);
  if (quantity !== undefined) input.quantity = quantity;
  if (item.instructions.trim()) input.instructions = item.instructions.trim();
  return input;
}

/** Problems the form can see before asking the server, keyed like the server's (`items.0.dose`). */
export function localItemErrors(items: DraftItem[]): Record<string, string> {
  const errors: Record<string, string> = {};
  items.forEach((item, index) => {
    const dose = Number(item.dose);
    if (item.dose.trim() === "" || !(dose > 0)) errors[`items.${index}.dose`] = "Give a dose greater than 0.";
    if (!item.frequency.trim()) errors[`items.${index}.frequency`] = "Give a frequency (OD, BID, Q8H…).";
    if (item.durationDays.trim() && wholeNumber(item.durationDays) === undefined) {
      errors[`items.${index}.durationDays`] = "Whole days, 1 to 365.";
    }
    if (item.quantity.trim() && wholeNumber(item.quantity) === undefined) {
      errors[`items.${index}.quantity`] = "A whole number of dispensing units.";
    }
    if (!item.quantity.trim() && !quantityIsWorkedOut(item.unit)) {
      errors[`items.${index}.quantity`] = `Say how many to supply: a dose in ${item.unit} does not say how many units to dispense.`;
    }
  });
  return errors;
}

export const SEVERITY_ORDER: WarningSeverity[] = ["contraindicated", "major", "moderate", "minor"];

export function bySeverity(a: SafetyWarning, b: SafetyWarning): number {
  return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
}

/** Pair warnings match whatever the order of the pair (`interaction:a:b` = `interaction:b:a`). */
export function sameWarning(a: string, b: string): boolean {
  if (a === b) return true;
  const [kindA, ...restA] = a.split(":");
  const [kindB, ...restB] = b.split(":");
  if (kindA !== kindB || (kindA !== "interaction" && kindA !== "duplicate")) return false;
  return restA.length === 2 && restB.length === 2 && restA[0] === restB[1] && restA[1] === restB[0];
}

/** A key that makes a retried save (socket timeout, then REST) create the prescription once. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** "40 mg oral OD for 7 days" */
export function regimenText(item: { dose: number; unit: string; route: string; frequency: string; durationDays: number | null }): string {
  const days = item.durationDays ? ` for ${item.durationDays} day${item.durationDays === 1 ? "" : "s"}` : "";
  return `${item.dose} ${item.unit} ${item.route} ${item.frequency}${days}`;
}
