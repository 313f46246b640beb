"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import Link from "next/link";
import { AllergyFieldsEditor } from "@/components/patients/allergy-fields-editor";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { BLOOD_GROUPS, type BloodGroup, type Gender, GENDERS } from "@/lib/api/types";
import { capitalize } from "@/lib/format";
import { validatePatient, type FieldErrors, type PatientFormValues } from "@/lib/patient-form-model";

interface PatientFormProps {
  initialValues: PatientFormValues;
  mode: "create" | "edit";
  submitting: boolean;
  /** Errors from the server's 422 answer, keyed like the client-side ones. */
  serverErrors: FieldErrors;
  /** Messages shown above the fields (conflicts, errors not tied to a field). */
  banner?: ReactNode;
  cancelHref: string;
  onSubmit: (values: PatientFormValues) => void;
}

/** Create / edit form for a patient's demographics and allergies, validated before sending. */
export function PatientForm(props: PatientFormProps) {
  const { initialValues, mode, submitting, serverErrors, banner, cancelHref, onSubmit } = props;
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});

  useEffect(() => setErrors(serverErrors), [serverErrors]);

  function set<K extends keyof PatientFormValues>(key: K, value: PatientFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      if (!(key in current)) return current;
      const next = { ...current };
      delete next[key];
      return next;
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validatePatient(values, { checkMrn: mode === "create" });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSubmit(values);
  }

  return (
    <form className="flex flex-col gap-6" onSubmit={handleSubmit} noValidate data-testid="patient-form">
      {banner}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <FormField id="patient-form-name" label="Full name" error={errors.name}>
          <Input
            id="patient-form-name"
            value={values.name}
            disabled={submitting}
            aria-invalid={Boolean(errors.name)}
            onChange={(event) => set("name", event.target.value)}
            data-testid="patient-form-name"
          />
        </FormField>
        <FormField id="patient-form-date-of-birth" label="Date of birth" error={errors.dateOfBirth}>
          <Input
            id="patient-form-date-of-birth"
            type="date"
            value={values.dateOfBirth}
            disabled={submitting}
            aria-invalid={Boolean(errors.dateOfBirth)}
            onChange={(event) => set("dateOfBirth", event.target.value)}
            data-testid="patient-form-date-of-birth"
          />
        </FormField>
        <FormField id="patient-form-gender" label="Gender" error={errors.gender}>
          <NativeSelect
            id="patient-form-gender"
            value={values.gender}
            disabled={submitting}
            aria-invalid={Boolean(errors.gender)}
            onChange={(event) => set("gender", event.target.value as Gender | "")}
            data-testid="patient-form-gender"
          >
            <option value="">Choose…</option>
            {GENDERS.map((gender) => (
              <option key={gender} value={gender}>
                {capitalize(gender)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="patient-form-blood-group" label="Blood group" error={errors.bloodGroup}>
          <NativeSelect
            id="patient-form-blood-group"
            value={values.bloodGroup}
            disabled={submitting}
            onChange={(event) => set("bloodGroup", event.target.value as BloodGroup | "")}
            data-testid="patient-form-blood-group"
          >
            <option value="">Unknown</option>
            {BLOOD_GROUPS.map((group) => (
              <option key={group} value={group}>
                {group}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {mode === "create" ? (
          <FormField
            id="patient-form-mrn"
            label="MRN (optional)"
            hint="Letters, digits and dashes; leave empty to have one assigned."
            error={errors.mrn}
          >
            <Input
              id="patient-form-mrn"
              value={values.mrn}
              disabled={submitting}
              aria-invalid={Boolean(errors.mrn)}
              onChange={(event) => set("mrn", event.target.value)}
              data-testid="patient-form-mrn"
            />
          </FormField>
        ) : (
          <FormField id="patient-form-mrn" label="MRN">
            <Input id="patient-form-mrn" value={values.mrn} readOnly disabled data-testid="patient-form-mrn" />
          </FormField>
        )}
      </div>
      <AllergyFieldsEditor
        allergies={values.allergies}
        errors={errors}
        disabled={submitting}
        onChange={(allergies) => set("allergies", allergies)}
      />
      <div className="flex gap-3">
        <Button type="submit" disabled={submitting} data-testid="patient-form-submit">
          {submitting ? "Saving…" : mode === "create" ? "Create patient" : "Save changes"}
        </Button>
        <Button variant="outline" asChild data-testid="patient-form-cancel">
          <Link href={cancelHref}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
