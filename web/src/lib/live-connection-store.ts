import { create } from "zustand";

export type LiveConnectionState = "connecting" | "connected" | "disconnected";

interface LiveConnectionStore {
  state: LiveConnectionState;
  setState: (state: LiveConnectionState) => void;
}

/** Whether the real-time connection (Socket.IO) is currently up. */
export const useLiveConnectionStore = create<LiveConnectionStore>()((set) => ({
  state: "disconnected",
  setState: (state) => set({ state }),
}));
