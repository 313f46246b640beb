"use client";

import { useCallback, useState } from "react";
import { errorMessage, problemOf } from "@/lib/problem";
import { splitServerErrors } from "@/lib/server-field-errors";

/**
 * Errors of one form: field errors keyed by the API's field path ("heartRate",
 * "diagnoses.0"), and messages that belong to no field the form shows (a 409's detail).
 */
export function useFormErrors(isKnownField: (path: string) => boolean) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [messages, setMessages] = useState<string[]>([]);

  const showServerError = useCallback(
    (error: unknown) => {
      const problem = problemOf(error);
      if (!problem) {
        setFieldErrors({});
        setMessages([errorMessage(error)]);
        return;
      }
      const split = splitServerErrors(problem, isKnownField);
      setFieldErrors(split.fieldErrors);
      setMessages(split.otherMessages.length > 0 || Object.keys(split.fieldErrors).length > 0
        ? split.otherMessages
        : [errorMessage(error)]);
    },
    [isKnownField],
  );

  const clear = useCallback(() => {
    setFieldErrors({});
    setMessages([]);
  }, []);

  return { fieldErrors, setFieldErrors, messages, setMessages, showServerError, clear };
}
