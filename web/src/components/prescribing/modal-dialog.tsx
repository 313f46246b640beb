"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { cn } from "@/lib/utils";

interface ModalDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  testId: string;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog on the browser's own <dialog>: focus stays inside, Escape closes it and the
 * page behind is inert. Its content is only rendered while it is open.
 */
export function ModalDialog({ open, title, description, onClose, testId, className, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={cn(
        "m-auto w-full max-w-2xl rounded-lg border bg-card p-0 text-card-foreground shadow-xl backdrop:bg-black/40",
        className,
      )}
      data-testid={testId}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col gap-4 overflow-auto p-5">
          <div className="flex flex-col gap-1.5">
            <h2 id={titleId} className="text-lg font-semibold leading-none tracking-tight">
              {title}
            </h2>
            {description ? <div className="text-sm text-muted-foreground">{description}</div> : null}
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
