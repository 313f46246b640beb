"use client";

import { Toast, ToastClose, ToastDescription, ToastProvider, ToastTitle, ToastViewport } from "@/components/ui/toast";
import { useToastStore } from "@/lib/toast-store";

/** Shows queued notifications (new announcements) in the corner of every page. */
export function AnnouncementToaster() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);

  return (
    <ToastProvider duration={10_000} label="Notification">
      {toasts.map((toast) => (
        <Toast
          key={toast.id}
          data-testid="announcement-toast"
          onOpenChange={(open) => {
            if (!open) dismiss(toast.id);
          }}
        >
          <div className="min-w-0">
            <ToastTitle data-testid="announcement-toast-title">{toast.title}</ToastTitle>
            {toast.description ? <ToastDescription>{toast.description}</ToastDescription> : null}
          </div>
          <ToastClose data-testid="announcement-toast-close" />
        </Toast>
      ))}
      <ToastViewport data-testid="toast-viewport" />
    </ToastProvider>
  );
}
