"use client";

import { Alert } from "@/components/ui/alert";
import { LoadingText } from "@/components/ui/loading-text";
import { useDispenses } from "@/hooks/use-pharmacy";
import { formatDateTime } from "@/lib/format";
import { errorMessage } from "@/lib/problem";

/** Everything handed out for one prescription, oldest first, with the stock left after each. */
export function DispenseHistory({ prescriptionId }: { prescriptionId: string }) {
  const dispenses = useDispenses(prescriptionId);
  if (dispenses.error) return <Alert variant="destructive">{errorMessage(dispenses.error)}</Alert>;
  if (dispenses.isPending) return <LoadingText />;
  if (dispenses.data.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="dispense-history-none">
        Nothing dispensed yet.
      </p>
    );
  }
  return (
    <ol className="flex flex-col gap-2" data-testid="dispense-history">
      {dispenses.data.map((dispense) => (
        <li key={dispense.id} className="rounded-md border p-2 text-sm" data-testid="dispense-record" data-dispense-id={dispense.id}>
          <div className="text-xs text-muted-foreground">
            {formatDateTime(dispense.dispensedAt)} · {dispense.dispensedBy.name ?? "—"}
          </div>
          <ul>
            {dispense.items.map((item) => (
              <li key={item.itemId} data-testid="dispense-record-item" data-drug-id={item.drugId} data-quantity={item.quantity}>
                {item.quantity} {item.unit ?? ""} {item.drugName}
                {item.stockAfter != null ? <span className="text-muted-foreground"> · {item.stockAfter} left in stock</span> : null}
              </li>
            ))}
          </ul>
          {dispense.note ? <p className="text-xs">{dispense.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}
