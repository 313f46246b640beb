import type { ReactNode } from "react";
import type { Patient } from "@/lib/api/types";
import { capitalize, formatDateOfBirth, formatDateTime } from "@/lib/format";

function Fact({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

export function PatientDemographics({ patient }: { patient: Patient }) {
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Fact label="MRN" testId="patient-mrn">
        <span className="font-mono">{patient.mrn}</span>
      </Fact>
      <Fact label="Name" testId="patient-name">
        {patient.name}
      </Fact>
      <Fact label="Date of birth" testId="patient-date-of-birth">
        {formatDateOfBirth(patient.dateOfBirth)}
      </Fact>
      <Fact label="Gender" testId="patient-gender">
        {capitalize(patient.gender)}
      </Fact>
      <Fact label="Blood group" testId="patient-blood-group">
        {patient.bloodGroup ?? "Unknown"}
      </Fact>
      <Fact label="Last updated" testId="patient-updated-at">
        {formatDateTime(patient.updatedAt)}
      </Fact>
    </dl>
  );
}
