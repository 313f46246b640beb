"use client";

import { useState } from "react";
import { TimeZoneForm } from "@/components/hospitals/time-zone-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import { useHospitals, type Hospital } from "@/hooks/use-hospitals";
import { errorMessage, statusOf } from "@/lib/problem";
import { usePageTitle } from "@/hooks/use-page-title";

/** The hospitals on the platform, for super admins, each with its time zone to change. */
export function HospitalListScreen() {
  usePageTitle("Hospitals");
  const { data, error, isPending } = useHospitals(true);
  const unavailable = error && [404, 405, 501].includes(statusOf(error) ?? 0);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Hospitals</CardTitle>
      </CardHeader>
      <CardContent>
        {unavailable ? (
          <p className="text-sm text-muted-foreground" data-testid="hospital-list-unavailable">
            Hospital management is not available on this server yet.
          </p>
        ) : error ? (
          <Alert variant="destructive" data-testid="hospital-list-error">
            {errorMessage(error)}
          </Alert>
        ) : isPending ? (
          <LoadingText />
        ) : data && data.length > 0 ? (
          <Table data-testid="hospital-list">
            <TableHeadings headings={["Name", "Slug", "Time zone"]} />
            <TableBody>
              {data.map((hospital) => (
                <HospitalRow key={hospital.id} hospital={hospital} />
              ))}
            </TableBody>
          </Table>
        ) : (
          <p className="text-sm text-muted-foreground" data-testid="hospital-list-empty">
            No hospitals yet.
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function HospitalRow({ hospital }: { hospital: Hospital }) {
  const [editing, setEditing] = useState(false);
  return (
    <TableRow data-testid="hospital-row" data-slug={hospital.slug}>
      <TableCell className="font-medium">{hospital.name}</TableCell>
      <TableCell className="font-mono text-xs">{hospital.slug}</TableCell>
      <TableCell>
        {editing ? (
          <TimeZoneForm hospital={hospital} onDone={() => setEditing(false)} />
        ) : (
          <div className="flex items-center gap-3">
            <span className="font-mono text-xs" data-testid="hospital-time-zone">
              {hospital.timeZone}
            </span>
            <Button size="sm" variant="outline" onClick={() => setEditing(true)} data-testid="hospital-time-zone-edit">
              Change
            </Button>
          </div>
        )}
      </TableCell>
    </TableRow>
  );
}
