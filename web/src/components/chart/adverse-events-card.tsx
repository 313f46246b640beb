"use client";

import { useState } from "react";
import { AdverseEventForm } from "@/components/chart/adverse-event-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useAdverseEvents } from "@/hooks/use-adverse-events";
import { useCurrentUser } from "@/hooks/use-current-user";
import type { AdverseSeverity } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";
import { hasPermission, roleLabel } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";

const SEVERITY_VARIANT: Record<AdverseSeverity, "success" | "warning" | "danger" | "critical"> = {
  mild: "success",
  moderate: "warning",
  severe: "danger",
  "life-threatening": "critical",
  fatal: "critical",
};

/** Adverse events reported for the patient, newest first, and the report form. */
export function AdverseEventsCard({ patientId }: { patientId: string }) {
  const { data: user } = useCurrentUser();
  const { data, error, isPending } = useAdverseEvents(patientId);
  const [reporting, setReporting] = useState(false);
  const events = data?.items ?? [];

  return (
    <Card id="chart-adverse-events" data-testid="chart-adverse-events">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <CardTitle>Adverse events</CardTitle>
        {hasPermission(user, "adverse_events:report") && !reporting ? (
          <Button variant="outline" onClick={() => setReporting(true)} data-testid="report-adverse-event-button">
            Report adverse event
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {reporting ? <AdverseEventForm patientId={patientId} onDone={() => setReporting(false)} /> : null}
        {error ? (
          <Alert variant="destructive" data-testid="adverse-events-error">
            {errorMessage(error)}
          </Alert>
        ) : null}
        {isPending && !error ? <LoadingText /> : null}
        {data && events.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="adverse-events-none">
            No adverse events reported.
          </p>
        ) : null}
        {events.length > 0 ? (
          <ul className="flex flex-col gap-3" data-testid="adverse-event-list">
            {events.map((event) => (
              <li key={event.id} className="flex flex-col gap-1 rounded-lg border p-3" data-testid="adverse-event-item">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge variant={SEVERITY_VARIANT[event.severity]} data-testid="adverse-event-severity-badge">
                    {event.severity}
                  </Badge>
                  <Badge variant="outline" data-testid="adverse-event-outcome-badge">
                    {event.outcome.replace(/-/g, " ")}
                  </Badge>
                  <span className="text-xs text-muted-foreground">
                    onset {event.onsetDate} · reported {formatDateTime(event.reportedAt)} by {event.reportedBy.name} (
                    {roleLabel(event.reporterRole)})
                  </span>
                </div>
                <p className="whitespace-pre-wrap text-sm" data-testid="adverse-event-description-text">
                  {event.description}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
