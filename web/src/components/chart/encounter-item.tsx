import { Badge } from "@/components/ui/badge";
import { DISPOSITIONS } from "@/lib/format";
import type { Encounter } from "@/lib/api/types";
import { capitalize, formatDateTime } from "@/lib/format";

function dispositionLabel(value: string): string {
  return DISPOSITIONS.find((item) => item.value === value)?.label ?? value;
}

/** One encounter: when, why, every bed it used (admission, transfers), and how it ended. */
export function EncounterItem({ encounter }: { encounter: Encounter }) {
  const open = encounter.status === "open";
  return (
    <li
      className="flex flex-col gap-2 rounded-lg border p-4"
      data-testid="encounter-item"
      data-encounter-id={encounter.id}
      data-status={encounter.status}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge variant="secondary" data-testid="encounter-kind">
          {capitalize(encounter.kind)}
        </Badge>
        <Badge variant={open ? "success" : "muted"} data-testid="encounter-status">
          {open ? "Open" : "Closed"}
        </Badge>
        <span className="text-sm text-muted-foreground">
          {formatDateTime(encounter.openedAt)}
          {encounter.closedAt ? ` → ${formatDateTime(encounter.closedAt)}` : ""}
        </span>
        {encounter.bed ? (
          <span className="text-sm font-medium" data-testid="encounter-current-bed">
            {encounter.bed.wardCode} · bed {encounter.bed.bedLabel}
          </span>
        ) : null}
      </div>
      {encounter.reason ? <p className="text-sm">{encounter.reason}</p> : null}
      {encounter.stays.length > 0 ? (
        <ol className="flex flex-col gap-0.5 text-sm" data-testid="encounter-stays">
          {encounter.stays.map((stay, index) => (
            <li key={`${stay.bedId}-${stay.startedAt}`} data-testid="encounter-stay" className="text-muted-foreground">
              <span className="font-medium text-foreground">{index === 0 ? "Admitted to" : "Transferred to"}</span>{" "}
              {stay.wardName} ({stay.wardCode}) bed {stay.bedLabel} · {formatDateTime(stay.startedAt)}
              {stay.endedAt ? ` – ${formatDateTime(stay.endedAt)}` : " – now"}
            </li>
          ))}
        </ol>
      ) : null}
      {!open ? (
        <div className="flex flex-col gap-1 text-sm" data-testid="encounter-discharge">
          <span>
            <span className="font-medium">Discharged:</span>{" "}
            <span data-testid="encounter-disposition">{encounter.disposition ? dispositionLabel(encounter.disposition) : "—"}</span>
          </span>
          {encounter.dischargeDiagnoses.length > 0 ? (
            <ul className="flex flex-col gap-0.5">
              {encounter.dischargeDiagnoses.map((diagnosis) => (
                <li key={diagnosis.code} data-testid="encounter-diagnosis" data-code={diagnosis.code}>
                  <span className="font-mono font-semibold">{diagnosis.code}</span> {diagnosis.description}
                </li>
              ))}
            </ul>
          ) : null}
          {encounter.dischargeNote ? <p className="whitespace-pre-wrap text-muted-foreground">{encounter.dischargeNote}</p> : null}
        </div>
      ) : null}
    </li>
  );
}
