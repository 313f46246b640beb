"use client";

import { useState } from "react";
import { LabResultsTable } from "@/components/chart/lab-results-table";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { usePatientLabOrders, usePatientLabResults } from "@/hooks/use-labs";
import { formatDateTime } from "@/lib/format";
import { errorMessage } from "@/lib/problem";

/** Lab results with normal / abnormal / critical flags, pending orders, and correction history. */
export function LabsCard({ patientId }: { patientId: string }) {
  const [withHistory, setWithHistory] = useState(false);
  const results = usePatientLabResults(patientId, withHistory);
  const orders = usePatientLabOrders(patientId);
  const pending = (orders.data?.items ?? []).filter((order) => order.status !== "completed");
  const items = results.data?.items ?? [];
  const critical = items.filter((item) => item.category === "critical" && item.status !== "superseded").length;

  return (
    <Card id="chart-labs" data-testid="chart-labs">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Labs</CardTitle>
          <CardDescription>
            {critical > 0 ? (
              <span className="font-medium text-red-700" data-testid="labs-critical-count">
                {critical} critical result{critical === 1 ? "" : "s"}
              </span>
            ) : (
              "Current version of each result, newest sample first."
            )}
          </CardDescription>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={withHistory}
            onChange={(event) => setWithHistory(event.target.checked)}
            data-testid="labs-show-superseded"
          />
          Include superseded versions
        </label>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {pending.length > 0 ? (
          <ul className="flex flex-col gap-1 text-sm" data-testid="labs-pending-orders">
            {pending.map((order) => (
              <li key={order.id} className="flex flex-wrap items-center gap-2" data-testid="labs-pending-order">
                <Badge variant={order.priority === "routine" ? "muted" : "warning"}>{order.priority}</Badge>
                <span>{order.tests.map((test) => test.display).join(", ")}</span>
                <span className="text-muted-foreground">
                  ordered {formatDateTime(order.orderedAt)} by {order.orderedBy.name} · {order.status}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {results.error ? (
          <Alert variant="destructive" data-testid="labs-error">
            {errorMessage(results.error)}
          </Alert>
        ) : null}
        {results.isPending && !results.error ? <LoadingText /> : null}
        {results.data && items.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="labs-none">
            No lab results.
          </p>
        ) : null}
        {items.length > 0 ? <LabResultsTable results={items} /> : null}
      </CardContent>
    </Card>
  );
}
