import { Badge } from "@/components/ui/badge";
import type { PrescriptionStatus } from "@/lib/prescribing-types";

const VARIANT = {
  draft: "outline",
  active: "default",
  "partially-dispensed": "warning",
  "fully-dispensed": "success",
  cancelled: "muted",
  stopped: "muted",
} as const;

export function statusLabel(status: string): string {
  return status.replace(/-/g, " ");
}

export function PrescriptionStatusBadge({ status, testId = "prescription-status" }: { status: PrescriptionStatus; testId?: string }) {
  return (
    <Badge variant={VARIANT[status] ?? "outline"} data-testid={testId} data-status={status}>
      {statusLabel(status)}
    </Badge>
  );
}
