"use client";

import { useEffect, useRef, useState } from "react";
import { PrescriptionStatusBadge } from "@/components/prescribing/prescription-status-badge";
import { Badge } from "@/components/ui/badge";
import { PatientCell, WorkList } from "@/components/ui/work-list";
import type { QueueEntry } from "@/lib/api/types";

function shortOf(entry: QueueEntry): boolean {
  return entry.items.some((item) => item.remainingQuantity > 0 && (item.stockOnHand ?? 0) < item.remainingQuantity);
}

/**
 * The queue, oldest first; prescriptions that arrived while it was open are marked new.
 * Render it once the first page is loaded, so what was already waiting is not marked.
 */
export function QueueList({ entries, selectedId, onOpen }: { entries: QueueEntry[]; selectedId: string | null; onOpen: (id: string) => void }) {
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(entries.map((entry) => entry.id));
      return;
    }
    const arrived = entries.filter((entry) => !seen.current?.has(entry.id)).map((entry) => entry.id);
    if (arrived.length === 0) return;
    arrived.forEach((id) => seen.current?.add(id));
    setFresh((current) => new Set([...current, ...arrived]));
  }, [entries]);

  return (
    <WorkList
      testId="queue"
      items={entries}
      itemKey={(entry) => entry.id}
      rowAttributes={(entry) => ({ "data-prescription-id": entry.id, "data-patient-id": entry.patient.id })}
      columns={[
        {
          header: "Patient",
          cell: (entry) => (
            <PatientCell
              patient={entry.patient}
              at={entry.activatedAt}
              after={<> · {entry.prescriber.name ?? "—"}</>}
              badge={
                fresh.has(entry.id) ? (
                  <Badge variant="default" data-testid="queue-row-new">
                    New
                  </Badge>
                ) : null
              }
            />
          ),
        },
        {
          header: "Medicines",
          cellClassName: "text-sm",
          cell: (entry) => (
            <>
              <ul>
                {entry.items.map((item) => (
                  <li key={item.id} data-testid="queue-item" data-drug-id={item.drugId}>
                    {item.drugName} <span className="text-muted-foreground">× {item.remainingQuantity} left</span>
                  </li>
                ))}
              </ul>
              {entry.overriddenWarnings > 0 ? (
                <span className="text-xs text-destructive">{entry.overriddenWarnings} overridden warning{entry.overriddenWarnings === 1 ? "" : "s"}</span>
              ) : null}
              {shortOf(entry) ? (
                <Badge variant="warning" className="ml-1" data-testid="queue-row-short">
                  Short of stock
                </Badge>
              ) : null}
            </>
          ),
        },
        { header: "Status", cell: (entry) => <PrescriptionStatusBadge status={entry.status} testId="queue-row-status" /> },
      ]}
      selectedKey={selectedId}
      onOpen={(entry) => {
        setFresh((current) => new Set([...current].filter((id) => id !== entry.id)));
        onOpen(entry.id);
      }}
      emptyText="Nothing waiting to be dispensed."
    />
  );
}
