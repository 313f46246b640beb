"use client";

import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ALLERGY_SEVERITIES, type AllergySeverity } from "@/lib/api/types";
import { capitalize } from "@/lib/format";
import { emptyAllergy, type AllergyDraft, type FieldErrors } from "@/lib/patient-form-model";

interface AllergyFieldsEditorProps {
  allergies: AllergyDraft[];
  errors: FieldErrors;
  disabled?: boolean;
  onChange: (allergies: AllergyDraft[]) => void;
}

/** Editable list of allergies: substance, class, reaction and severity per row. */
export function AllergyFieldsEditor({ allergies, errors, disabled, onChange }: AllergyFieldsEditorProps) {
  function update(index: number, patch: Partial<AllergyDraft>) {
    onChange(allergies.map((allergy, i) => (i === index ? { ...allergy, ...patch } : allergy)));
  }

  return (
    <fieldset className="flex flex-col gap-3" data-testid="allergy-editor">
      <legend className="mb-2 text-sm font-semibold">Allergies</legend>
      {errors.allergies ? (
        <p className="text-xs text-destructive" data-testid="allergies-error">
          {errors.allergies}
        </p>
      ) : null}
      {allergies.length === 0 ? (
        <p className="text-sm text-muted-foreground">No allergies recorded.</p>
      ) : null}
      {allergies.map((allergy, index) => {
        const prefix = `allergy-${index}`;
        const err = (field: string) => errors[`allergies.${index}.${field}`];
        return (
          <div
            key={allergy.key}
            className="grid grid-cols-1 items-start gap-3 rounded-md border p-3 sm:grid-cols-[2fr_1.5fr_2fr_1.2fr_auto]"
            data-testid="allergy-editor-row"
          >
            <FormField id={`${prefix}-substance`} label="Substance" error={err("substance")}>
              <Input
                id={`${prefix}-substance`}
                value={allergy.substance}
                disabled={disabled}
                aria-invalid={Boolean(err("substance"))}
                onChange={(event) => update(index, { substance: event.target.value })}
                data-testid={`${prefix}-substance`}
              />
            </FormField>
            <FormField id={`${prefix}-class`} label="Class" error={err("class")}>
              <Input
                id={`${prefix}-class`}
                value={allergy.class}
                disabled={disabled}
                placeholder="e.g. drug, food"
                onChange={(event) => update(index, { class: event.target.value })}
                data-testid={`${prefix}-class`}
              />
            </FormField>
            <FormField id={`${prefix}-reaction`} label="Reaction" error={err("reaction")}>
              <Input
                id={`${prefix}-reaction`}
                value={allergy.reaction}
                disabled={disabled}
                onChange={(event) => update(index, { reaction: event.target.value })}
                data-testid={`${prefix}-reaction`}
              />
            </FormField>
            <FormField id={`${prefix}-severity`} label="Severity" error={err("severity")}>
              <NativeSelect
                id={`${prefix}-severity`}
                value={allergy.severity}
                disabled={disabled}
                aria-invalid={Boolean(err("severity"))}
                onChange={(event) => update(index, { severity: event.target.value as AllergySeverity | "" })}
                data-testid={`${prefix}-severity`}
              >
                <option value="">Choose…</option>
                {ALLERGY_SEVERITIES.map((severity) => (
                  <option key={severity} value={severity}>
                    {capitalize(severity)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="sm:mt-6"
              disabled={disabled}
              onClick={() => onChange(allergies.filter((_, i) => i !== index))}
              data-testid={`${prefix}-remove`}
            >
              Remove
            </Button>
          </div>
        );
      })}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={disabled}
          onClick={() => onChange([...allergies, emptyAllergy()])}
          data-testid="allergy-add"
        >
          Add allergy
        </Button>
      </div>
    </fieldset>
  );
}
