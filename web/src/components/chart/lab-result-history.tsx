"use client";

import { LabFlagBadge } from "@/components/clinical/lab-flag-badge";
import { Alert } from "@/components/ui/alert";
import { LoadingText } from "@/components/ui/loading-text";
import { useLabResultDetail } from "@/hooks/use-labs";
import { formatDateTime } from "@/lib/format";
import { errorMessage } from "@/lib/problem";

/** Every version of one result, oldest first, with who entered each and why it was corrected. */
export function LabResultHistory({ resultId }: { resultId: string }) {
  const { data, error, isPending } = useLabResultDetail(resultId);
  if (error) return <Alert variant="destructive">{errorMessage(error)}</Alert>;
  if (isPending || !data) return <LoadingText />;
  return (
    <ol className="flex flex-col gap-1 border-l-2 pl-3 text-sm" data-testid="lab-result-history">
      {data.history.map((version) => (
        <li key={version.id} className="flex flex-wrap items-center gap-2" data-testid="lab-result-version" data-status={version.status}>
          <span className="font-medium">v{version.version}</span>
          <span className={version.status === "superseded" ? "line-through text-muted-foreground" : ""}>
            {version.value} {version.unit}
          </span>
          <LabFlagBadge category={version.category} flag={version.flag} testId="lab-result-version-flag" />
          <span className="text-muted-foreground">
            {version.status} · entered {formatDateTime(version.enteredAt)} by {version.enteredBy.name}
          </span>
          {version.correctionReason ? (
            <span className="italic" data-testid="lab-result-correction-reason">
              “{version.correctionReason}”
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
