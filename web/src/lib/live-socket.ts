import type { Socket } from "socket.io-client";

let current: Socket | null = null;

/** Called by the layout's live-updates component: the app's one Socket.IO connection. */
export function setLiveSocket(socket: Socket | null): void {
  current = socket;
}

/** The live connection when it is up, so a screen can send an event over it; else null. */
export function connectedLiveSocket(): Socket | null {
  return current?.connected ? current : null;
}
