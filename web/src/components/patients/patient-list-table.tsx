"use client";

import Link from "next/link";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import type { Patient } from "@/lib/api/types";
import { capitalize, formatDateOfBirth } from "@/lib/format";

export function patientChartPath(id: string): string {
  return `/patients/chart/?id=${encodeURIComponent(id)}`;
}

export function patientViewPath(id: string): string {
  return `/patients/view/?id=${encodeURIComponent(id)}`;
}

/** The patient's name, linking to their chart. */
export function PatientChartLink({ patient, testId }: { patient: { id: string; name: string }; testId: string }) {
  return (
    <Link href={patientChartPath(patient.id)} className="font-medium text-primary hover:underline" data-testid={testId}>
      {patient.name}
    </Link>
  );
}

export function PatientListTable({ patients }: { patients: Patient[] }) {
  if (patients.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-muted-foreground" data-testid="patient-list-empty">
        No patients found.
      </p>
    );
  }

  return (
    <Table data-testid="patient-list">
      <TableHeadings headings={["MRN", "Name", "Date of birth", "Gender", "Blood group", { label: <span className="sr-only">Chart</span> }]} />
      <TableBody>
        {patients.map((patient) => (
          <TableRow key={patient.id} data-testid="patient-row" data-patient-id={patient.id}>
            <TableCell className="font-mono text-xs" data-testid="patient-row-mrn">
              {patient.mrn}
            </TableCell>
            <TableCell>
              <Link
                href={patientViewPath(patient.id)}
                className="font-medium text-primary hover:underline"
                data-testid="patient-row-link"
              >
                {patient.name}
              </Link>
            </TableCell>
            <TableCell>{formatDateOfBirth(patient.dateOfBirth)}</TableCell>
            <TableCell>{capitalize(patient.gender)}</TableCell>
            <TableCell>{patient.bloodGroup ?? "—"}</TableCell>
            <TableCell className="text-right">
              <Link
                href={patientChartPath(patient.id)}
                className="text-sm font-medium text-primary hover:underline"
                data-testid="patient-row-chart-link"
              >
                Chart
              </Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
