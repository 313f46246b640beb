"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useFormErrors } from "@/hooks/use-form-errors";
import { useRecordMovement } from "@/hooks/use-pharmacy";
import type { FormularyEntry, MovementResult } from "@/lib/api/types";

const FIELDS = new Set(["kind", "quantity", "reason", "reference"]);
const isKnown = (path: string) => FIELDS.has(path);

/** Receive stock (a delivery) or adjust it after a count, breakage or expiry. */
export function MovementForm({ entry, onRecorded }: { entry: FormularyEntry; onRecorded: (result: MovementResult) => void }) {
  const record = useRecordMovement(entry.drugId);
  const form = useFormErrors(isKnown);
  const [kind, setKind] = useState<"receipt" | "adjustment">("receipt");
  const [quantity, setQuantity] = useState("");
  const [reason, setReason] = useState("");
  const [reference, setReference] = useState("");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const amount = Number(quantity);
    const found: Record<string, string> = {};
    if (!quantity.trim() || !Number.isInteger(amount)) found.quantity = "A whole number of units.";
    else if (kind === "receipt" && amount <= 0) found.quantity = "A receipt adds stock: more than 0.";
    else if (kind === "adjustment" && amount === 0) found.quantity = "An adjustment changes stock: not 0.";
    else if (amount + entry.quantityOnHand < 0) found.quantity = `Only ${entry.quantityOnHand} ${entry.unit} on hand.`;
    if (kind === "adjustment" && !reason.trim()) found.reason = "Say why (count, breakage, expiry…).";
    if (Object.keys(found).length > 0) return form.setFieldErrors(found);
    record.mutate(
      { kind, quantity: amount, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(reference.trim() ? { reference: reference.trim() } : {}) },
      {
        onSuccess: (result) => {
          setQuantity("");
          setReason("");
          setReference("");
          onRecorded(result);
        },
        onError: form.showServerError,
      },
    );
  }

  return (
    <form className="flex flex-col gap-3" onSubmit={handleSubmit} noValidate data-testid="movement-form">
      <FormError messages={form.messages} testId="movement-error" />
      <div className="grid grid-cols-2 gap-3">
        <FormField id="movement-kind" label="Movement">
          <NativeSelect id="movement-kind" value={kind} disabled={record.isPending} onChange={(event) => setKind(event.target.value as "receipt" | "adjustment")} data-testid="movement-kind">
            <option value="receipt">Receipt (delivery)</option>
            <option value="adjustment">Adjustment (±)</option>
          </NativeSelect>
        </FormField>
        <FormField
          id="movement-quantity"
          label={`Quantity (${entry.unit})`}
          error={form.fieldErrors.quantity}
          hint={kind === "adjustment" ? "Negative to remove units" : undefined}
        >
          <Input id="movement-quantity" type="number" step="1" value={quantity} disabled={record.isPending} aria-invalid={Boolean(form.fieldErrors.quantity)} onChange={(event) => setQuantity(event.target.value)} data-testid="movement-quantity" />
        </FormField>
        <FormField id="movement-reason" label={kind === "adjustment" ? "Reason" : "Reason (optional)"} error={form.fieldErrors.reason}>
          <Input id="movement-reason" value={reason} maxLength={500} disabled={record.isPending} aria-invalid={Boolean(form.fieldErrors.reason)} onChange={(event) => setReason(event.target.value)} data-testid="movement-reason" />
        </FormField>
        <FormField id="movement-reference" label="Reference (optional)" error={form.fieldErrors.reference} hint="Delivery note, batch, count sheet">
          <Input id="movement-reference" value={reference} maxLength={100} disabled={record.isPending} onChange={(event) => setReference(event.target.value)} data-testid="movement-reference" />
        </FormField>
      </div>
      <div>
        <Button type="submit" disabled={record.isPending} data-testid="movement-submit">
          {record.isPending ? "Recording…" : kind === "receipt" ? "Record receipt" : "Record adjustment"}
        </Button>
      </div>
    </form>
  );
}
