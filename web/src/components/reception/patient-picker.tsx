"use client";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { SearchCombobox, type Matches } from "@/components/ui/search-combobox";
import { usePatientList } from "@/hooks/use-patients";
import type { Patient, PatientRef } from "@/lib/api/types";

interface PatientPickerProps {
  id: string;
  value: PatientRef | null;
  disabled?: boolean;
  error?: string;
  onChange: (patient: PatientRef | null) => void;
}

function usePatientMatches(query: string): Matches<Patient> {
  const search = usePatientList({ q: query, page: 1, pageSize: 8 });
  return { isPending: search.isPending, items: search.data?.items ?? [] };
}

/** Finds a patient by name, MRN or date of birth as you type. */
export function PatientPicker({ id, value, disabled, error, onChange }: PatientPickerProps) {
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
      <SearchCombobox
        id={id}
        placeholder="Name, MRN or date of birth"
        disabled={disabled}
        error={error}
        useMatches={usePatientMatches}
        optionKey={(patient) => patient.id}
        optionAttributes={(patient) => ({ "data-patient-id": patient.id })}
        renderOption={(patient) => (
          <>
            <span className="font-medium">{patient.name}</span>
            <span className="font-mono text-xs text-muted-foreground">{patient.mrn}</span>
            <span className="text-xs text-muted-foreground">{patient.dateOfBirth}</span>
          </>
        )}
        noMatchText="No patient found."
        onPick={(patient) => onChange({ id: patient.id, name: patient.name, mrn: patient.mrn })}
      />
    </div>
  );
}
