"use client";

import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { CurrentMedications } from "@/components/prescribing/current-medications";
import { PatientContextCard } from "@/components/prescribing/patient-context-card";
import { PrescriptionComposer } from "@/components/prescribing/prescription-composer";
import { SignedPrescriptionCard } from "@/components/prescribing/signed-prescription-card";
import { PatientPicker } from "@/components/reception/patient-picker";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { usePageTitle } from "@/hooks/use-page-title";
import { usePatient } from "@/hooks/use-patients";
import type { SignResult } from "@/hooks/use-prescriptions";
import { hasPermission } from "@/lib/permissions";
import { errorMessage, statusOf } from "@/lib/problem";

/** The doctor's workbench: one patient's record in view while a prescription is composed. */
export function WorkbenchScreen() {
  const router = useRouter();
  const params = useSearchParams();
  const patientId = params.get("patientId");
  const patient = usePatient(patientId);
  const { data: user } = useCurrentUser();
  const [signed, setSigned] = useState<SignResult | null>(null);
  usePageTitle(patient.data ? `Workbench · ${patient.data.name}` : "Workbench");

  function choose(id: string | null) {
    setSigned(null);
    router.replace(id ? `/workbench/?patientId=${encodeURIComponent(id)}` : "/workbench/");
  }

  if (!patientId) {
    return (
      <Card className="max-w-xl" data-testid="workbench-choose-patient">
        <CardHeader>
          <CardTitle>Prescribing workbench</CardTitle>
          <CardDescription>Find the patient to prescribe for.</CardDescription>
        </CardHeader>
        <CardContent>
          <PatientPicker id="workbench-patient" value={null} onChange={(picked) => choose(picked?.id ?? null)} />
        </CardContent>
      </Card>
    );
  }

  if (patient.error) {
    return (
      <div className="flex max-w-xl flex-col gap-3">
        <Alert variant="destructive" data-testid="workbench-patient-error">
          {statusOf(patient.error) === 404 ? "No such patient in this hospital." : errorMessage(patient.error)}
        </Alert>
        <Button variant="outline" onClick={() => choose(null)} data-testid="workbench-change-patient">
          Choose another patient
        </Button>
      </div>
    );
  }
  if (!patient.data) return <LoadingText />;

  return (
    <div className="flex flex-col gap-4" data-testid="workbench" data-patient-id={patient.data.id}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Prescribing workbench</h1>
        <Button variant="outline" size="sm" onClick={() => choose(null)} data-testid="workbench-change-patient">
          Change patient
        </Button>
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="flex flex-col gap-6">
          <PatientContextCard patient={patient.data} />
          <CurrentMedications patientId={patient.data.id} canEnd={hasPermission(user, "prescriptions:create")} />
        </div>
        <div className="flex flex-col gap-6">
          {signed ? (
            <SignedPrescriptionCard signed={signed} onNew={() => setSigned(null)} />
          ) : (
            <PrescriptionComposer key={patient.data.id} patientId={patient.data.id} patientName={patient.data.name} onSigned={setSigned} />
          )}
        </div>
      </div>
    </div>
  );
}
