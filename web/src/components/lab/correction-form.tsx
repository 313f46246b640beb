"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { useCorrectLabResult } from "@/hooks/use-labs";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { LabResult } from "@/lib/api/types";

const isKnown = (path: string) => path === "value" || path === "reason";

/** Issues a corrected version of a result; the earlier version stays in its history. */
export function CorrectionForm({ result, onDone }: { result: LabResult; onDone: () => void }) {
  const correct = useCorrectLabResult();
  const form = useFormErrors(isKnown);
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const errors: Record<string, string> = {};
    const number = Number(value.trim().replace(",", "."));
    if (!value.trim() || !Number.isFinite(number)) errors.value = "Enter the corrected value.";
    if (!reason.trim()) errors.reason = "Say why it is corrected.";
    if (Object.keys(errors).length > 0) return form.setFieldErrors(errors);
    correct.mutate({ resultId: result.id, value: number, reason: reason.trim() }, { onSuccess: onDone, onError: form.showServerError });
  }

  const errors = [form.fieldErrors.value, form.fieldErrors.reason].filter(Boolean) as string[];
  return (
    <form className="flex flex-col gap-2 rounded-md border bg-muted/30 p-2" onSubmit={handleSubmit} noValidate data-testid="correction-form">
      <FormError messages={[...form.messages, ...errors]} testId="correction-form-error" />
      <div className="flex flex-wrap items-center gap-2">
        <Input
          type="number"
          step="any"
          className="w-28"
          placeholder={result.unit}
          aria-label={`Corrected ${result.display} (${result.unit})`}
          value={value}
          disabled={correct.isPending}
          onChange={(event) => setValue(event.target.value)}
          data-testid="correction-value"
        />
        <Input
          className="min-w-48 flex-1"
          placeholder="Reason"
          aria-label="Reason for the correction"
          maxLength={1000}
          value={reason}
          disabled={correct.isPending}
          onChange={(event) => setReason(event.target.value)}
          data-testid="correction-reason"
        />
        <Button type="submit" size="sm" disabled={correct.isPending} data-testid="correction-submit">
          Correct
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onDone} data-testid="correction-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
