"use client";

import { useState } from "react";
import { referenceRange } from "@/components/chart/lab-results-table";
import { LabFlagBadge } from "@/components/clinical/lab-flag-badge";
import { CorrectionForm } from "@/components/lab/correction-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useVerifyLabResult } from "@/hooks/use-labs";
import type { LabResult } from "@/lib/api/types";
import { errorMessage } from "@/lib/problem";

/** A test with its result: value, flag, status, and verify / correct. */
export function ResultedTestRow({ result, canVerify, canCorrect }: { result: LabResult; canVerify: boolean; canCorrect: boolean }) {
  const verify = useVerifyLabResult();
  const [correcting, setCorrecting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  return (
    <li
      className={`flex flex-col gap-2 rounded-md border p-3 ${result.category === "critical" ? "border-red-300 bg-red-50" : ""}`}
      data-testid="resulted-test"
      data-loinc={result.loinc}
      data-result-id={result.id}
      data-category={result.category}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{result.display}</span>
          <span data-testid="resulted-test-value">
            {result.value} {result.unit}
          </span>
          <span className="text-xs text-muted-foreground">ref {referenceRange(result)}</span>
          <LabFlagBadge category={result.category} flag={result.flag} testId="resulted-test-flag" />
          <Badge variant={result.verifiedAt ? "success" : "warning"} data-testid="resulted-test-status">
            {result.status}
            {result.version > 1 ? ` · v${result.version}` : ""}
          </Badge>
        </div>
        <div className="flex gap-2">
          {canVerify && !result.verifiedAt ? (
            <Button
              size="sm"
              disabled={verify.isPending}
              onClick={() => {
                setFailure(null);
                verify.mutate(result.id, { onError: (error) => setFailure(errorMessage(error)) });
              }}
              data-testid="resulted-test-verify"
            >
              {verify.isPending ? "Verifying…" : "Verify"}
            </Button>
          ) : null}
          {canCorrect && !correcting ? (
            <Button size="sm" variant="outline" onClick={() => setCorrecting(true)} data-testid="resulted-test-correct">
              Correct
            </Button>
          ) : null}
        </div>
      </div>
      {result.category === "critical" ? (
        <p className="text-sm font-medium text-red-800" data-testid="resulted-test-critical-note">
          Critical value: an alert was raised for the care team.
        </p>
      ) : null}
      {failure ? <p className="text-sm text-destructive">{failure}</p> : null}
      {correcting ? <CorrectionForm result={result} onDone={() => setCorrecting(false)} /> : null}
    </li>
  );
}
