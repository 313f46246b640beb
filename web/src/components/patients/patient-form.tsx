"use client";

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import Link from "next/link";
import { AllergyFieldsEditor } from "@/components/patients/allergy-fields-editor";
import { Button } from "@/components/ui/button";
import { FormField, plainOptions, SelectField, TextField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
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
        <TextField id="patient-form-name" label="Full name" error={errors.name} value={values.name} disabled={submitting} onValueChange={(value) => set("name", value)} />
        <TextField id="patient-form-date-of-birth" label="Date of birth" error={errors.dateOfBirth} type="date" value={values.dateOfBirth} disabled={submitting}
          onValueChange={(value) => set("dateOfBirth", value)} />
        <SelectField id="patient-form-gender" label="Gender" error={errors.gender} value={values.gender} disabled={submitting}
          onValueChange={(value) => set("gender", value as Gender | "")} placeholder="Choose…" options={plainOptions(GENDERS, capitalize)} />
        <SelectField id="patient-form-blood-group" label="Blood group" error={errors.bloodGroup} value={values.bloodGroup} disabled={submitting}
          onValueChange={(value) => set("bloodGroup", value as BloodGroup | "")} placeholder="Unknown" options={plainOptions(BLOOD_GROUPS)} />
        {mode === "create" ? (
          <TextField id="patient-form-mrn" label="MRN (optional)" hint="Letters, digits and dashes; leave empty to have one assigned."
            error={errors.mrn} value={values.mrn} disabled={submitting} onValueChange={(value) => set("mrn", value)} />
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
