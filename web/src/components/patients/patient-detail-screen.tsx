"use client";

import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { AllergyTable } from "@/components/patients/allergy-table";
import { PatientDemographics } from "@/components/patients/patient-demographics";
import { patientChartPath } from "@/components/patients/patient-list-table";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { usePageTitle } from "@/hooks/use-page-title";
import { usePatient } from "@/hooks/use-patients";
import { hasPermission } from "@/lib/permissions";
import { errorMessage, statusOf } from "@/lib/problem";

export function patientEditPath(id: string): string {
  return `/patients/edit/?id=${encodeURIComponent(id)}`;
}

/** Edit, for users who may edit patients. */
export function EditPatientButton({ patientId, variant, testId }: { patientId: string; variant?: ButtonProps["variant"]; testId: string }) {
  const { data: user } = useCurrentUser();
  if (!hasPermission(user, "patients:edit")) return null;
  return (
    <Button variant={variant} asChild data-testid={testId}>
      <Link href={patientEditPath(patientId)}>Edit</Link>
    </Button>
  );
}

export function PatientDetailScreen() {
  const id = useSearchParams().get("id");
  const { data: patient, error, isPending } = usePatient(id);
  usePageTitle(patient?.name ?? "Patient");

  if (!id) {
    return <Alert variant="destructive">No patient selected.</Alert>;
  }
  if (error) {
    const message = statusOf(error) === 404 ? "Patient not found." : errorMessage(error);
    return (
      <Alert variant="destructive" data-testid="patient-detail-error">
        {message}
      </Alert>
    );
  }
  if (isPending || !patient) return <LoadingText />;

  return (
    <div className="flex flex-col gap-6" data-testid="patient-detail">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
          <div className="flex flex-col gap-1.5">
            <CardTitle data-testid="patient-detail-title">{patient.name}</CardTitle>
            <CardDescription>MRN {patient.mrn}</CardDescription>
          </div>
          <div className="flex gap-2">
            <Button variant="outline" asChild data-testid="back-to-patients">
              <Link href="/patients/">All patients</Link>
            </Button>
            <Button variant="outline" asChild data-testid="open-chart-button">
              <Link href={patientChartPath(patient.id)}>Chart</Link>
            </Button>
            <EditPatientButton patientId={patient.id} testId="edit-patient-button" />
          </div>
        </CardHeader>
        <CardContent>
          <PatientDemographics patient={patient} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Allergies</CardTitle>
        </CardHeader>
        <CardContent>
          <AllergyTable allergies={patient.allergies ?? []} />
        </CardContent>
      </Card>
    </div>
  );
}
