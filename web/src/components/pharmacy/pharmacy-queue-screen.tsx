"use client";

import { useCallback, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { DispenseDialog } from "@/components/pharmacy/dispense-dialog";
import { PharmacyTabs } from "@/components/pharmacy/pharmacy-tabs";
import { PrescriptionPanel } from "@/components/pharmacy/prescription-panel";
import { QueueList } from "@/components/pharmacy/queue-list";
import { PaginationControls } from "@/components/patients/pagination-controls";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { usePageTitle } from "@/hooks/use-page-title";
import { QUEUE_PAGE_SIZE, usePharmacyQueue } from "@/hooks/use-pharmacy";
import type { Dispense } from "@/lib/api/types";
import { errorMessage } from "@/lib/problem";

/** Prescriptions waiting at the pharmacy (new ones arrive live) and dispensing them. */
export function PharmacyQueueScreen() {
  usePageTitle("Pharmacy");
  const router = useRouter();
  const params = useSearchParams();
  const selectedId = params.get("id");
  const page = Math.max(1, Number(params.get("page")) || 1);
  const queue = usePharmacyQueue(page);
  const [dispensing, setDispensing] = useState(false);
  const [lastDispense, setLastDispense] = useState<Dispense | null>(null);

  const go = useCallback(
    (next: { id: string | null; page: number }) => {
      const search = new URLSearchParams();
      if (next.id) search.set("id", next.id);
      if (next.page > 1) search.set("page", String(next.page));
      const text = search.toString();
      router.replace(`/pharmacy/${text ? `?${text}` : ""}`);
    },
    [router],
  );

  const entries = queue.data?.items ?? [];
  const entry = entries.find((item) => item.id === selectedId) ?? null;

  return (
    <div data-testid="pharmacy-queue">
      <PharmacyTabs />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Dispensing queue</CardTitle>
            <CardDescription>
              <span data-testid="queue-count">{queue.data?.total ?? 0}</span> waiting, oldest first. New prescriptions appear here as they
              are signed.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {queue.error ? (
              <Alert variant="destructive" data-testid="queue-error">
                {errorMessage(queue.error)}
              </Alert>
            ) : null}
            {queue.isPending && !queue.error ? <LoadingText /> : null}
            {queue.data ? <QueueList entries={entries} selectedId={selectedId} onOpen={(id) => go({ id, page })} /> : null}
            {queue.data && queue.data.total > QUEUE_PAGE_SIZE ? (
              <PaginationControls
                page={page}
                pageSize={QUEUE_PAGE_SIZE}
                total={queue.data.total}
                onPageChange={(next: number) => go({ id: selectedId, page: next })}
              />
            ) : null}
          </CardContent>
        </Card>
        <Card data-testid="prescription-card">
          <CardHeader>
            <CardTitle>Prescription</CardTitle>
          </CardHeader>
          <CardContent>
            {selectedId ? (
              <PrescriptionPanel
                prescriptionId={selectedId}
                entry={entry}
                lastDispense={lastDispense}
                onDispense={() => {
                  setLastDispense(null);
                  setDispensing(true);
                }}
              />
            ) : (
              <p className="text-sm text-muted-foreground">Open a prescription from the queue.</p>
            )}
          </CardContent>
        </Card>
      </div>
      <DispenseDialog
        entry={dispensing ? entry : null}
        onClose={() => setDispensing(false)}
        onDispensed={(dispense) => {
          setDispensing(false);
          setLastDispense(dispense);
        }}
      />
    </div>
  );
}
