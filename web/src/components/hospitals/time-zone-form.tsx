"use client";

import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { useFormErrors } from "@/hooks/use-form-errors";
import { useUpdateHospital, type Hospital } from "@/hooks/use-hospitals";

const isKnown = (path: string) => path === "timeZone";

/** The IANA names the browser knows, offered as suggestions; the server has the last word. */
function knownZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: "timeZone") => string[] };
  try {
    return intl.supportedValuesOf?.("timeZone") ?? [];
  } catch {
    return [];
  }
}

/** Changes a hospital's time zone: the calendar day its check-in and appointment views follow. */
export function TimeZoneForm({ hospital, onDone }: { hospital: Hospital; onDone: () => void }) {
  const update = useUpdateHospital();
  const form = useFormErrors(isKnown);
  const [timeZone, setTimeZone] = useState(hospital.timeZone);
  const zones = useMemo(knownZones, []);
  const id = `hospital-time-zone-${hospital.slug}`;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    if (!timeZone.trim()) return form.setFieldErrors({ timeZone: "Give an IANA time zone such as Europe/London." });
    update.mutate(
      { slug: hospital.slug, timeZone: timeZone.trim() },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  return (
    <form className="flex flex-col gap-2" onSubmit={handleSubmit} noValidate data-testid="hospital-time-zone-form">
      <FormError messages={form.messages} testId="hospital-time-zone-form-error" />
      <FormField
        id={id}
        label="Time zone"
        hint="Check-in and the appointment day views follow the hospital's calendar day."
        error={form.fieldErrors.timeZone}
      >
        <Input
          id={id}
          value={timeZone}
          maxLength={64}
          list={`${id}-options`}
          disabled={update.isPending}
          onChange={(event) => setTimeZone(event.target.value)}
          data-testid="hospital-time-zone-input"
        />
      </FormField>
      <datalist id={`${id}-options`}>
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={update.isPending} data-testid="hospital-time-zone-save">
          {update.isPending ? "Saving…" : "Save"}
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={onDone} data-testid="hospital-time-zone-cancel">
          Cancel
        </Button>
      </div>
    </form>
  );
}
