"use client";

import { DispenseHistory } from "@/components/pharmacy/dispense-history";
import { PrescriptionStatusBadge, statusLabel } from "@/components/prescribing/prescription-status-badge";
import { OverriddenWarnings } from "@/components/prescribing/safety-warnings";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LoadingText } from "@/components/ui/loading-text";
import { usePrescription } from "@/hooks/use-prescriptions";
import { formatDateTime } from "@/lib/format";
import type { Dispense, QueueEntry } from "@/lib/api/types";
import { regimenText } from "@/lib/prescription-draft";
import { errorMessage } from "@/lib/problem";

interface PrescriptionPanelProps {
  prescriptionId: string;
  entry: QueueEntry | null;
  lastDispense: Dispense | null;
  onDispense: () => void;
}

/** One prescription for the pharmacist: lines, overridden warnings, dispensing and status history. */
export function PrescriptionPanel({ prescriptionId, entry, lastDispense, onDispense }: PrescriptionPanelProps) {
  const detail = usePrescription(prescriptionId);
  if (detail.error) return <Alert variant="destructive">{errorMessage(detail.error)}</Alert>;
  if (!detail.data) return <LoadingText />;
  const prescription = detail.data;
  const stockOf = new Map((entry?.items ?? []).map((item) => [item.id, item]));
  const overridden = prescription.warnings.filter((warning) => warning.override);

  return (
    <div className="flex flex-col gap-4" data-testid="prescription-panel" data-prescription-id={prescription.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <div className="font-medium" data-testid="panel-patient">
            {prescription.patient.name} <span className="font-mono text-xs text-muted-foreground">{prescription.patient.mrn}</span>
          </div>
          <div className="text-xs text-muted-foreground">
            {prescription.prescriber.name ?? "—"} · {formatDateTime(prescription.activatedAt ?? prescription.prescribedAt)}
          </div>
        </div>
        <PrescriptionStatusBadge status={prescription.status} testId="panel-status" />
      </div>
      {lastDispense && lastDispense.prescriptionId === prescription.id ? (
        <Alert data-testid="dispense-done">
          Dispensed:{" "}
          {lastDispense.items.map((item, index) => (
            <span key={item.itemId} data-testid="dispense-done-item" data-drug-id={item.drugId} data-stock-after={item.stockAfter ?? ""}>
              {index > 0 ? "; " : ""}
              {item.quantity} {item.unit ?? ""} {item.drugName} ({item.stockAfter ?? "?"} left in stock)
            </span>
          ))}
          .
        </Alert>
      ) : null}
      <ul className="flex flex-col gap-2">
        {prescription.items.map((item) => {
          const stocked = stockOf.get(item.id);
          return (
            <li key={item.id} className="rounded-md border p-2 text-sm" data-testid="panel-item" data-drug-id={item.drugId}>
              <div className="font-medium">{item.drugName}</div>
              <div className="text-xs text-muted-foreground">
                {regimenText(item)}
                {item.instructions ? ` · ${item.instructions}` : ""}
              </div>
              <div className="text-xs">
                <span data-testid="panel-item-dispensed">
                  {item.dispensedQuantity} of {item.quantity} dispensed
                </span>
                {stocked ? (
                  <span data-testid="panel-item-stock" data-on-hand={stocked.stockOnHand ?? ""}>
                    {" "}
                    · {stocked.stockOnHand === null ? "not on the formulary" : `${stocked.stockOnHand} ${stocked.stockUnit ?? ""} in stock`}
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {prescription.note ? <p className="text-sm">Prescriber&apos;s note: {prescription.note}</p> : null}
      <OverriddenWarnings warnings={overridden} title="Warnings overridden by the prescriber" />
      {entry ? (
        <div>
          <Button onClick={onDispense} data-testid="dispense-open">
            Dispense…
          </Button>
        </div>
      ) : null}
      <section className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">Dispensing history</h3>
        <DispenseHistory prescriptionId={prescription.id} />
      </section>
      {prescription.history && prescription.history.length > 0 ? (
        <section className="flex flex-col gap-1">
          <h3 className="text-sm font-semibold">Status history</h3>
          <ol className="text-xs text-muted-foreground" data-testid="status-history">
            {prescription.history.map((change, index) => (
              <li key={`${change.at}-${index}`}>
                {formatDateTime(change.at)} · {change.fromStatus ? `${statusLabel(change.fromStatus)} → ` : ""}
                {statusLabel(change.toStatus)} · {change.by.name ?? "—"}
                {change.reason ? ` · ${change.reason}` : ""}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
