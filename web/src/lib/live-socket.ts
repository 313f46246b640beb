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

/** What a screen watches: one patient (the chart) or one ward (the nurse station). */
export type LiveSubscription = { patientId: string } | { ward: string };

const subscriptions = new Map<string, { payload: LiveSubscription; count: number }>();
let lastSeq: number | null = null;
// The subscriptions the last handshake carried: one added (or dropped) while the socket was
// connecting went in neither the handshake nor a `subscribe`, and is sent once connected.
let inHandshake = new Map<string, LiveSubscription>();

function held(): Map<string, LiveSubscription> {
  return new Map([...subscriptions].map(([key, entry]) => [key, entry.payload]));
}

function keyOf(payload: LiveSubscription): string {
  return "patientId" in payload ? `patient:${payload.patientId}` : `ward:${payload.ward}`;
}

/**
 * Watch a patient or a ward while a screen shows it: `subscribe` now if connected, and again
 * at every reconnection through the handshake (`handshakeAuth`). Returns the cleanup.
 */
export function watchLive(payload: LiveSubscription): () => void {
  const key = keyOf(payload);
  const existing = subscriptions.get(key);
  if (existing) existing.count += 1;
  else {
    subscriptions.set(key, { payload, count: 1 });
    connectedLiveSocket()?.emit("subscribe", payload);
  }
  return () => {
    const entry = subscriptions.get(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    subscriptions.delete(key);
    connectedLiveSocket()?.emit("unsubscribe", payload);
  };
}

/** Keeps the highest `seq` received (one sequence per hospital), for replay after a drop. */
export function noteSeq(data: unknown): void {
  const seq = (data as { seq?: unknown } | null)?.seq;
  if (typeof seq === "number" && (lastSeq === null || seq > lastSeq)) lastSeq = seq;
}

/** Whether events were received before, so a reconnection replays what was missed. */
export function hasLastSeq(): boolean {
  return lastSeq !== null;
}

/**
 * The handshake's replay fields: the last `seq` seen and the subscriptions held. The server
 * subscribes the socket again, then sends what its rooms missed in order, or `resync`.
 */
export function handshakeAuth(): { lastSeq?: number; subscriptions: LiveSubscription[] } {
  inHandshake = held();
  const payloads = [...inHandshake.values()];
  return lastSeq === null ? { subscriptions: payloads } : { lastSeq, subscriptions: payloads };
}

/** On connect: send what changed in the subscriptions since the handshake was sent. */
export function subscribeMissing(socket: Socket): void {
  const now = held();
  for (const [key, payload] of now) if (!inHandshake.has(key)) socket.emit("subscribe", payload);
  for (const [key, payload] of inHandshake) if (!now.has(key)) socket.emit("unsubscribe", payload);
  inHandshake = now;
}

/** Forget the sequence (sign-out): another user's session starts without replay. */
export function resetLiveState(): void {
  lastSeq = null;
}
