"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { useDrugSearch } from "@/hooks/use-drugs";
import type { DrugSummary } from "@/lib/api/types";
import { errorMessage } from "@/lib/problem";

function stockText(drug: DrugSummary): string {
  if (!drug.stock || !drug.stock.listed) return "Not on the formulary";
  if (!drug.stock.inStock) return "Out of stock";
  return `${drug.stock.quantityOnHand} ${drug.stock.unit} in stock`;
}

/** Finds a catalog drug by name, synonym or RxCUI as you type, and adds it to the prescription. */
export function DrugSearch({ disabled, onPick }: { disabled?: boolean; onPick: (drug: DrugSummary) => void }) {
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 200);
  const search = useDrugSearch(debounced);
  const open = debounced.length >= 2 && query.trim().length >= 2;
  const drugs = open ? (search.data?.items ?? []) : [];

  return (
    <div className="relative flex flex-col gap-1.5">
      <Label htmlFor="drug-search">Add a drug</Label>
      <Input
        id="drug-search"
        type="search"
        autoComplete="off"
        placeholder="Name, synonym or RxCUI (e.g. simvastatin)"
        value={query}
        disabled={disabled}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            if (drugs[0]) {
              onPick(drugs[0]);
              setQuery("");
            }
          }
          if (event.key === "Escape") setQuery("");
        }}
        data-testid="drug-search"
      />
      {open ? (
        <ul className="absolute top-full z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border bg-card shadow-lg" data-testid="drug-options">
          {search.error ? <li className="px-3 py-2 text-sm text-destructive">{errorMessage(search.error)}</li> : null}
          {search.isPending ? <li className="px-3 py-2 text-sm text-muted-foreground">Searching…</li> : null}
          {search.data && drugs.length === 0 ? (
            <li className="px-3 py-2 text-sm text-muted-foreground" data-testid="drug-options-none">
              No drug found.
            </li>
          ) : null}
          {drugs.map((drug) => (
            <li key={drug.id}>
              <button
                type="button"
                className="flex w-full flex-col items-start gap-0.5 px-3 py-2 text-left text-sm hover:bg-accent focus:bg-accent focus:outline-none"
                onClick={() => {
                  onPick(drug);
                  setQuery("");
                }}
                data-testid="drug-option"
                data-drug-id={drug.id}
              >
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{drug.displayName}</span>
                  {drug.matched && drug.matched !== drug.name ? (
                    <span className="text-xs text-muted-foreground">({drug.matched})</span>
                  ) : null}
                  <Badge variant={drug.stock?.inStock ? "success" : "muted"}>{stockText(drug)}</Badge>
                </span>
                {drug.category ? <span className="text-xs text-muted-foreground">{drug.category}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
