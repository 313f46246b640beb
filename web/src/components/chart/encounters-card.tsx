"use client";

import { useState } from "react";
import { AdmitForm } from "@/components/chart/admit-form";
import { DischargeForm } from "@/components/chart/discharge-form";
import { EncounterItem } from "@/components/chart/encounter-item";
import { TransferForm } from "@/components/chart/transfer-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { usePatientEncounters } from "@/hooks/use-encounters";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";

type Action = "admit" | "transfer" | "discharge" | null;

/** Admission, transfer and discharge history, with the actions for staff managing stays. */
export function EncountersCard({ patientId }: { patientId: string }) {
  const { data: user } = useCurrentUser();
  const { data, error, isPending } = usePatientEncounters(patientId);
  const [action, setAction] = useState<Action>(null);
  const canManage = hasPermission(user, "encounters:manage");
  const encounters = data?.items ?? [];
  const current = encounters.find((encounter) => encounter.status === "open") ?? null;

  return (
    <Card id="chart-encounters" data-testid="chart-encounters">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Encounters</CardTitle>
          <CardDescription data-testid="chart-current-location">
            {current
              ? current.bed
                ? `Admitted · ${current.bed.wardName} bed ${current.bed.bedLabel}`
                : `Open ${current.kind} encounter`
              : "Not admitted"}
          </CardDescription>
        </div>
        {canManage && data && action === null ? (
          <div className="flex gap-2">
            {current ? (
              <>
                {current.kind !== "outpatient" ? (
                  <Button variant="outline" onClick={() => setAction("transfer")} data-testid="transfer-button">
                    Transfer
                  </Button>
                ) : null}
                <Button variant="outline" onClick={() => setAction("discharge")} data-testid="discharge-button">
                  Discharge
                </Button>
              </>
            ) : (
              <Button onClick={() => setAction("admit")} data-testid="admit-button">
                Admit / open encounter
              </Button>
            )}
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {action === "admit" ? <AdmitForm patientId={patientId} onDone={() => setAction(null)} /> : null}
        {action === "transfer" && current ? (
          <TransferForm patientId={patientId} encounterId={current.id} onDone={() => setAction(null)} />
        ) : null}
        {action === "discharge" && current ? <DischargeForm encounter={current} onDone={() => setAction(null)} /> : null}
        {error ? (
          <Alert variant="destructive" data-testid="encounters-error">
            {errorMessage(error)}
          </Alert>
        ) : null}
        {isPending && !error ? <LoadingText /> : null}
        {data && encounters.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="encounters-none">
            No encounters yet.
          </p>
        ) : null}
        {encounters.length > 0 ? (
          <ol className="flex flex-col gap-3" data-testid="encounter-list">
            {encounters.map((encounter) => (
              <EncounterItem key={encounter.id} encounter={encounter} />
            ))}
          </ol>
        ) : null}
      </CardContent>
    </Card>
  );
}
