"use client";

import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useLatestCreatinine } from "@/hooks/use-prescriptions";
import { useLatestVitals } from "@/hooks/use-vitals";
import type { Patient } from "@/lib/api/types";
import { capitalize, formatDateOfBirth, formatDateTime } from "@/lib/format";
import { errorMessage } from "@/lib/problem";

function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm font-medium" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function VitalsFacts({ patientId }: { patientId: string }) {
  const latest = useLatestVitals(patientId);
  if (latest.error) return <Alert variant="destructive">{errorMessage(latest.error)}</Alert>;
  if (latest.isPending) return <LoadingText />;
  const set = latest.data.vitals;
  if (!set) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="workbench-vitals-none">
        No vitals recorded.
      </p>
    );
  }
  const bp = set.systolicBp != null ? `${set.systolicBp}${set.diastolicBp != null ? `/${set.diastolicBp}` : ""} mmHg` : "—";
  return (
    <div className="flex flex-col gap-2" data-testid="workbench-vitals">
      <p className="text-xs text-muted-foreground" data-testid="workbench-vitals-time">
        Latest set {formatDateTime(set.recordedAt)}
        {set.news2 ? ` · NEWS2 ${set.news2.total} (${set.news2.band})` : ""}
      </p>
      <dl className="grid grid-cols-3 gap-2">
        <Fact label="Heart rate" value={set.heartRate != null ? `${set.heartRate} /min` : "—"} testId="workbench-vitals-hr" />
        <Fact label="Blood pressure" value={bp} testId="workbench-vitals-bp" />
        <Fact label="SpO2" value={set.spo2 != null ? `${set.spo2} %` : "—"} testId="workbench-vitals-spo2" />
        <Fact label="Temperature" value={set.temperature != null ? `${set.temperature} °C` : "—"} testId="workbench-vitals-temp" />
        <Fact label="Resp. rate" value={set.respirationRate != null ? `${set.respirationRate} /min` : "—"} testId="workbench-vitals-rr" />
        <Fact label="Weight" value={set.weightKg != null ? `${set.weightKg} kg` : "—"} testId="workbench-vitals-weight" />
      </dl>
    </div>
  );
}

function CreatinineFact({ patientId }: { patientId: string }) {
  const creatinine = useLatestCreatinine(patientId);
  if (creatinine.error) return <Alert variant="destructive">{errorMessage(creatinine.error)}</Alert>;
  if (creatinine.isPending) return <LoadingText />;
  const result = creatinine.data;
  if (!result) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="workbench-creatinine-none">
        No serum creatinine on record: renal dose checks cannot be done.
      </p>
    );
  }
  return (
    <p className="text-sm" data-testid="workbench-creatinine" data-category={result.category}>
      <span className="font-medium" data-testid="workbench-creatinine-value">
        {result.reportedValue} {result.reportedUnit}
      </span>{" "}
      <span className="text-muted-foreground">
        collected <span data-testid="workbench-creatinine-date">{formatDateTime(result.collectedAt)}</span>
        {result.status !== "final" && result.status !== "corrected" ? ` · ${result.status}` : ""}
      </span>
      {result.category === "abnormal" || result.category === "critical" ? (
        <Badge variant={result.category === "critical" ? "critical" : "warning"} className="ml-2">
          {result.flag || result.category}
        </Badge>
      ) : null}
    </p>
  );
}

/** What the prescriber needs in view: who, allergies, latest vitals and renal function. */
export function PatientContextCard({ patient }: { patient: Patient }) {
  return (
    <Card data-testid="workbench-patient">
      <CardHeader>
        <CardTitle data-testid="workbench-patient-name">{patient.name}</CardTitle>
        <p className="text-sm text-muted-foreground">
          <span className="font-mono" data-testid="workbench-patient-mrn">
            {patient.mrn}
          </span>{" "}
          · {formatDateOfBirth(patient.dateOfBirth)} · {capitalize(patient.gender)}
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <section className="flex flex-col gap-2" aria-label="Allergies">
          <h3 className="text-sm font-semibold">Allergies</h3>
          {patient.allergies.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="workbench-allergies-none">
              No known allergies.
            </p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="workbench-allergies">
              {patient.allergies.map((allergy, index) => (
                <li key={`${allergy.substance}-${index}`} className="flex flex-wrap items-center gap-2 text-sm" data-testid="workbench-allergy">
                  <Badge variant={allergy.severity}>{capitalize(allergy.severity)}</Badge>
                  <span className="font-medium">{allergy.substance}</span>
                  {allergy.reaction ? <span className="text-muted-foreground">{allergy.reaction}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="flex flex-col gap-2" aria-label="Latest vitals">
          <h3 className="text-sm font-semibold">Latest vitals</h3>
          <VitalsFacts patientId={patient.id} />
        </section>
        <section className="flex flex-col gap-2" aria-label="Renal function">
          <h3 className="text-sm font-semibold">Serum creatinine</h3>
          <CreatinineFact patientId={patient.id} />
        </section>
      </CardContent>
    </Card>
  );
}
