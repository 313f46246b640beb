"use client";

import { useState } from "react";
import { LatestVitalsPanel } from "@/components/chart/latest-vitals-panel";
import { RecordVitalsForm } from "@/components/chart/record-vitals-form";
import { VITALS_MEASURES, VitalsChart, type VitalsMeasure } from "@/components/chart/vitals-chart";
import { VitalsTable } from "@/components/chart/vitals-table";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { useLiveSubscription } from "@/hooks/use-live-subscription";
import { VITALS_RANGES, useLatestVitals, useVitalsRange, type VitalsRangeKey } from "@/hooks/use-vitals";
import { BAND_COLOURS } from "@/lib/news2";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";
import { cn } from "@/lib/utils";

function Toggle({ active, onClick, testId, children }: { active: boolean; onClick: () => void; testId: string; children: string }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-pressed={active}
      className={cn("rounded-md border px-2.5 py-1 text-xs font-medium", active ? "border-primary bg-primary/10 text-primary" : "hover:bg-accent")}
      data-testid={testId}
    >
      {children}
    </button>
  );
}

const LEGEND = [
  { label: "Low", colour: BAND_COLOURS.low },
  { label: "Low-medium / medium", colour: BAND_COLOURS.medium },
  { label: "High", colour: BAND_COLOURS.high },
];

/** Vitals over time (points coloured by NEWS2 band), the latest set scored, and recording. */
export function VitalsCard({ patientId }: { patientId: string }) {
  useLiveSubscription({ patientId });
  const { data: user } = useCurrentUser();
  const [range, setRange] = useState<VitalsRangeKey>("3d");
  const [measure, setMeasure] = useState<VitalsMeasure>("news2");
  const [recording, setRecording] = useState(false);
  const [showTable, setShowTable] = useState(false);
  const series = useVitalsRange(patientId, range);
  const latest = useLatestVitals(patientId);
  const canRecord = hasPermission(user, "vitals:record");
  const items = series.data?.items ?? [];
  const from = series.data ? new Date(series.data.from).getTime() : 0;
  const to = series.data ? new Date(series.data.to).getTime() : 0;

  return (
    <Card id="chart-vitals" data-testid="chart-vitals">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Vitals</CardTitle>
          <CardDescription>Observations with the National Early Warning Score (NEWS2).</CardDescription>
        </div>
        {canRecord && !recording ? (
          <Button onClick={() => setRecording(true)} data-testid="record-vitals-button">
            Record vitals
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {recording ? <RecordVitalsForm patientId={patientId} onDone={() => setRecording(false)} /> : null}
        {latest.error ? (
          <Alert variant="destructive" data-testid="latest-vitals-error">
            {errorMessage(latest.error)}
          </Alert>
        ) : latest.isPending ? (
          <LoadingText />
        ) : (
          <LatestVitalsPanel set={latest.data?.vitals} />
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex flex-wrap gap-1" role="group" aria-label="Measure">
            {VITALS_MEASURES.map((item) => (
              <Toggle key={item.key} active={measure === item.key} onClick={() => setMeasure(item.key)} testId={`vitals-measure-${item.key}`}>
                {item.label}
              </Toggle>
            ))}
          </div>
          <div className="flex flex-wrap gap-1" role="group" aria-label="Range">
            {VITALS_RANGES.map((item) => (
              <Toggle key={item.key} active={range === item.key} onClick={() => setRange(item.key)} testId={`vitals-range-${item.key}`}>
                {item.label}
              </Toggle>
            ))}
          </div>
        </div>
        {series.error ? (
          <Alert variant="destructive" data-testid="vitals-series-error">
            {errorMessage(series.error)}
          </Alert>
        ) : null}
        {series.isPending && !series.error ? <LoadingText /> : null}
        {series.data ? (
          <>
            <VitalsChart items={items} measure={measure} from={from} to={to} />
            <div className="flex flex-wrap items-center gap-4 text-xs text-muted-foreground" data-testid="vitals-chart-legend">
              {LEGEND.map((item) => (
                <span key={item.label} className="flex items-center gap-1.5">
                  <span className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: item.colour }} />
                  NEWS2 {item.label}
                </span>
              ))}
              <span data-testid="vitals-count">{items.length} sets in range</span>
              {series.data.truncated ? <span className="text-amber-800">Only the first sets are shown: narrow the range.</span> : null}
            </div>
            {items.length > 0 ? (
              <div>
                <Button variant="link" size="sm" className="px-0" onClick={() => setShowTable((shown) => !shown)} data-testid="vitals-table-toggle">
                  {showTable ? "Hide table" : "Show as table"}
                </Button>
                {showTable ? <VitalsTable items={items} /> : null}
              </div>
            ) : null}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
