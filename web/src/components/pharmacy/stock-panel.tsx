"use client";

import { useState } from "react";
import { MovementForm } from "@/components/pharmacy/movement-form";
import { Alert } from "@/components/ui/alert";
import { LoadingText } from "@/components/ui/loading-text";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import { useStockMovements } from "@/hooks/use-pharmacy";
import { capitalize, formatDateTime } from "@/lib/format";
import type { FormularyEntry, MovementResult } from "@/lib/api/types";
import { errorMessage } from "@/lib/problem";

function Movements({ drugId }: { drugId: string }) {
  const movements = useStockMovements(drugId);
  if (movements.error) return <Alert variant="destructive">{errorMessage(movements.error)}</Alert>;
  if (movements.isPending) return <LoadingText />;
  return (
    <Table data-testid="movement-table">
      <TableHeadings headings={["When", "Movement", { label: "Change", className: "text-right" }, { label: "Balance", className: "text-right" }]} />
      <TableBody>
        {movements.data.items.map((movement) => (
          <TableRow key={movement.id} data-testid="movement-row" data-kind={movement.kind}>
            <TableCell className="text-xs">{formatDateTime(movement.createdAt)}</TableCell>
            <TableCell className="text-xs">
              {capitalize(movement.kind)}
              {movement.reason || movement.reference ? (
                <span className="block text-muted-foreground">{[movement.reason, movement.reference].filter(Boolean).join(" · ")}</span>
              ) : null}
            </TableCell>
            <TableCell className="text-right font-mono text-xs">{movement.quantity > 0 ? `+${movement.quantity}` : movement.quantity}</TableCell>
            <TableCell className="text-right font-mono text-xs">{movement.balanceAfter}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One formulary entry: record a receipt or adjustment, and its latest movements. */
export function StockPanel({ entry, canManage }: { entry: FormularyEntry; canManage: boolean }) {
  const [recorded, setRecorded] = useState<MovementResult | null>(null);
  return (
    <div className="flex flex-col gap-4" data-testid="stock-panel" data-drug-id={entry.drugId}>
      <div>
        <div className="font-medium">{entry.drugName}</div>
        <div className="text-sm text-muted-foreground">
          {entry.strength ? `${entry.strength} · ` : ""}
          <span data-testid="stock-panel-on-hand">
            {entry.quantityOnHand} {entry.unit}
          </span>{" "}
          on hand · reorder at {entry.reorderLevel}
        </div>
      </div>
      {recorded && recorded.entry.drugId === entry.drugId ? (
        <Alert data-testid="movement-recorded">
          {capitalize(recorded.movement.kind)} of {recorded.movement.quantity} recorded: {recorded.entry.quantityOnHand} {recorded.entry.unit} on hand.
        </Alert>
      ) : null}
      {canManage ? <MovementForm key={entry.drugId} entry={entry} onRecorded={setRecorded} /> : null}
      {canManage ? (
        <section className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold">Latest movements</h3>
          <Movements drugId={entry.drugId} />
        </section>
      ) : null}
    </div>
  );
}
