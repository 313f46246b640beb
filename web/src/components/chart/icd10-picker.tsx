"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { useIcd10Search } from "@/hooks/use-icd10";
import type { Diagnosis } from "@/lib/api/types";

interface Icd10PickerProps {
  id: string;
  value: Diagnosis[];
  disabled?: boolean;
  error?: string;
  itemErrors?: Record<number, string>;
  onChange: (diagnoses: Diagnosis[]) => void;
}

/** Search ICD-10-CM by code or words as you type; picked codes are listed principal first. */
export function Icd10Picker({ id, value, disabled, error, itemErrors, onChange }: Icd10PickerProps) {
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = useIcd10Search(debounced);
  const picked = new Set(value.map((item) => item.code));
  const options = debounced.length >= 2 ? (search.data?.items ?? []) : [];

  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor={id}>Diagnoses (ICD-10-CM, principal first)</Label>
      {value.length > 0 ? (
        <ol className="flex flex-col gap-1" data-testid={`${id}-selected`}>
          {value.map((diagnosis, index) => (
            <li
              key={diagnosis.code}
              className="flex items-center justify-between gap-2 rounded-md border bg-muted/50 px-3 py-1.5 text-sm"
              data-testid={`${id}-selected-item`}
              data-code={diagnosis.code}
            >
              <span>
                <span className="font-mono font-semibold">{diagnosis.code}</span> {diagnosis.description}
                {index === 0 ? <span className="ml-2 text-xs text-muted-foreground">principal</span> : null}
                {itemErrors?.[index] ? (
                  <span className="block text-xs text-destructive" data-testid={`${id}-item-error`}>
                    {itemErrors[index]}
                  </span>
                ) : null}
              </span>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                disabled={disabled}
                onClick={() => onChange(value.filter((item) => item.code !== diagnosis.code))}
                data-testid={`${id}-remove`}
                aria-label={`Remove ${diagnosis.code}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ol>
      ) : null}
      <Input
        id={id}
        type="search"
        autoComplete="off"
        placeholder="Search by code (J18.9) or words (pneumonia)"
        value={query}
        disabled={disabled}
        aria-invalid={Boolean(error)}
        onChange={(event) => setQuery(event.target.value)}
        data-testid={`${id}-search`}
      />
      {error ? (
        <p className="text-xs text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {debounced.length >= 2 ? (
        <ul className="max-h-56 overflow-auto rounded-md border bg-card" data-testid={`${id}-options`}>
          {search.isPending ? <li className="px-3 py-2 text-sm text-muted-foreground">Searching…</li> : null}
          {!search.isPending && options.length === 0 ? (
            <li className="px-3 py-2 text-sm text-muted-foreground" data-testid={`${id}-no-match`}>
              No matching code.
            </li>
          ) : null}
          {options.map((option) => (
            <li key={option.code}>
              <button
                type="button"
                className="flex w-full items-baseline gap-2 px-3 py-1.5 text-left text-sm hover:bg-accent disabled:cursor-not-allowed disabled:opacity-50"
                disabled={disabled || picked.has(option.code) || !option.billable}
                title={option.billable ? undefined : "A heading: choose a more specific code under it"}
                onClick={() => {
                  onChange([...value, { code: option.code, description: option.description }]);
                  setQuery("");
                }}
                data-testid={`${id}-option`}
                data-code={option.code}
                data-billable={option.billable}
              >
                <span className="font-mono font-semibold">{option.code}</span>
                <span className="flex-1">{option.description}</span>
                {option.billable ? null : <span className="text-xs text-muted-foreground">heading</span>}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
