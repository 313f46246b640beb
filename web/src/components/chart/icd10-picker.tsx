"use client";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { SearchCombobox, type Matches } from "@/components/ui/search-combobox";
import { useIcd10Search } from "@/hooks/use-icd10";
import type { Diagnosis, Icd10Code } from "@/lib/api/types";

interface Icd10PickerProps {
  id: string;
  value: Diagnosis[];
  disabled?: boolean;
  error?: string;
  itemErrors?: Record<number, string>;
  onChange: (diagnoses: Diagnosis[]) => void;
}

function useIcd10Matches(query: string): Matches<Icd10Code> {
  const search = useIcd10Search(query);
  return { isPending: search.isPending, items: search.data?.items ?? [] };
}

/** Search ICD-10-CM by code or words as you type; picked codes are listed principal first. */
export function Icd10Picker({ id, value, disabled, error, itemErrors, onChange }: Icd10PickerProps) {
  const picked = new Set(value.map((item) => item.code));

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
      <SearchCombobox
        id={id}
        placeholder="Search by code (J18.9) or words (pneumonia)"
        disabled={disabled}
        error={error}
        useMatches={useIcd10Matches}
        optionKey={(option) => option.code}
        optionDisabled={(option) => picked.has(option.code) || !option.billable}
        optionAttributes={(option) => ({
          title: option.billable ? undefined : "A heading: choose a more specific code under it",
          "data-code": option.code,
          "data-billable": option.billable,
        })}
        renderOption={(option) => (
          <>
            <span className="font-mono font-semibold">{option.code}</span>
            <span className="flex-1">{option.description}</span>
            {option.billable ? null : <span className="text-xs text-muted-foreground">heading</span>}
          </>
        )}
        noMatchText="No matching code."
        onPick={(option) => onChange([...value, { code: option.code, description: option.description }])}
      />
    </div>
  );
}
