import type { ProblemDetails } from "@/lib/problem";
import { normalizeFieldPath } from "@/lib/problem";

export interface SplitErrors {
  fieldErrors: Record<string, string>;
  otherMessages: string[];
}

/**
 * Spreads the `errors` of a 422 problem over the form: entries whose field the form shows go
 * next to that field, the rest are listed at the top of the form.
 */
export function splitServerErrors(problem: ProblemDetails | null, isKnownField: (path: string) => boolean): SplitErrors {
  const fieldErrors: Record<string, string> = {};
  const otherMessages: string[] = [];
  for (const entry of problem?.errors ?? []) {
    const path = normalizeFieldPath(entry.field ?? "");
    if (path && isKnownField(path) && !fieldErrors[path]) fieldErrors[path] = entry.message;
    else otherMessages.push(path ? `${path}: ${entry.message}` : entry.message);
  }
  if (otherMessages.length === 0 && Object.keys(fieldErrors).length === 0 && problem?.detail) {
    otherMessages.push(problem.detail);
  }
  return { fieldErrors, otherMessages };
}
