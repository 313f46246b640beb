import type { Consciousness, VitalsInput } from "@/lib/api/types";

export const NUMERIC_VITALS = [
  { key: "respirationRate", label: "Respiration rate", unit: "/min", step: "1" },
  { key: "spo2", label: "SpO2", unit: "%", step: "1" },
  { key: "systolicBp", label: "Systolic BP", unit: "mmHg", step: "1" },
  { key: "diastolicBp", label: "Diastolic BP", unit: "mmHg", step: "1" },
  { key: "heartRate", label: "Pulse", unit: "/min", step: "1" },
  { key: "temperature", label: "Temperature", unit: "°C", step: "0.1" },
  { key: "weightKg", label: "Weight", unit: "kg", step: "0.1" },
  { key: "heightCm", label: "Height", unit: "cm", step: "1" },
] as const;

export type NumericVital = (typeof NUMERIC_VITALS)[number]["key"];

export const CONSCIOUSNESS_LEVELS: { value: Consciousness; label: string }[] = [
  { value: "alert", label: "A — Alert" },
  { value: "confusion", label: "C — New confusion" },
  { value: "voice", label: "V — Responds to voice" },
  { value: "pain", label: "P — Responds to pain" },
  { value: "unresponsive", label: "U — Unresponsive" },
];

export interface VitalsFormValues {
  numbers: Record<NumericVital, string>;
  onOxygen: "" | "air" | "oxygen";
  consciousness: Consciousness | "";
}

export function emptyVitalsValues(): VitalsFormValues {
  const numbers = Object.fromEntries(NUMERIC_VITALS.map((item) => [item.key, ""])) as Record<NumericVital, string>;
  return { numbers, onOxygen: "", consciousness: "" };
}

/** Field names the API may name in a 422 for this form. */
export const VITALS_FIELDS = new Set<string>([...NUMERIC_VITALS.map((item) => item.key), "onOxygen", "consciousness", "recordedAt"]);

/**
 * The request body, or the fields that are not numbers. Ranges are the server's to judge:
 * its plausibility limits answer 422 naming each field.
 */
export function toVitalsInput(values: VitalsFormValues): { input: VitalsInput; errors: Record<string, string> } {
  const input: VitalsInput = {};
  const errors: Record<string, string> = {};
  for (const { key } of NUMERIC_VITALS) {
    const text = values.numbers[key].trim().replace(",", ".");
    if (!text) continue;
    const value = Number(text);
    if (!Number.isFinite(value)) errors[key] = "Enter a number.";
    else input[key] = value;
  }
  if (values.onOxygen) input.onOxygen = values.onOxygen === "oxygen";
  if (values.consciousness) input.consciousness = values.consciousness;
  if (Object.keys(input).length === 0 && Object.keys(errors).length === 0) {
    errors.form = "Record at least one measurement.";
  }
  return { input, errors };
}
