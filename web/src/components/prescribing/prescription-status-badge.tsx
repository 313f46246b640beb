import { Badge } from "@/components/ui/badge";
import type { PrescriptionStatus } from "@/lib/api/types";

const VARIANT = {
  draft: "outline",
  active: "default",
  "partially-dispensed": "warning",
  "fully-dispensed": "success",
  cancelled: "muted",
  stopped: "muted",
} as const satisfies Record<PrescriptionStatus, string>;

export function statusLabel(status: string): string {
  return status.replace(/-/g, " ");
}

export function PrescriptionStatusBadge({ status, testId = "prescription-status" }: { status: string; testId?: string }) {
  return (
    <Badge variant={VARIANT[status as PrescriptionStatus] ?? "outline"} data-testid={testId} data-status={status}>
      {statusLabel(status)}
    </Badge>
  );
}
