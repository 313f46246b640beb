import { SelectField } from "@/components/ui/form-field";

/** Appointment lengths offered, in minutes. */
export const DURATIONS = [10, 15, 20, 30, 45, 60];

interface DurationFieldProps {
  id: string;
  testId: string;
  value: number;
  disabled?: boolean;
  onChange: (minutes: number) => void;
}

/** An appointment's length; a length booked before and no longer offered stays choosable. */
export function DurationField({ id, testId, value, disabled, onChange }: DurationFieldProps) {
  const minutes = DURATIONS.includes(value) ? DURATIONS : [...DURATIONS, value].sort((a, b) => a - b);
  return (
    <SelectField id={id} testId={testId} label="Length" value={value} disabled={disabled}
      onValueChange={(text) => onChange(Number(text))} options={minutes.map((length) => ({ value: length, label: `${length} minutes` }))} />
  );
}
