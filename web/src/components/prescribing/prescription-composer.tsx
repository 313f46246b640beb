"use client";

import { DrugSearch } from "@/components/prescribing/drug-search";
import { OverrideDialog } from "@/components/prescribing/override-dialog";
import { FrequencySuggestions, PrescriptionItemRow } from "@/components/prescribing/prescription-item-row";
import { SafetyWarnings } from "@/components/prescribing/safety-warnings";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { usePrescriptionComposer } from "@/hooks/use-prescription-composer";
import type { SignResult } from "@/hooks/use-prescriptions";
import { useLiveConnectionStore } from "@/lib/live-connection-store";

interface ComposerProps {
  patientId: string;
  patientName: string;
  onSigned: (result: SignResult) => void;
}

/** Compose a prescription: drugs and regimens, live safety checks, override reasons, signing. */
export function PrescriptionComposer({ patientId, patientName, onSigned }: ComposerProps) {
  const composer = usePrescriptionComposer(patientId, onSigned);
  const live = useLiveConnectionStore((store) => store.state) === "connected";
  const { items, busy } = composer;

  return (
    <Card data-testid="prescription-composer">
      <CardHeader>
        <CardTitle>New prescription</CardTitle>
        <CardDescription>For {patientName}. Every change is checked against the patient&apos;s record.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <FrequencySuggestions />
        <DrugSearch disabled={busy} onPick={composer.addDrug} />
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="draft-empty">
            No drugs yet: search the catalog above.
          </p>
        ) : (
          <ol className="flex flex-col gap-3" data-testid="draft-items">
            {items.map((item, index) => (
              <PrescriptionItemRow
                key={item.key}
                item={item}
                index={index}
                errors={composer.fieldErrors}
                disabled={busy}
                onChange={(patch) => composer.updateItem(item.key, patch)}
                onRemove={() => composer.removeItem(item.key)}
              />
            ))}
          </ol>
        )}
        <SafetyWarnings
          warnings={composer.checks.data?.warnings}
          facts={composer.checks.data?.facts}
          checking={composer.checks.checking}
          error={composer.checks.error}
          hasItems={composer.checks.hasItems}
        />
        <FormField id="prescription-note" label="Note for the pharmacy (optional)">
          <Textarea
            id="prescription-note"
            rows={2}
            maxLength={2000}
            value={composer.note}
            disabled={busy}
            onChange={(event) => composer.setNote(event.target.value)}
            data-testid="prescription-note"
          />
        </FormField>
        <FormError messages={composer.messages} testId="prescription-error" />
        <div className="flex flex-wrap items-center justify-between gap-3">
          <span className="text-xs text-muted-foreground" data-testid="sign-channel" data-live={live}>
            {live ? "Sent over the live connection." : "Live connection down: sent over HTTPS."}
          </span>
          <Button type="button" disabled={busy || items.length === 0} onClick={() => void composer.startSigning()} data-testid="sign-prescription">
            {busy ? "Signing…" : "Sign prescription"}
          </Button>
        </div>
      </CardContent>
      <OverrideDialog
        open={composer.override !== null}
        warnings={composer.override?.warnings ?? []}
        messages={composer.override?.messages ?? []}
        pending={busy}
        onConfirm={composer.confirmOverride}
        onCancel={composer.cancelOverride}
      />
    </Card>
  );
}
