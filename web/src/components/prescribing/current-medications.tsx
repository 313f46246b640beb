"use client";

import { useState } from "react";
import { EndPrescriptionForm } from "@/components/prescribing/end-prescription-form";
import { PrescriptionStatusBadge } from "@/components/prescribing/prescription-status-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentMedications } from "@/hooks/use-prescriptions";
import { formatDateTime } from "@/lib/format";
import { regimenText } from "@/lib/prescription-draft";
import { errorMessage } from "@/lib/problem";

/** The patient's current medication (what the checks compare new drugs against). */
export function CurrentMedications({ patientId, canEnd }: { patientId: string; canEnd: boolean }) {
  const medications = useCurrentMedications(patientId);
  const [ending, setEnding] = useState<string | null>(null);
  const prescriptions = medications.data ?? [];

  return (
    <Card data-testid="current-medications">
      <CardHeader>
        <CardTitle>Current medication</CardTitle>
        <CardDescription>Prescriptions active, dispensed or still within their duration.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {medications.error ? <Alert variant="destructive">{errorMessage(medications.error)}</Alert> : null}
        {medications.isPending ? <LoadingText /> : null}
        {medications.data && prescriptions.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="current-medications-none">
            No current medication.
          </p>
        ) : null}
        <ul className="flex flex-col gap-3">
          {prescriptions.map((prescription) => (
            <li key={prescription.id} className="flex flex-col gap-2 rounded-md border p-3" data-testid="current-prescription" data-prescription-id={prescription.id}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex items-center gap-2">
                  <PrescriptionStatusBadge status={prescription.status} />
                  <span className="text-xs text-muted-foreground">
                    {formatDateTime(prescription.activatedAt ?? prescription.prescribedAt)} · {prescription.prescriber.name ?? "—"}
                  </span>
                </div>
                {canEnd && ending !== prescription.id ? (
                  <Button size="sm" variant="ghost" onClick={() => setEnding(prescription.id)} data-testid="end-prescription">
                    {prescription.status === "active" ? "Cancel" : "Stop"}
                  </Button>
                ) : null}
              </div>
              <ul className="flex flex-col gap-1 text-sm">
                {prescription.items.map((item) => (
                  <li key={item.id} data-testid="current-medication" data-drug-id={item.drugId}>
                    <span className="font-medium">{item.drugName}</span>{" "}
                    <span className="text-muted-foreground">{regimenText(item)}</span>
                  </li>
                ))}
              </ul>
              {ending === prescription.id ? <EndPrescriptionForm prescription={prescription} onDone={() => setEnding(null)} /> : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
