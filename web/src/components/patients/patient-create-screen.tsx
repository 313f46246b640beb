"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { PatientForm } from "@/components/patients/patient-form";
import { patientSaveErrors } from "@/components/patients/patient-form-errors";
import { patientViewPath } from "@/components/patients/patient-list-table";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { useCreatePatient } from "@/hooks/use-patients";
import { emptyPatientValues, toPatientInput, type FieldErrors, type PatientFormValues } from "@/lib/patient-form-model";
import { usePageTitle } from "@/hooks/use-page-title";

export function PatientCreateScreen() {
  usePageTitle("New patient");
  const router = useRouter();
  const createPatient = useCreatePatient();
  const [initialValues] = useState(emptyPatientValues);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [messages, setMessages] = useState<string[]>([]);

  function handleSubmit(values: PatientFormValues) {
    setMessages([]);
    createPatient.mutate(toPatientInput(values, { includeMrn: true }), {
      onSuccess: (patient) => router.push(patientViewPath(patient.id)),
      onError: (error) => {
        const { fieldErrors, otherMessages } = patientSaveErrors(error);
        setServerErrors(fieldErrors);
        setMessages(otherMessages);
      },
    });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle>New patient</CardTitle>
      </CardHeader>
      <CardContent>
        <PatientForm
          mode="create"
          initialValues={initialValues}
          submitting={createPatient.isPending}
          serverErrors={serverErrors}
          banner={<FormError messages={messages} testId="patient-form-error" />}
          cancelHref="/patients/"
          onSubmit={handleSubmit}
        />
      </CardContent>
    </Card>
  );
}
