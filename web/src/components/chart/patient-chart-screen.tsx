"use client";

import { useSearchParams } from "next/navigation";
import { AdverseEventsCard } from "@/components/chart/adverse-events-card";
import { ChartSummaryCard } from "@/components/chart/chart-summary-card";
import { EncountersCard } from "@/components/chart/encounters-card";
import { LabsCard } from "@/components/chart/labs-card";
import { VitalsCard } from "@/components/chart/vitals-card";
import { Alert } from "@/components/ui/alert";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { usePageTitle } from "@/hooks/use-page-title";
import { usePatient } from "@/hooks/use-patients";
import { hasPermission } from "@/lib/permissions";
import { errorMessage, statusOf } from "@/lib/problem";

const SECTIONS = [
  { id: "chart-encounters", label: "Encounters" },
  { id: "chart-vitals", label: "Vitals" },
  { id: "chart-labs", label: "Labs" },
  { id: "chart-adverse-events", label: "Adverse events" },
];

/** A patient's chart: summary, encounters, vitals with NEWS2, labs and adverse events. */
export function PatientChartScreen() {
  const id = useSearchParams().get("id");
  const { data: user } = useCurrentUser();
  const { data: patient, error, isPending } = usePatient(id);
  usePageTitle(patient ? `${patient.name} · Chart` : "Chart");

  if (!id) return <Alert variant="destructive">No patient selected.</Alert>;
  if (error) {
    const message = statusOf(error) === 404 ? "Patient not found." : errorMessage(error);
    return (
      <Alert variant="destructive" data-testid="chart-error">
        {message}
      </Alert>
    );
  }
  if (isPending || !patient) return <LoadingText />;

  const canSeeLabs = hasPermission(user, "lab_results:view");
  return (
    <div className="flex flex-col gap-6" data-testid="patient-chart" data-patient-id={patient.id}>
      <ChartSummaryCard patient={patient} />
      <nav className="flex flex-wrap gap-2 text-sm" aria-label="Chart sections">
        {SECTIONS.filter((section) => canSeeLabs || section.id !== "chart-labs").map((section) => (
          <a
            key={section.id}
            href={`#${section.id}`}
            className="rounded-md border bg-card px-3 py-1.5 hover:bg-accent"
            data-testid={`chart-jump-${section.id.replace("chart-", "")}`}
          >
            {section.label}
          </a>
        ))}
      </nav>
      <EncountersCard patientId={patient.id} />
      <VitalsCard patientId={patient.id} />
      {canSeeLabs ? <LabsCard patientId={patient.id} /> : null}
      <AdverseEventsCard patientId={patient.id} />
    </div>
  );
}
