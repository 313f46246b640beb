"use client";

import { SeverityBadge } from "@/components/prescribing/severity-badge";
import { Alert } from "@/components/ui/alert";
import { bySeverity } from "@/lib/prescription-draft";
import type { CheckFacts, InputUsed, SafetyWarning } from "@/lib/api/types";
import { capitalize } from "@/lib/format";

const KIND_LABEL: Record<SafetyWarning["kind"], string> = {
  interaction: "Interaction",
  allergy: "Allergy",
  dose: "Dose",
  renal: "Renal function",
  duplicate: "Duplicate therapy",
  contraindication: "Condition",
};

function measuredText(input: InputUsed | null, unit: string): string {
  if (!input) return "missing";
  const when = input.measuredAt ? ` (${input.measuredAt.slice(0, 10)}${input.stale ? ", out of date" : ""})` : "";
  return `${input.value} ${input.unit ?? unit}${when}`;
}

/** What the checks were run with: the values used, and what was missing. */
export function CheckFactsLine({ facts }: { facts: CheckFacts }) {
  const parts = [
    facts.ageYears != null ? `age ${Math.floor(facts.ageYears)} y` : "age missing",
    facts.sex ?? "sex missing",
    `weight ${measuredText(facts.weight, "kg")}`,
    `creatinine ${measuredText(facts.serumCreatinine, "mg/dL")}`,
    facts.crclMlMin != null ? `CrCl ${Math.round(facts.crclMlMin)} mL/min` : "CrCl not calculated",
    `${facts.allergies} recorded allerg${facts.allergies === 1 ? "y" : "ies"}`,
    `${facts.activeDrugIds.length} current medicine${facts.activeDrugIds.length === 1 ? "" : "s"}`,
  ];
  return (
    <p className="text-xs text-muted-foreground" data-testid="check-facts" data-missing={facts.missing.join(",")}>
      Checked against: {parts.join(" · ")}.
    </p>
  );
}

/** What to do about a warning, what to watch if the prescriber goes ahead, and where it comes from. */
export function WarningAdvice({ warning }: { warning: SafetyWarning }) {
  return (
    <>
      {warning.management ? (
        <p className="text-muted-foreground" data-testid="warning-management">
          <span className="font-medium text-foreground">Management: </span>
          {warning.management}
        </p>
      ) : null}
      {warning.monitoring ? (
        <p className="text-muted-foreground" data-testid="warning-monitoring">
          <span className="font-medium text-foreground">Monitor: </span>
          {warning.monitoring}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground" data-testid="warning-source">
        Source: {warning.source}
      </p>
    </>
  );
}

export function WarningItem({ warning }: { warning: SafetyWarning }) {
  return (
    <li
      className="flex flex-col gap-1 rounded-md border p-3 text-sm"
      data-testid="safety-warning"
      data-code={warning.code}
      data-severity={warning.severity}
      data-needs-override={warning.needsOverride}
    >
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={warning.severity} />
        <span className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{KIND_LABEL[warning.kind] ?? capitalize(warning.kind)}</span>
        {warning.needsOverride && !warning.override ? (
          <span className="text-xs font-medium text-destructive">Needs an override reason to sign</span>
        ) : null}
      </div>
      <p data-testid="warning-message">{warning.message}</p>
      <WarningAdvice warning={warning} />
      {warning.override ? (
        <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-900" data-testid="warning-override">
          Overridden: {warning.override.reason}
        </p>
      ) : null}
    </li>
  );
}

interface SafetyWarningsProps {
  warnings: SafetyWarning[] | undefined;
  facts: CheckFacts | undefined;
  checking: boolean;
  error: string | null;
  hasItems: boolean;
}

/** The warnings the prescriber accepted with a reason, under a heading; nothing when there are none. */
export function OverriddenWarnings({ warnings, title, testId }: { warnings: SafetyWarning[]; title: string; testId?: string }) {
  if (warnings.length === 0) return null;
  return (
    <section className="flex flex-col gap-2" data-testid={testId}>
      <h3 className="text-sm font-semibold">{title}</h3>
      <ul className="flex flex-col gap-2">
        {warnings.map((warning) => (
          <WarningItem key={warning.code} warning={warning} />
        ))}
      </ul>
    </section>
  );
}

/** The safety checks of the draft, most severe first, with the values they used. */
export function SafetyWarnings({ warnings, facts, checking, error, hasItems }: SafetyWarningsProps) {
  const sorted = [...(warnings ?? [])].sort(bySeverity);
  return (
    <section className="flex flex-col gap-3" aria-label="Safety checks" data-testid="safety-checks" data-state={checking ? "checking" : "done"}>
      <div className="flex items-center gap-3">
        <h3 className="text-sm font-semibold">Safety checks</h3>
        <span className="text-xs text-muted-foreground" role="status" data-testid="safety-status">
          {!hasItems ? "Add a drug to check it." : checking ? "Checking…" : error ? "" : `${sorted.length} warning${sorted.length === 1 ? "" : "s"}`}
        </span>
      </div>
      {error ? (
        <Alert variant="destructive" data-testid="safety-error">
          {error}
        </Alert>
      ) : null}
      {hasItems && warnings && sorted.length === 0 && !error ? (
        <p className="text-sm text-emerald-700" data-testid="safety-none">
          No interactions, allergies or dose problems found.
        </p>
      ) : null}
      {hasItems && sorted.length > 0 ? (
        <ul className="flex flex-col gap-2" data-testid="safety-warning-list">
          {sorted.map((warning) => (
            <WarningItem key={warning.code} warning={warning} />
          ))}
        </ul>
      ) : null}
      {hasItems && facts ? <CheckFactsLine facts={facts} /> : null}
    </section>
  );
}
