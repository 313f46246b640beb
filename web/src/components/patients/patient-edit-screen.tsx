"use client";

import { useEffect, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { EditConflictBanner } from "@/components/patients/edit-conflict-banner";
import { PatientForm } from "@/components/patients/patient-form";
import { patientSaveErrors } from "@/components/patients/patient-form-errors";
import { patientViewPath } from "@/components/patients/patient-list-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { LoadingText } from "@/components/ui/loading-text";
import { usePageTitle } from "@/hooks/use-page-title";
import { usePatient, useUpdatePatient } from "@/hooks/use-patients";
import type { Patient } from "@/lib/api/types";
import { changedFields, toPatientInput, valuesFromPatient, type FieldErrors, type PatientFormValues } from "@/lib/patient-form-model";
import { errorMessage, statusOf } from "@/lib/problem";

const NO_ERRORS: FieldErrors = {};

export function PatientEditScreen() {
  const router = useRouter();
  const id = useSearchParams().get("id") ?? "";
  const query = usePatient(id || null, { alwaysFresh: true });
  const updatePatient = useUpdatePatient(id);
  // The version the user started editing from; background refetches do not replace it.
  const [base, setBase] = useState<Patient | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>(NO_ERRORS);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  usePageTitle(base ? `Edit ${base.name}` : "Edit patient");

  useEffect(() => {
    if (query.data && !query.isFetching && base === null) setBase(query.data);
  }, [query.data, query.isFetching, base]);

  async function handleReload() {
    setReloading(true);
    const result = await query.refetch();
    setReloading(false);
    if (result.data) {
      setBase(result.data);
      setConflict(false);
      setServerErrors(NO_ERRORS);
      setMessages([]);
    }
  }

  function handleSubmit(values: PatientFormValues) {
    if (!base) return;
    setMessages([]);
    setConflict(false);
    const changes = changedFields(base, toPatientInput(values, { includeMrn: false }));
    if (Object.keys(changes).length === 0) {
      router.push(patientViewPath(base.id));
      return;
    }
    updatePatient.mutate(
      { version: base.version, ...changes },
      {
        onSuccess: (patient) => router.push(patientViewPath(patient.id)),
        onError: (error) => {
          if (statusOf(error) === 409) {
            setConflict(true);
            return;
          }
          const { fieldErrors, otherMessages } = patientSaveErrors(error);
          setServerErrors(fieldErrors);
          setMessages(otherMessages);
        },
      },
    );
  }

  if (!id) return <Alert variant="destructive">No patient selected.</Alert>;
  if (query.error && !base) {
    const message = statusOf(query.error) === 404 ? "Patient not found." : errorMessage(query.error);
    return (
      <Alert variant="destructive" data-testid="patient-detail-error">
        {message}
      </Alert>
    );
  }
  if (!base) return <LoadingText />;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Edit {base.name}</CardTitle>
      </CardHeader>
      <CardContent>
        <PatientForm
          key={`${base.id}-${base.version}`}
          mode="edit"
          initialValues={valuesFromPatient(base)}
          submitting={updatePatient.isPending}
          serverErrors={serverErrors}
          banner={
            <>
              {conflict ? <EditConflictBanner reloading={reloading} onReload={handleReload} /> : null}
              <FormError messages={messages} testId="patient-form-error" />
            </>
          }
          cancelHref={patientViewPath(base.id)}
          onSubmit={handleSubmit}
        />
      </CardContent>
    </Card>
  );
}
