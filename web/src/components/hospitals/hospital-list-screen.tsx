"use client";

import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useHospitals } from "@/hooks/use-hospitals";
import { errorMessage, statusOf } from "@/lib/problem";
import { usePageTitle } from "@/hooks/use-page-title";

/** Read-only list of the hospitals on the platform, for super admins. */
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
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Slug</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((hospital) => (
                <TableRow key={hospital.id} data-testid="hospital-row">
                  <TableCell className="font-medium">{hospital.name}</TableCell>
                  <TableCell className="font-mono text-xs">{hospital.slug}</TableCell>
                </TableRow>
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
