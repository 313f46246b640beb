import * as React from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

interface FormFieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
}

/** Label, control and the field's error message, laid out consistently. */
export function FormField({ id, label, error, hint, className, children }: FormFieldProps) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {hint && !error ? <p className="text-xs text-muted-foreground">{hint}</p> : null}
      {error ? (
        <p className="text-xs text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What every labelled control takes: its field's frame, and the value as text. */
interface FieldProps extends Omit<FormFieldProps, "children"> {
  /** The control's test id; the element id by default. */
  testId?: string;
  onValueChange: (value: string) => void;
}

type Native<A> = Omit<A, "id" | "className" | "onChange" | "children">;

/** The field's frame, and what its control gets: id, test id, invalid state and the change handler. */
function split<P extends FieldProps>({ id, label, error, hint, className, testId = id, onValueChange, ...native }: P) {
  const control = {
    id,
    "aria-invalid": Boolean(error),
    "data-testid": testId,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => onValueChange(event.target.value),
  };
  return { frame: { id, label, error, hint, className }, control, native };
}

/** A labelled text input (any `type`), marked invalid while its field has an error. */
export function TextField(props: FieldProps & Native<React.InputHTMLAttributes<HTMLInputElement>>) {
  const { frame, control, native } = split(props);
  return <FormField {...frame}><Input {...control} {...native} /></FormField>;
}

/** A labelled textarea, marked invalid while its field has an error. */
export function TextareaField(props: FieldProps & Native<React.TextareaHTMLAttributes<HTMLTextAreaElement>>) {
  const { frame, control, native } = split(props);
  return <FormField {...frame}><Textarea {...control} {...native} /></FormField>;
}

export interface SelectOption {
  value: string | number;
  label: React.ReactNode;
}

/** A labelled native select over `options`, after an empty `placeholder` choice when given. */
export function SelectField({
  options,
  placeholder,
  ...props
}: FieldProps & Native<React.SelectHTMLAttributes<HTMLSelectElement>> & { options: readonly SelectOption[]; placeholder?: string }) {
  const { frame, control, native } = split(props);
  return (
    <FormField {...frame}>
      <NativeSelect {...control} {...native}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </NativeSelect>
    </FormField>
  );
}

/** Options whose label is the value itself, or what `label` makes of it. */
export function plainOptions(values: readonly string[], label: (value: string) => React.ReactNode = (value) => value): SelectOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}
