"use client";

import { useState } from "react";
import { PatientChartLink } from "@/components/patients/patient-list-table";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useAcknowledgeAlert } from "@/hooks/use-alerts";
import type { AlertSeverity, ClinicalAlert } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";
import { errorMessage } from "@/lib/problem";

const SEVERITY_VARIANT: Record<AlertSeverity, "warning" | "danger" | "critical"> = {
  "low-medium": "warning",
  medium: "warning",
  high: "critical",
  critical: "critical",
};

/** Open alerts, most severe first, each acknowledged with one click. */
export function AlertsPanel({ alerts, canAcknowledge }: { alerts: ClinicalAlert[]; canAcknowledge: boolean }) {
  const acknowledge = useAcknowledgeAlert();
  const [failure, setFailure] = useState<string | null>(null);

  if (alerts.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="alerts-none">
        No open alerts.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      {failure ? (
        <Alert variant="destructive" data-testid="alert-acknowledge-error">
          {failure}
        </Alert>
      ) : null}
      <ul className="flex flex-col gap-2" data-testid="alert-list">
        {alerts.map((alert) => {
          const busy = acknowledge.isPending && acknowledge.variables?.alertId === alert.id;
          return (
            <li
              key={alert.id}
              className="flex flex-wrap items-start justify-between gap-3 rounded-lg border bg-card p-3"
              data-testid="alert-item"
              data-alert-id={alert.id}
              data-severity={alert.severity}
              data-patient-id={alert.patient.id}
            >
              <div className="flex min-w-0 flex-col gap-1">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant={SEVERITY_VARIANT[alert.severity]} data-testid="alert-severity">
                    {alert.kind === "news2" ? "NEWS2 " : "Lab "}
                    {alert.severity}
                  </Badge>
                  <PatientChartLink patient={alert.patient} testId="alert-patient-link" />
                  {alert.location ? (
                    <span className="text-sm text-muted-foreground" data-testid="alert-location">
                      {alert.location.wardCode} · bed {alert.location.bedLabel}
                    </span>
                  ) : null}
                </div>
                <p className="text-sm" data-testid="alert-summary">
                  {alert.summary}
                </p>
                <span className="text-xs text-muted-foreground">{formatDateTime(alert.createdAt)}</span>
              </div>
              {canAcknowledge ? (
                <Button
                  size="sm"
                  variant="outline"
                  disabled={busy}
                  onClick={() => {
                    setFailure(null);
                    acknowledge.mutate({ alertId: alert.id }, { onError: (error) => setFailure(errorMessage(error)) });
                  }}
                  data-testid="alert-acknowledge"
                >
                  {busy ? "Acknowledging…" : "Acknowledge"}
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
