import { News2Badge } from "@/components/clinical/news2-badge";
import { PatientChartLink } from "@/components/patients/patient-list-table";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import type { Census, ClinicalAlert, VitalsSet, WardLatestVitals } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";

interface WardCensusTableProps {
  census: Census;
  latest: WardLatestVitals | undefined;
  alerts: ClinicalAlert[];
}

function stay(hours: number, days: number): string {
  return days >= 1 ? `${days} d` : `${hours} h`;
}

/** Every bed of the ward: who is in it, for how long, and their latest NEWS2. */
export function WardCensusTable({ census, latest, alerts }: WardCensusTableProps) {
  const vitalsByPatient = new Map<string, VitalsSet | null>(
    (latest?.items ?? []).map((item) => [item.patient.id, item.vitals]),
  );
  const alertedPatients = new Set(alerts.map((alert) => alert.patient.id));

  return (
    <Table data-testid="census-table">
      <TableHeadings headings={["Bed", "Patient", "Stay", "Latest NEWS2", "Observed"]} />
      <TableBody>
        {census.beds.map((bed) => {
          const occupant = bed.occupant;
          const vitals = occupant ? vitalsByPatient.get(occupant.patient.id) : undefined;
          return (
            <TableRow
              key={bed.bedId}
              data-testid="census-row"
              data-bed-label={bed.label}
              data-patient-id={occupant?.patient.id ?? ""}
              className={vitals?.news2?.band === "high" ? "bg-red-50" : undefined}
            >
              <TableCell className="font-mono font-semibold">{bed.label}</TableCell>
              <TableCell>
                {occupant ? (
                  <div className="flex flex-wrap items-center gap-2">
                    <PatientChartLink patient={occupant.patient} testId="census-patient-link" />
                    <span className="font-mono text-xs text-muted-foreground">{occupant.patient.mrn}</span>
                    {alertedPatients.has(occupant.patient.id) ? (
                      <Badge variant="danger" data-testid="census-open-alert">
                        Open alert
                      </Badge>
                    ) : null}
                  </div>
                ) : (
                  <span className="text-muted-foreground" data-testid="census-bed-free">
                    Free
                  </span>
                )}
              </TableCell>
              <TableCell>{occupant ? stay(occupant.lengthOfStayHours, occupant.lengthOfStayDays) : ""}</TableCell>
              <TableCell>{occupant ? <News2Badge news2={vitals?.news2} testId="census-news2" /> : null}</TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground" data-testid="census-observed">
                {vitals ? formatDateTime(vitals.recordedAt) : occupant ? "No observations" : ""}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
