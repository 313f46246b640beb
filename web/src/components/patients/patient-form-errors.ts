import { splitServerErrors, type SplitErrors } from "@/lib/server-field-errors";
import { errorMessage, problemOf, statusOf } from "@/lib/problem";

const TOP_LEVEL_FIELDS = new Set(["name", "dateOfBirth", "gender", "bloodGroup", "mrn", "allergies"]);
const ALLERGY_FIELD = /^allergies\.\d+\.(substance|class|reaction|severity)$/;

function isPatientFormField(path: string): boolean {
  return TOP_LEVEL_FIELDS.has(path) || ALLERGY_FIELD.test(path);
}

/** What to show for a failed save: field errors for a 422, one message otherwise. */
export function patientSaveErrors(error: unknown): SplitErrors {
  if (statusOf(error) === 422 || statusOf(error) === 400) {
    return splitServerErrors(problemOf(error), isPatientFormField);
  }
  return { fieldErrors: {}, otherMessages: [errorMessage(error)] };
}
