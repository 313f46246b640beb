"use client";

import { useState, type FormEvent } from "react";
import { ModalDialog } from "@/components/prescribing/modal-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useDispense } from "@/hooks/use-pharmacy";
import type { Dispense, QueueEntry } from "@/lib/api/types";
import { regimenText } from "@/lib/prescription-draft";
import { errorMessage, problemOf } from "@/lib/problem";

interface DispenseDialogProps {
  entry: QueueEntry | null;
  onClose: () => void;
  onDispensed: (dispense: Dispense) => void;
}

/** Dispense a prescription in whole or in part; stock is taken atomically, all lines or none. */
export function DispenseDialog({ entry, onClose, onDispensed }: DispenseDialogProps) {
  return (
    <ModalDialog
      open={entry !== null}
      title="Dispense"
      description={entry ? `${entry.patient.name} (${entry.patient.mrn}) · prescribed by ${entry.prescriber.name ?? "—"}` : null}
      onClose={onClose}
      testId="dispense-dialog"
    >
      {entry ? <DispenseForm key={entry.id} entry={entry} onClose={onClose} onDispensed={onDispensed} /> : null}
    </ModalDialog>
  );
}

function DispenseForm({ entry, onClose, onDispensed }: { entry: QueueEntry; onClose: () => void; onDispensed: (dispense: Dispense) => void }) {
  const dispense = useDispense(entry.id);
  const open = entry.items.filter((item) => item.remainingQuantity > 0);
  const [quantities, setQuantities] = useState<Record<string, string>>(() =>
    Object.fromEntries(open.map((item) => [item.id, String(item.remainingQuantity)])),
  );
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<{ message: string; drugId: string | null; status: number | null } | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const lines: { itemId: string; quantity: number }[] = [];
    for (const item of open) {
      const text = (quantities[item.id] ?? "").trim();
      if (!text || text === "0") continue;
      const quantity = Number(text);
      if (!Number.isInteger(quantity) || quantity < 0) found[item.id] = "A whole number.";
      else if (quantity > item.remainingQuantity) found[item.id] = `Only ${item.remainingQuantity} remain to be dispensed.`;
      else lines.push({ itemId: item.id, quantity });
    }
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length > 0) return;
    if (lines.length === 0) return setRefusal({ message: "Enter a quantity for at least one item.", drugId: null, status: null });
    dispense.mutate(
      { items: lines, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: onDispensed,
        onError: (error) => {
          const problem = problemOf(error) as ({ drugId?: string } & ReturnType<typeof problemOf>) | null;
          setRefusal({ message: errorMessage(error), drugId: problem?.drugId ?? null, status: problem?.status ?? null });
        },
      },
    );
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={handleSubmit} noValidate data-testid="dispense-form">
      {refusal ? (
        <Alert variant="destructive" data-testid="dispense-error" data-status={refusal.status ?? ""} data-drug-id={refusal.drugId ?? ""}>
          {refusal.status === 409 ? <strong className="block">Not dispensed — nothing was taken from stock.</strong> : null}
          {refusal.message}
        </Alert>
      ) : null}
      <ul className="flex flex-col gap-3">
        {entry.items.map((item) => {
          const id = `dispense-qty-${item.id}`;
          const short = item.stockOnHand !== null && item.stockOnHand < item.remainingQuantity;
          return (
            <li
              key={item.id}
              className={`flex flex-wrap items-end justify-between gap-3 rounded-md border p-3 ${refusal?.drugId === item.drugId ? "border-destructive" : ""}`}
              data-testid="dispense-item"
              data-drug-id={item.drugId}
            >
              <div className="flex min-w-0 flex-col gap-0.5 text-sm">
                <span className="font-medium">{item.drugName}</span>
                <span className="text-xs text-muted-foreground">{regimenText(item)}</span>
                <span className="text-xs">
                  {item.dispensedQuantity} of {item.quantity} dispensed ·{" "}
                  <span className={short ? "font-medium text-destructive" : undefined} data-testid="dispense-item-stock">
                    {item.stockOnHand === null ? "not on the formulary" : `${item.stockOnHand} ${item.stockUnit ?? ""} in stock`}
                  </span>
                </span>
              </div>
              {item.remainingQuantity > 0 ? (
                <div className="flex w-32 flex-col gap-1.5">
                  <Label htmlFor={id}>Quantity</Label>
                  <Input
                    id={id}
                    type="number"
                    min="0"
                    max={item.remainingQuantity}
                    step="1"
                    value={quantities[item.id] ?? ""}
                    disabled={dispense.isPending}
                    aria-invalid={Boolean(errors[item.id])}
                    onChange={(event) => setQuantities((current) => ({ ...current, [item.id]: event.target.value }))}
                    data-testid="dispense-quantity"
                  />
                  {errors[item.id] ? (
                    <p className="text-xs text-destructive" data-testid="dispense-quantity-error">
                      {errors[item.id]}
                    </p>
                  ) : null}
                </div>
              ) : (
                <span className="text-xs text-muted-foreground">Fully dispensed</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="dispense-note">Note (optional)</Label>
        <Textarea id="dispense-note" rows={2} maxLength={1000} value={note} disabled={dispense.isPending} onChange={(event) => setNote(event.target.value)} data-testid="dispense-note" />
      </div>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" disabled={dispense.isPending} onClick={onClose} data-testid="dispense-cancel">
          Close
        </Button>
        <Button type="submit" disabled={dispense.isPending} data-testid="dispense-submit">
          {dispense.isPending ? "Dispensing…" : "Dispense"}
        </Button>
      </div>
    </form>
  );
}
