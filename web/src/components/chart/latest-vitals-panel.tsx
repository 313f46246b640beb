import { News2Attribution } from "@/components/clinical/news2-attribution";
import { News2Badge } from "@/components/clinical/news2-badge";
import type { VitalsSet } from "@/lib/api/types";
import { capitalize, formatDateTime } from "@/lib/format";
import { bandResponse, NEWS2_PARAMETERS, parameterLabel } from "@/lib/news2";

function measured(set: VitalsSet, key: string): string {
  switch (key) {
    case "respirationRate":
      return set.respirationRate == null ? "—" : `${set.respirationRate} /min`;
    case "spo2":
      return set.spo2 == null ? "—" : `${set.spo2} %`;
    case "onOxygen":
      return set.onOxygen == null ? "—" : set.onOxygen ? "Oxygen" : "Air";
    case "systolicBp":
      return set.systolicBp == null ? "—" : `${set.systolicBp}${set.diastolicBp != null ? `/${set.diastolicBp}` : ""} mmHg`;
    case "heartRate":
      return set.heartRate == null ? "—" : `${set.heartRate} /min`;
    case "consciousness":
      return set.consciousness ? capitalize(set.consciousness) : "—";
    case "temperature":
      return set.temperature == null ? "—" : `${set.temperature} °C`;
    default:
      return "—";
  }
}

/** The latest set: NEWS2 total, band and response, points per parameter and what is missing. */
export function LatestVitalsPanel({ set }: { set: VitalsSet | null | undefined }) {
  if (!set) {
    return (
      <div className="flex flex-col gap-2" data-testid="latest-vitals">
        <p className="text-sm text-muted-foreground" data-testid="latest-vitals-none">
          No vitals recorded yet.
        </p>
        <News2Attribution />
      </div>
    );
  }
  const news2 = set.news2;
  return (
    <div className="flex flex-col gap-3" data-testid="latest-vitals" data-vitals-id={set.id}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm font-medium">Latest set</span>
        <span className="text-sm text-muted-foreground" data-testid="latest-vitals-time">
          {formatDateTime(set.recordedAt)}
        </span>
        <News2Badge news2={news2} testId="latest-news2" />
        {news2 ? (
          <span className="text-sm" data-testid="latest-news2-response">
            {bandResponse(news2.band)}
          </span>
        ) : null}
      </div>
      {news2 ? (
        <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <span>
            Total <strong data-testid="latest-news2-total">{news2.total}</strong>
          </span>
          <span>
            Band <strong data-testid="latest-news2-band">{news2.band}</strong>
          </span>
          <span>SpO2 scale {news2.scale}</span>
        </div>
      ) : null}
      <table className="w-full max-w-xl text-sm" data-testid="latest-news2-subscores">
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th className="py-1 font-medium">Parameter</th>
            <th className="py-1 font-medium">Value</th>
            <th className="py-1 text-right font-medium">Points</th>
          </tr>
        </thead>
        <tbody>
          {NEWS2_PARAMETERS.map((parameter) => {
            const points = news2?.subscores[parameter.key];
            return (
              <tr key={parameter.key} className="border-b last:border-0" data-testid="latest-news2-row" data-parameter={parameter.key}>
                <td className="py-1">{parameter.label}</td>
                <td className="py-1">{measured(set, parameter.key)}</td>
                <td className={`py-1 text-right font-semibold ${points === 3 ? "text-red-700" : ""}`} data-testid="latest-news2-points">
                  {points ?? "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {news2 && news2.missing.length > 0 ? (
        <p className="text-sm text-amber-800" data-testid="latest-news2-missing">
          Partial score — not recorded: {news2.missing.map(parameterLabel).join(", ")}.
        </p>
      ) : null}
      <News2Attribution />
    </div>
  );
}
