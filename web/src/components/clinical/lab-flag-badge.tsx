import { Badge } from "@/components/ui/badge";

/** The categories the server files a result under (hms.labs); the API sends them as plain text. */
type LabCategory = "normal" | "abnormal" | "critical" | "unknown";

const VARIANTS = { normal: "success", abnormal: "warning", critical: "critical", unknown: "muted" } as const;
const LABELS: Record<LabCategory, string> = {
  normal: "Normal",
  abnormal: "Abnormal",
  critical: "Critical",
  unknown: "No range",
};

/** The direction of an out-of-range value ("high", "low"), without repeating the category. */
function direction(flag: string, category: string): string {
  const text = flag.replace(/^critical-/, "").replace(/-/g, " ");
  return text === "normal" || text === category ? "" : text;
}

/** Normal / abnormal / critical, with the direction (low, high) when there is one. */
export function LabFlagBadge({ category, flag, testId = "lab-flag" }: { category: string; flag: string; testId?: string }) {
  const detail = flag ? direction(flag, category) : "";
  return (
    <Badge variant={VARIANTS[category as LabCategory] ?? "muted"} data-testid={testId} data-category={category} data-flag={flag}>
      {LABELS[category as LabCategory] ?? category}
      {detail ? ` · ${detail}` : ""}
    </Badge>
  );
}
