import { create } from "zustand";

export interface ToastMessage {
  id: string;
  title: string;
  description?: string;
}

interface ToastState {
  toasts: ToastMessage[];
  push: (toast: ToastMessage) => void;
  dismiss: (id: string) => void;
}

const MAX_TOASTS = 3;

/** Notifications shown in the corner of every signed-in page. */
export const useToastStore = create<ToastState>()((set) => ({
  toasts: [],
  push: (toast) =>
    set((state) => ({
      toasts: [...state.toasts.filter((item) => item.id !== toast.id), toast].slice(-MAX_TOASTS),
    })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((item) => item.id !== id) })),
}));
