import { Badge } from "@/components/ui/badge";
import type { WarningSeverity } from "@/lib/api/types";

const VARIANT = {
  contraindicated: "critical",
  major: "danger",
  moderate: "warning",
  minor: "muted",
} as const;

const LABEL: Record<WarningSeverity, string> = {
  contraindicated: "Contraindicated",
  major: "Major",
  moderate: "Moderate",
  minor: "Minor",
};

/** Severity of a safety warning, red for those that need an override reason. */
export function SeverityBadge({ severity, testId = "warning-severity" }: { severity: WarningSeverity; testId?: string }) {
  return (
    <Badge variant={VARIANT[severity]} data-testid={testId} data-severity={severity}>
      {LABEL[severity]}
    </Badge>
  );
}
