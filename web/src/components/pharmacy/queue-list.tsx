"use client";

import { useEffect, useRef, useState } from "react";
import { PrescriptionStatusBadge } from "@/components/prescribing/prescription-status-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
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

  if (entries.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="queue-empty">
        Nothing waiting to be dispensed.
      </p>
    );
  }
  return (
    <Table data-testid="queue-table">
      <TableHeader>
        <TableRow>
          <TableHead>Patient</TableHead>
          <TableHead>Medicines</TableHead>
          <TableHead>Status</TableHead>
          <TableHead />
        </TableRow>
      </TableHeader>
      <TableBody>
        {entries.map((entry) => (
          <TableRow
            key={entry.id}
            data-testid="queue-row"
            data-prescription-id={entry.id}
            data-patient-id={entry.patient.id}
            aria-selected={entry.id === selectedId}
            className={entry.id === selectedId ? "bg-primary/5" : undefined}
          >
            <TableCell>
              <div className="flex items-center gap-2 font-medium">
                {entry.patient.name}
                {fresh.has(entry.id) ? (
                  <Badge variant="default" data-testid="queue-row-new">
                    New
                  </Badge>
                ) : null}
              </div>
              <div className="text-xs text-muted-foreground">
                <span className="font-mono">{entry.patient.mrn}</span> · {formatDateTime(entry.activatedAt)} · {entry.prescriber.name ?? "—"}
              </div>
            </TableCell>
            <TableCell className="text-sm">
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
            </TableCell>
            <TableCell>
              <PrescriptionStatusBadge status={entry.status} testId="queue-row-status" />
            </TableCell>
            <TableCell className="text-right">
              <Button
                size="sm"
                variant={entry.id === selectedId ? "default" : "outline"}
                onClick={() => {
                  setFresh((current) => new Set([...current].filter((id) => id !== entry.id)));
                  onOpen(entry.id);
                }}
                data-testid="queue-open"
              >
                Open
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
