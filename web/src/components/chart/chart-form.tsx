import type { FormEvent, ReactNode } from "react";
import { FormActions, type FormActionsProps } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";

interface ChartFormProps extends Omit<FormActionsProps, "testId"> {
  /** Test ids `<name>-form`, `<name>-form-error`, `<name>-submit` and `<name>-cancel`. */
  name: string;
  /** Errors that belong to no field, shown above the fields. */
  messages: string[];
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** A form opened inside a chart card (admit, transfer, discharge, vitals, adverse event). */
export function ChartForm({ name, messages, onSubmit, children, ...actions }: ChartFormProps) {
  return (
    <form className="flex flex-col gap-4 rounded-lg border p-4" onSubmit={onSubmit} noValidate data-testid={`${name}-form`}>
      <FormError messages={messages} testId={`${name}-form-error`} />
      {children}
      <FormActions testId={name} {...actions} />
    </form>
  );
}
