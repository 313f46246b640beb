"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { usePatientList } from "@/hooks/use-patients";
import type { PatientRef } from "@/lib/api/types";

interface PatientPickerProps {
  id: string;
  value: PatientRef | null;
  disabled?: boolean;
  error?: string;
  onChange: (patient: PatientRef | null) => void;
}

/** Finds a patient by name, MRN or date of birth as you type. */
export function PatientPicker({ id, value, disabled, error, onChange }: PatientPickerProps) {
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const search = usePatientList({ q: debounced, page: 1, pageSize: 8 });
  const matches = debounced.length >= 2 ? (search.data?.items ?? []) : [];

  if (value) {
    return (
      <div className="flex flex-col gap-1.5">
        <Label>Patient</Label>
        <div className="flex items-center justify-between gap-2 rounded-md border bg-muted/50 px-3 py-1.5 text-sm" data-testid={`${id}-selected`}>
          <span>
            <span className="font-medium">{value.name}</span> <span className="font-mono text-xs">{value.mrn}</span>
          </span>
          <Button type="button" variant="ghost" size="sm" disabled={disabled} onClick={() => onChange(null)} data-testid={`${id}-clear`}>
            Change
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Patient</Label>
      <Input
        id={id}
        type="search"
        autoComplete="off"
        placeholder="Name, MRN or date of birth"
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
        <ul className="max-h-48 overflow-auto rounded-md border bg-card" data-testid={`${id}-options`}>
          {search.isPending ? <li className="px-3 py-2 text-sm text-muted-foreground">Searching…</li> : null}
          {!search.isPending && matches.length === 0 ? (
            <li className="px-3 py-2 text-sm text-muted-foreground">No patient found.</li>
          ) : null}
          {matches.map((patient) => (
            <li key={patient.id}>
              <button
                type="button"
                className="flex w-full items-baseline gap-2 px-3 py-1.5 text-left text-sm hover:bg-accent"
                onClick={() => {
                  onChange({ id: patient.id, name: patient.name, mrn: patient.mrn });
                  setQuery("");
                }}
                data-testid={`${id}-option`}
                data-patient-id={patient.id}
              >
                <span className="font-medium">{patient.name}</span>
                <span className="font-mono text-xs text-muted-foreground">{patient.mrn}</span>
                <span className="text-xs text-muted-foreground">{patient.dateOfBirth}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
