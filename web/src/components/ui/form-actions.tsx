import { Button, type ButtonProps } from "@/components/ui/button";

export interface FormActionsProps {
  /** Test ids `<testId>-submit` and `<testId>-cancel`. */
  testId: string;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  /** Cancel is shown only with a handler. */
  onCancel?: () => void;
  cancelLabel?: string;
  /** `<testId>-cancel` by default. */
  cancelTestId?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
}

/** A form's submit button (disabled and relabelled while it saves) and its cancel button. */
export function FormActions({ testId, busy, submitLabel, busyLabel, onCancel, cancelLabel = "Cancel", cancelTestId = `${testId}-cancel`, variant, size }: FormActionsProps) {
  return (
    <div className="flex gap-2">
      <Button type="submit" variant={variant} size={size} disabled={busy} data-testid={`${testId}-submit`}>
        {busy ? busyLabel : submitLabel}
      </Button>
      {onCancel ? (
        <Button type="button" variant="outline" size={size} onClick={onCancel} data-testid={cancelTestId}>
          {cancelLabel}
        </Button>
      ) : null}
    </div>
  );
}
