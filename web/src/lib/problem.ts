import axios from "axios";

export interface ProblemFieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details, as returned by every API error. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: ProblemFieldError[];
}

/** Extracts RFC 9457 problem details from an Axios error, if the server sent any. */
export function problemOf(error: unknown): ProblemDetails | null {
  if (!axios.isAxiosError(error) || !error.response) return null;
  const data: unknown = error.response.data;
  if (data && typeof data === "object") {
    return { status: error.response.status, ...(data as ProblemDetails) };
  }
  return { status: error.response.status };
}

/** HTTP status of a failed request, or null for network errors and non-HTTP failures. */
export function statusOf(error: unknown): number | null {
  return axios.isAxiosError(error) && error.response ? error.response.status : null;
}

/** A sentence for the user describing why a request failed. */
export function errorMessage(error: unknown, fallback = "Something went wrong. Please try again."): string {
  const problem = problemOf(error);
  if (problem?.detail) return problem.detail;
  if (problem?.title) return problem.title;
  if (axios.isAxiosError(error) && !error.response) {
    return "Cannot reach the server. Check your connection and try again.";
  }
  return fallback;
}

/** Turns a server field path ("body.allergies.0.substance", "dateOfBirth") into a form key. */
export function normalizeFieldPath(field: string): string {
  return field
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter((part) => part !== "" && part !== "body")
    .join(".");
}
