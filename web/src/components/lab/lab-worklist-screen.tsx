"use client";

import { useCallback } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { ResultEntryPanel } from "@/components/lab/result-entry-panel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { NativeSelect } from "@/components/ui/native-select";
import { PatientCell, WorkList } from "@/components/ui/work-list";
import { useLabWorklist } from "@/hooks/use-labs";
import { usePageTitle } from "@/hooks/use-page-title";
import type { LabPriority } from "@/lib/api/types";
import { errorMessage } from "@/lib/problem";

const PRIORITY_VARIANT = { stat: "critical", urgent: "warning", routine: "muted" } as const;

/** Orders waiting for results (stat first), and result entry for the one picked. */
export function LabWorklistScreen() {
  usePageTitle("Lab worklist");
  const router = useRouter();
  const params = useSearchParams();
  const priority = (params.get("priority") ?? "") as LabPriority | "";
  const orderId = params.get("order");
  const worklist = useLabWorklist(priority);

  const go = useCallback(
    (next: { priority: string; order: string | null }) => {
      const search = new URLSearchParams();
      if (next.priority) search.set("priority", next.priority);
      if (next.order) search.set("order", next.order);
      const text = search.toString();
      router.replace(`/lab/${text ? `?${text}` : ""}`);
    },
    [router],
  );

  const orders = worklist.data?.items ?? [];
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,5fr)_minmax(0,4fr)]" data-testid="lab-worklist">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-4">
          <div className="flex flex-col gap-1.5">
            <CardTitle>Lab worklist</CardTitle>
            <CardDescription>
              <span data-testid="worklist-count">{worklist.data?.total ?? 0}</span> orders waiting for results
            </CardDescription>
          </div>
          <div className="w-40">
            <label htmlFor="worklist-priority" className="mb-1.5 block text-sm font-medium">
              Priority
            </label>
            <NativeSelect id="worklist-priority" value={priority} onChange={(event) => go({ priority: event.target.value, order: orderId })} data-testid="worklist-priority">
              <option value="">All</option>
              <option value="stat">Stat</option>
              <option value="urgent">Urgent</option>
              <option value="routine">Routine</option>
            </NativeSelect>
          </div>
        </CardHeader>
        <CardContent>
          {worklist.error ? (
            <Alert variant="destructive" data-testid="worklist-error">
              {errorMessage(worklist.error)}
            </Alert>
          ) : null}
          {worklist.isPending && !worklist.error ? <LoadingText /> : null}
          {worklist.data ? (
            <WorkList
              testId="worklist"
              items={orders}
              itemKey={(order) => order.id}
              rowAttributes={(order) => ({ "data-order-id": order.id, "data-patient-id": order.patient.id })}
              columns={[
                { header: "Priority", cell: (order) => <Badge variant={PRIORITY_VARIANT[order.priority]}>{order.priority}</Badge> },
                { header: "Patient", cell: (order) => <PatientCell patient={order.patient} at={order.orderedAt} /> },
                {
                  header: "Tests",
                  cellClassName: "text-sm",
                  cell: (order) => (
                    <>
                      {order.tests.map((test) => test.display).join(", ")}
                      {order.status === "in-progress" ? <span className="block text-xs text-muted-foreground">partly resulted</span> : null}
                    </>
                  ),
                },
              ]}
              selectedKey={orderId}
              onOpen={(order) => go({ priority, order: order.id })}
              emptyText="Nothing waiting."
            />
          ) : null}
        </CardContent>
      </Card>
      <Card data-testid="result-entry-card">
        <CardHeader>
          <CardTitle>Results</CardTitle>
        </CardHeader>
        <CardContent>
          {orderId ? <ResultEntryPanel orderId={orderId} /> : <p className="text-sm text-muted-foreground">Pick an order from the worklist.</p>}
        </CardContent>
      </Card>
    </div>
  );
}
