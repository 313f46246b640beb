"use client";

import { useCallback } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { PaginationControls } from "@/components/patients/pagination-controls";
import { PatientListTable } from "@/components/patients/patient-list-table";
import { PatientSearchBox } from "@/components/patients/patient-search-box";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useCurrentUser } from "@/hooks/use-current-user";
import { usePatientList } from "@/hooks/use-patients";
import { listQueryString, readListParams } from "@/lib/list-params";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";
import { usePageTitle } from "@/hooks/use-page-title";

/**
 * Patient list with search and paging. The query lives in the URL: a reload keeps it, page
 * changes add history entries (Back returns to the previous page), typing does not.
 */
export function PatientListScreen() {
  usePageTitle("Patients");
  const router = useRouter();
  const searchParams = useSearchParams();
  const search = readListParams(searchParams);
  const { data: user } = useCurrentUser();
  const { data, error, isPending, isFetching } = usePatientList(search);

  const navigate = useCallback(
    (next: { q: string; page: number; pageSize: number }, addHistoryEntry = false) => {
      const href = `/patients/${listQueryString(next)}`;
      if (addHistoryEntry) router.push(href);
      else router.replace(href);
    },
    [router],
  );

  const handleSearch = useCallback(
    (q: string) => navigate({ q, page: 1, pageSize: search.pageSize }),
    [navigate, search.pageSize],
  );

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-4">
        <CardTitle>Patients</CardTitle>
        {hasPermission(user, "patients:edit") ? (
          <Button asChild data-testid="new-patient-button">
            <Link href="/patients/new/">New patient</Link>
          </Button>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="flex items-center gap-3">
          <PatientSearchBox initialQuery={search.q} onSearch={handleSearch} />
          {isFetching && !isPending ? (
            <span className="text-xs text-muted-foreground" data-testid="patient-list-refreshing">
              Updating…
            </span>
          ) : null}
        </div>
        {error ? (
          <Alert variant="destructive" data-testid="patient-list-error">
            {errorMessage(error)}
          </Alert>
        ) : null}
        {isPending && !error ? <LoadingText /> : null}
        {data ? (
          <>
            <PatientListTable patients={data.items} />
            <PaginationControls
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPageChange={(page) => navigate({ ...search, page }, true)}
            />
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
