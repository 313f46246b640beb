"use client";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { quantityIsWorkedOut, type DraftItem } from "@/lib/prescription-draft";
import { COMMON_FREQUENCIES, DOSE_UNITS, type DoseUnit, type Route, ROUTES } from "@/lib/api/types";

interface ItemRowProps {
  item: DraftItem;
  index: number;
  errors: Record<string, string>;
  disabled?: boolean;
  onChange: (patch: Partial<DraftItem>) => void;
  onRemove: () => void;
}

/** One drug of the prescription: dose, unit, route, frequency, duration and quantity. */
export function PrescriptionItemRow({ item, index, errors, disabled, onChange, onRemove }: ItemRowProps) {
  const id = (field: string) => `item-${item.key}-${field}`;
  const error = (field: string) => errors[`items.${index}.${field}`];
  const stock = item.stock?.listed
    ? `${item.stock.quantityOnHand} ${item.stock.unit} in stock`
    : "Not on this hospital's formulary";

  return (
    <li className="flex flex-col gap-3 rounded-md border p-3" data-testid="draft-item" data-drug-id={item.drugId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="flex items-baseline gap-2">
          <span className="text-sm text-muted-foreground">{index + 1}.</span>
          <span className="font-medium" data-testid="draft-item-name">
            {item.drugName}
          </span>
          <span className="text-xs text-muted-foreground">{stock}</span>
        </div>
        <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={onRemove} data-testid="draft-item-remove">
          Remove
        </Button>
      </div>
      {error("drugId") ? <p className="text-xs text-destructive">{error("drugId")}</p> : null}
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <FormField id={id("dose")} label="Dose" error={error("dose")}>
          <Input id={id("dose")} type="number" min="0" step="any" inputMode="decimal" value={item.dose} disabled={disabled} aria-invalid={Boolean(error("dose"))} onChange={(event) => onChange({ dose: event.target.value })} data-testid="item-dose" />
        </FormField>
        <FormField id={id("unit")} label="Unit" error={error("unit")}>
          <NativeSelect id={id("unit")} value={item.unit} disabled={disabled} onChange={(event) => onChange({ unit: event.target.value as DoseUnit })} data-testid="item-unit">
            {DOSE_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id={id("route")} label="Route" error={error("route")}>
          <NativeSelect id={id("route")} value={item.route} disabled={disabled} onChange={(event) => onChange({ route: event.target.value as Route })} data-testid="item-route">
            {ROUTES.map((route) => (
              <option key={route} value={route}>
                {route}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id={id("frequency")} label="Frequency" error={error("frequency")}>
          <Input id={id("frequency")} list="frequency-suggestions" autoComplete="off" value={item.frequency} maxLength={40} disabled={disabled} aria-invalid={Boolean(error("frequency"))} onChange={(event) => onChange({ frequency: event.target.value })} data-testid="item-frequency" />
        </FormField>
        <FormField id={id("durationDays")} label="Duration (days)" error={error("durationDays")} hint="Empty: long-term">
          <Input id={id("durationDays")} type="number" min="1" max="365" step="1" value={item.durationDays} disabled={disabled} aria-invalid={Boolean(error("durationDays"))} onChange={(event) => onChange({ durationDays: event.target.value })} data-testid="item-duration" />
        </FormField>
        <FormField
          id={id("quantity")}
          label={`Quantity${item.stock?.unit ? ` (${item.stock.unit})` : ""}`}
          error={error("quantity")}
          hint={quantityIsWorkedOut(item.unit) ? "Empty: worked out from the regimen" : "Required for this unit"}
        >
          <Input id={id("quantity")} type="number" min="1" step="1" value={item.quantity} disabled={disabled} aria-invalid={Boolean(error("quantity"))} onChange={(event) => onChange({ quantity: event.target.value })} data-testid="item-quantity" />
        </FormField>
        <FormField id={id("instructions")} label="Instructions" error={error("instructions")} className="col-span-2">
          <Input id={id("instructions")} value={item.instructions} maxLength={500} placeholder="e.g. with food" disabled={disabled} onChange={(event) => onChange({ instructions: event.target.value })} data-testid="item-instructions" />
        </FormField>
      </div>
    </li>
  );
}

/** Suggestions for every frequency field (the server accepts more forms). */
export function FrequencySuggestions() {
  return (
    <datalist id="frequency-suggestions">
      {COMMON_FREQUENCIES.map((frequency) => (
        <option key={frequency} value={frequency} />
      ))}
    </datalist>
  );
}
