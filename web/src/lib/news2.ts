
/** The NEWS2 response bands (RCP 2017, chart 2); the API sends them as plain text. */
export type News2Band = "low" | "low-medium" | "medium" | "high";

/** The Royal College of Physicians asks for this wherever NEWS2 is shown. */
export const NEWS2_ATTRIBUTION = "NEWS2 © Royal College of Physicians 2017";

/** Chart colours: low green, low-medium and medium amber, high red (RCP response bands). */
export const BAND_COLOURS: Record<News2Band, string> = {
  low: "#16a34a",
  "low-medium": "#d97706",
  medium: "#d97706",
  high: "#dc2626",
};

export const NO_SCORE_COLOUR = "#94a3b8";

export function bandColour(band: string | null | undefined): string {
  return (band && BAND_COLOURS[band as News2Band]) || NO_SCORE_COLOUR;
}

const BAND_LABELS: Record<News2Band, string> = {
  low: "Low",
  "low-medium": "Low-medium",
  medium: "Medium",
  high: "High",
};

export function bandLabel(band: string): string {
  return BAND_LABELS[band as News2Band] ?? band;
}

/** What the RCP chart asks for at each band. */
const BAND_RESPONSE: Record<News2Band, string> = {
  low: "Ward-based response",
  "low-medium": "Urgent ward-based review (a single parameter scored 3)",
  medium: "Urgent response",
  high: "Emergency response",
};

export function bandResponse(band: string): string {
  return BAND_RESPONSE[band as News2Band] ?? "";
}

/** NEWS2 parameters in chart order, with the labels staff read. */
export const NEWS2_PARAMETERS: { key: string; label: string }[] = [
  { key: "respirationRate", label: "Respiration rate" },
  { key: "spo2", label: "SpO2" },
  { key: "onOxygen", label: "Air or oxygen" },
  { key: "systolicBp", label: "Systolic BP" },
  { key: "heartRate", label: "Pulse" },
  { key: "consciousness", label: "Consciousness" },
  { key: "temperature", label: "Temperature" },
];

export function parameterLabel(key: string): string {
  return NEWS2_PARAMETERS.find((parameter) => parameter.key === key)?.label ?? key;
}
