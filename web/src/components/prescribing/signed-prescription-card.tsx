"use client";

import { PrescriptionStatusBadge } from "@/components/prescribing/prescription-status-badge";
import { OverriddenWarnings } from "@/components/prescribing/safety-warnings";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { usePrescription, type SignResult } from "@/hooks/use-prescriptions";
import { formatDateTime } from "@/lib/format";
import { bySeverity, regimenText } from "@/lib/prescription-draft";

/** The prescription just signed, kept current by live status updates from the pharmacy. */
export function SignedPrescriptionCard({ signed, onNew }: { signed: SignResult; onNew: () => void }) {
  const detail = usePrescription(signed.prescription.id);
  const prescription = detail.data ?? signed.prescription;
  const overridden = prescription.warnings.filter((warning) => warning.override).sort(bySeverity);
  const others = prescription.warnings.filter((warning) => !warning.override);

  return (
    <Card className="border-emerald-300" data-testid="signed-prescription" data-prescription-id={prescription.id} data-via={signed.via}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1.5">
          <CardTitle>Prescription signed</CardTitle>
          <CardDescription>
            {prescription.patient.name} · {formatDateTime(prescription.activatedAt ?? prescription.prescribedAt)} ·{" "}
            <span data-testid="signed-via">{signed.via === "socket" ? "sent live to the pharmacy" : "saved over HTTPS"}</span>
          </CardDescription>
        </div>
        <PrescriptionStatusBadge status={prescription.status} testId="signed-status" />
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <ol className="flex flex-col gap-1 text-sm">
          {prescription.items.map((item) => (
            <li key={item.id} data-testid="signed-item" data-drug-id={item.drugId}>
              <span className="font-medium">{item.drugName}</span> <span className="text-muted-foreground">{regimenText(item)}</span> ·{" "}
              <span data-testid="signed-item-quantity">
                {item.dispensedQuantity} of {item.quantity} dispensed
              </span>
              {item.instructions ? <span className="block text-xs text-muted-foreground">{item.instructions}</span> : null}
            </li>
          ))}
        </ol>
        {prescription.note ? <p className="text-sm">Note: {prescription.note}</p> : null}
        <OverriddenWarnings warnings={overridden} title="Overridden warnings" testId="signed-overrides" />
        {others.length > 0 ? (
          <p className="text-xs text-muted-foreground">
            {others.length} other warning{others.length === 1 ? "" : "s"} recorded with the prescription.
          </p>
        ) : null}
        <div>
          <Button variant="outline" onClick={onNew} data-testid="new-prescription">
            Write another prescription
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
