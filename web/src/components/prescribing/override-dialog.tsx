"use client";

import { useState, type FormEvent } from "react";
import { ModalDialog } from "@/components/prescribing/modal-dialog";
import { WarningAdvice } from "@/components/prescribing/safety-warnings";
import { SeverityBadge } from "@/components/prescribing/severity-badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { OverrideInput, SafetyWarning } from "@/lib/api/types";

const MIN_REASON = 5;

interface OverrideDialogProps {
  open: boolean;
  warnings: SafetyWarning[];
  pending: boolean;
  messages: string[];
  onConfirm: (overrides: OverrideInput[]) => void;
  onCancel: () => void;
}

/** Asks for the reason each contraindicated or major risk is accepted before signing. */
export function OverrideDialog({ open, warnings, pending, messages, onConfirm, onCancel }: OverrideDialogProps) {
  return (
    <ModalDialog
      open={open}
      title="Override safety warnings"
      description="These warnings are contraindicated or major. Give the reason you accept each risk; it is recorded with the prescription."
      onClose={() => !pending && onCancel()}
      testId="override-dialog"
    >
      {open ? <OverrideForm warnings={warnings} pending={pending} messages={messages} onConfirm={onConfirm} onCancel={onCancel} /> : null}
    </ModalDialog>
  );
}

function OverrideForm({ warnings, pending, messages, onConfirm, onCancel }: Omit<OverrideDialogProps, "open">) {
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const warning of warnings) {
      const reason = (reasons[warning.code] ?? "").trim();
      if (reason.length < MIN_REASON) found[warning.code] = `Give a reason of at least ${MIN_REASON} characters.`;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onConfirm(warnings.map((warning) => ({ code: warning.code, reason: (reasons[warning.code] ?? "").trim() })));
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={handleSubmit} noValidate data-testid="override-form">
      <FormError messages={messages} testId="override-error" />
      <ol className="flex flex-col gap-4">
        {warnings.map((warning, index) => {
          const id = `override-reason-${index}`;
          return (
            <li key={warning.code} className="flex flex-col gap-2 rounded-md border p-3" data-testid="override-warning" data-code={warning.code}>
              <div className="flex items-center gap-2">
                <SeverityBadge severity={warning.severity} />
                <span className="font-mono text-xs text-muted-foreground">{warning.code}</span>
              </div>
              <p className="text-sm" data-testid="override-warning-message">
                {warning.message}
              </p>
              <div className="flex flex-col gap-1 text-xs">
                <WarningAdvice warning={warning} />
              </div>
              <Label htmlFor={id}>Reason for overriding</Label>
              <Textarea
                id={id}
                rows={2}
                maxLength={1000}
                value={reasons[warning.code] ?? ""}
                disabled={pending}
                aria-invalid={Boolean(errors[warning.code])}
                onChange={(event) => setReasons((current) => ({ ...current, [warning.code]: event.target.value }))}
                data-testid="override-reason"
                data-code={warning.code}
              />
              {errors[warning.code] ? (
                <p className="text-xs text-destructive" data-testid="override-reason-error">
                  {errors[warning.code]}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" disabled={pending} onClick={onCancel} data-testid="override-cancel">
          Back to the prescription
        </Button>
        <Button type="submit" variant="destructive" disabled={pending} data-testid="override-confirm">
          {pending ? "Signing…" : "Override and sign"}
        </Button>
      </div>
    </form>
  );
}
