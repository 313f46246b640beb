export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number.parseInt(value ?? "", 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/** Reads q / page / pageSize from a URL query string, clamped to what the API accepts. */
export function readListParams(params: URLSearchParams): { q: string; page: number; pageSize: number } {
  return {
    q: (params.get("q") ?? "").trim(),
    page: positiveInt(params.get("page"), 1),
    pageSize: Math.min(MAX_PAGE_SIZE, positiveInt(params.get("pageSize"), DEFAULT_PAGE_SIZE)),
  };
}

/** Builds "?q=…&page=…" leaving out defaults. */
export function listQueryString(params: { q: string; page: number; pageSize: number }): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.page > 1) search.set("page", String(params.page));
  if (params.pageSize !== DEFAULT_PAGE_SIZE) search.set("pageSize", String(params.pageSize));
  const text = search.toString();
  return text ? `?${text}` : "";
}
