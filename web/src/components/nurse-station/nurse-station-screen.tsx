"use client";

import { useCallback, useEffect, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { News2Attribution } from "@/components/clinical/news2-attribution";
import { AlertsPanel } from "@/components/nurse-station/alerts-panel";
import { WardCensusTable } from "@/components/nurse-station/ward-census-table";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { NativeSelect } from "@/components/ui/native-select";
import { useOpenAlerts } from "@/hooks/use-alerts";
import { useCurrentUser } from "@/hooks/use-current-user";
import { useLiveSubscription } from "@/hooks/use-live-subscription";
import { usePageTitle } from "@/hooks/use-page-title";
import { useWardCensus, useWardLatestVitals, useWards } from "@/hooks/use-wards";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";

/** A ward at a glance: beds, patients, latest NEWS2 and open alerts, updated live. */
export function NurseStationScreen() {
  usePageTitle("Nurse station");
  const router = useRouter();
  const wardId = useSearchParams().get("ward") ?? "";
  const { data: user } = useCurrentUser();
  const wards = useWards();
  const census = useWardCensus(wardId || null);
  const latest = useWardLatestVitals(wardId || null);
  useLiveSubscription(wardId ? { ward: wardId } : null);
  const alerts = useOpenAlerts();
  const [allWards, setAllWards] = useState(false);

  const chooseWard = useCallback((id: string) => router.replace(id ? `/nurse-station/?ward=${encodeURIComponent(id)}` : "/nurse-station/"), [router]);

  // With a single ward there is nothing to choose.
  useEffect(() => {
    if (!wardId && wards.data?.items.length === 1) chooseWard(wards.data.items[0].id);
  }, [wardId, wards.data, chooseWard]);

  const openAlerts = alerts.data?.items ?? [];
  const wardAlerts = wardId ? openAlerts.filter((alert) => alert.location?.wardId === wardId) : openAlerts;
  const shownAlerts = allWards || !wardId ? openAlerts : wardAlerts;

  return (
    <div className="flex flex-col gap-6" data-testid="nurse-station">
      <Card>
        <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-4">
          <div className="flex flex-col gap-1.5">
            <CardTitle>Nurse station</CardTitle>
            <CardDescription>Admissions, discharges, observations and alerts arrive without reloading.</CardDescription>
          </div>
          <div className="w-full max-w-xs">
            <label htmlFor="ward-select" className="mb-1.5 block text-sm font-medium">
              Ward
            </label>
            <NativeSelect id="ward-select" value={wardId} onChange={(event) => chooseWard(event.target.value)} data-testid="ward-select">
              <option value="">Choose a ward…</option>
              {(wards.data?.items ?? []).map((ward) => (
                <option key={ward.id} value={ward.id}>
                  {ward.code} — {ward.name}
                </option>
              ))}
            </NativeSelect>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {wards.error ? <Alert variant="destructive">{errorMessage(wards.error)}</Alert> : null}
          {wards.data && wards.data.items.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="wards-none">
              No wards yet: an administrator creates them.
            </p>
          ) : null}
          {!wardId && wards.data && wards.data.items.length > 0 ? (
            <p className="text-sm text-muted-foreground">Choose a ward to see its beds.</p>
          ) : null}
          {census.error ? (
            <Alert variant="destructive" data-testid="census-error">
              {errorMessage(census.error)}
            </Alert>
          ) : null}
          {wardId && census.isPending && !census.error ? <LoadingText /> : null}
          {census.data ? (
            <>
              <p className="text-sm" data-testid="census-summary">
                {census.data.ward.name}: {census.data.occupied} of {census.data.totalBeds} beds occupied
              </p>
              <WardCensusTable census={census.data} latest={latest.data} alerts={openAlerts} />
              {latest.error ? <Alert variant="destructive">{errorMessage(latest.error)}</Alert> : null}
              <News2Attribution />
            </>
          ) : null}
        </CardContent>
      </Card>
      <Card data-testid="alerts-panel">
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-4">
          <div className="flex flex-col gap-1.5">
            <CardTitle>
              Open alerts <span data-testid="alerts-count">({shownAlerts.length})</span>
            </CardTitle>
            <CardDescription>Most severe first.</CardDescription>
          </div>
          {wardId ? (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={allWards} onChange={(event) => setAllWards(event.target.checked)} data-testid="alerts-all-wards" />
              All wards ({openAlerts.length})
            </label>
          ) : null}
        </CardHeader>
        <CardContent>
          {alerts.error ? (
            <Alert variant="destructive" data-testid="alerts-error">
              {errorMessage(alerts.error)}
            </Alert>
          ) : alerts.isPending ? (
            <LoadingText />
          ) : (
            <AlertsPanel alerts={shownAlerts} canAcknowledge={hasPermission(user, "alerts:acknowledge")} />
          )}
          <News2Attribution className="mt-3" />
        </CardContent>
      </Card>
    </div>
  );
}
