"use client";

import { Fragment, useState } from "react";
import { LabResultHistory } from "@/components/chart/lab-result-history";
import { LabFlagBadge } from "@/components/clinical/lab-flag-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import type { LabResult } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";

export function referenceRange(result: Pick<LabResult, "referenceLow" | "referenceHigh" | "unit">): string {
  const { referenceLow: low, referenceHigh: high } = result;
  if (low == null && high == null) return "—";
  if (low == null) return `≤ ${high}`;
  if (high == null) return `≥ ${low}`;
  return `${low}–${high}`;
}

const STATUS_VARIANT = { preliminary: "warning", final: "success", corrected: "secondary", superseded: "muted" } as const;

/** Results with their flags; a corrected result opens its earlier versions. */
export function LabResultsTable({ results }: { results: LabResult[] }) {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Table data-testid="lab-results-table">
      <TableHeadings headings={["Test", "Result", "Reference", "Flag", "Status", "Collected", ""]} />
      <TableBody>
        {results.map((result) => (
          <Fragment key={result.id}>
            <TableRow
              data-testid="lab-result-row"
              data-result-id={result.id}
              data-loinc={result.loinc}
              data-category={result.category}
              className={result.category === "critical" ? "bg-red-50" : undefined}
            >
              <TableCell className="font-medium" data-testid="lab-result-test">
                {result.display}
              </TableCell>
              <TableCell data-testid="lab-result-value">
                {result.value} {result.unit}
                {result.reportedUnit !== result.unit ? (
                  <span className="block text-xs text-muted-foreground">
                    entered {result.reportedValue} {result.reportedUnit}
                  </span>
                ) : null}
              </TableCell>
              <TableCell className="text-muted-foreground">{referenceRange(result)}</TableCell>
              <TableCell>
                <LabFlagBadge category={result.category} flag={result.flag} />
              </TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[result.status]} data-testid="lab-result-status">
                  {result.status}
                  {result.version > 1 ? ` · v${result.version}` : ""}
                </Badge>
              </TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(result.collectedAt)}</TableCell>
              <TableCell className="text-right">
                {result.version > 1 || result.supersededBy ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setOpenId(openId === result.id ? null : result.id)}
                    data-testid="lab-result-history-toggle"
                  >
                    {openId === result.id ? "Hide history" : "History"}
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
            {openId === result.id ? (
              <TableRow>
                <TableCell colSpan={7}>
                  <LabResultHistory resultId={result.id} />
                </TableCell>
              </TableRow>
            ) : null}
          </Fragment>
        ))}
      </TableBody>
    </Table>
  );
}
