import { Badge } from "@/components/ui/badge";
import type { News2 } from "@/lib/api/types";
import { bandLabel, type News2Band } from "@/lib/news2";

const VARIANTS = { low: "success", "low-medium": "warning", medium: "warning", high: "critical" } as const;

/** "NEWS2 7 · High", coloured by band (low green, low-medium/medium amber, high red). */
export function News2Badge({ news2, testId = "news2-badge" }: { news2: News2 | null | undefined; testId?: string }) {
  if (!news2) {
    return (
      <Badge variant="muted" data-testid={testId} data-band="none">
        No NEWS2
      </Badge>
    );
  }
  return (
    <Badge variant={VARIANTS[news2.band as News2Band] ?? "muted"} data-testid={testId} data-band={news2.band} data-total={news2.total}>
      NEWS2 {news2.total} · {bandLabel(news2.band)}
      {news2.missing.length > 0 ? " (partial)" : ""}
    </Badge>
  );
}
