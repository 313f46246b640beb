"use client";

import Link from "next/link";
import { EditPatientButton } from "@/components/patients/patient-detail-screen";
import { patientViewPath } from "@/components/patients/patient-list-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Patient } from "@/lib/api/types";
import { capitalize, formatDateOfBirth } from "@/lib/format";

/** Who the chart is about: demographics and allergies, always at the top. */
export function ChartSummaryCard({ patient }: { patient: Patient }) {
  const allergies = patient.allergies ?? [];
  return (
    <Card data-testid="chart-summary">
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="flex flex-col gap-1.5">
          <CardTitle data-testid="chart-patient-name">{patient.name}</CardTitle>
          <CardDescription data-testid="chart-patient-facts">
            MRN <span className="font-mono">{patient.mrn}</span> · {formatDateOfBirth(patient.dateOfBirth)} ·{" "}
            {capitalize(patient.gender)} · Blood group {patient.bloodGroup ?? "unknown"}
          </CardDescription>
        </div>
        <div className="flex gap-2">
          <Button variant="outline" asChild data-testid="chart-patient-details">
            <Link href={patientViewPath(patient.id)}>Details</Link>
          </Button>
          <EditPatientButton patientId={patient.id} variant="outline" testId="chart-edit-patient" />
        </div>
      </CardHeader>
      <CardContent>
        <div className="flex flex-wrap items-center gap-2" data-testid="chart-allergies">
          <span className="text-xs font-medium uppercase tracking-wide text-muted-foreground">Allergies</span>
          {allergies.length === 0 ? (
            <span className="text-sm text-muted-foreground" data-testid="chart-allergies-none">
              No known allergies
            </span>
          ) : (
            allergies.map((allergy, index) => (
              <Badge
                key={`${allergy.substance}-${index}`}
                variant={allergy.severity}
                data-testid="chart-allergy"
                title={[allergy.class, allergy.reaction].filter(Boolean).join(" · ") || undefined}
              >
                {allergy.substance}
                {allergy.reaction ? ` (${allergy.reaction})` : ""} · {allergy.severity}
              </Badge>
            ))
          )}
        </div>
      </CardContent>
    </Card>
  );
}
