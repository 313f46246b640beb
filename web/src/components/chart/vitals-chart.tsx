"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { VitalsSet } from "@/lib/api/types";
import { bandColour, bandLabel } from "@/lib/news2";

export const VITALS_MEASURES = [
  { key: "news2", label: "NEWS2", unit: "" },
  { key: "heartRate", label: "Pulse", unit: "/min" },
  { key: "respirationRate", label: "Resp. rate", unit: "/min" },
  { key: "systolicBp", label: "Systolic BP", unit: "mmHg" },
  { key: "spo2", label: "SpO2", unit: "%" },
  { key: "temperature", label: "Temperature", unit: "°C" },
] as const;

export type VitalsMeasure = (typeof VITALS_MEASURES)[number]["key"];

interface Point {
  t: number;
  value: number | null;
  band: string | null;
  news2: number | null;
}

function toPoints(items: VitalsSet[], measure: VitalsMeasure): Point[] {
  return items
    .map((set) => ({
      t: new Date(set.recordedAt).getTime(),
      value: measure === "news2" ? (set.news2?.total ?? null) : set[measure],
      band: set.news2?.band ?? null,
      news2: set.news2?.total ?? null,
    }))
    .filter((point) => point.value !== null);
}

function formatTick(t: number): string {
  return new Date(t).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: Point;
}

/** Each point filled with its set's NEWS2 band colour (low green, medium amber, high red). */
function BandDot({ cx, cy, index, payload }: DotProps) {
  if (cx == null || cy == null || !payload) return <g key={`dot-${index}`} />;
  return (
    <circle
      key={`dot-${index}`}
      cx={cx}
      cy={cy}
      r={5}
      fill={bandColour(payload.band)}
      stroke="#ffffff"
      strokeWidth={1.5}
      data-testid="vitals-chart-point"
      data-band={payload.band ?? "none"}
      data-value={payload.value ?? ""}
    />
  );
}

interface TooltipProps {
  active?: boolean;
  payload?: { payload: Point }[];
  unit: string;
}

function PointTooltip({ active, payload, unit }: TooltipProps) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border bg-card px-3 py-2 text-xs shadow">
      <div className="font-medium">{formatTick(point.t)}</div>
      <div>
        {point.value} {unit}
      </div>
      {point.band ? (
        <div style={{ color: bandColour(point.band) }}>
          NEWS2 {point.news2} · {bandLabel(point.band)}
        </div>
      ) : (
        <div className="text-muted-foreground">No NEWS2</div>
      )}
    </div>
  );
}

/** A line of one measure over time; the points carry the colour of their set's NEWS2 band. */
export function VitalsChart({ items, measure, from, to }: { items: VitalsSet[]; measure: VitalsMeasure; from: number; to: number }) {
  const points = toPoints(items, measure);
  const unit = VITALS_MEASURES.find((item) => item.key === measure)?.unit ?? "";
  if (points.length === 0) {
    return (
      <p className="py-10 text-center text-sm text-muted-foreground" data-testid="vitals-chart-empty">
        Nothing recorded for this measure in the range.
      </p>
    );
  }
  // The range's sets, not the whole range: a short stay is not squeezed into one edge.
  const first = points[0].t;
  const last = points[points.length - 1].t;
  const pad = Math.max((last - first) * 0.05, 30 * 60_000);
  const domain = [Math.max(from, first - pad), Math.min(to, last + pad)];
  return (
    <div className="h-72 w-full" data-testid="vitals-chart" data-measure={measure} data-points={points.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 10, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={domain}
            tickFormatter={formatTick}
            tick={{ fontSize: 11 }}
            minTickGap={40}
          />
          <YAxis
            width={44}
            tick={{ fontSize: 11 }}
            domain={measure === "news2" ? [0, (max: number) => Math.max(10, max + 1)] : ["auto", "auto"]}
            allowDecimals={measure === "temperature"}
          />
          {measure === "news2" ? (
            <>
              <ReferenceLine y={5} stroke="#d97706" strokeDasharray="4 4" />
              <ReferenceLine y={7} stroke="#dc2626" strokeDasharray="4 4" />
            </>
          ) : null}
          <Tooltip content={<PointTooltip unit={unit} />} />
          <Line
            type="linear"
            dataKey="value"
            stroke="#0f766e"
            strokeWidth={2}
            isAnimationActive={false}
            dot={(props: DotProps) => BandDot(props)}
            activeDot={{ r: 7 }}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
