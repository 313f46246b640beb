"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { io } from "socket.io-client";
import { refetchLiveData, registerLiveHandlers } from "@/components/layout/live-event-handlers";
import { refreshAccessToken } from "@/lib/api-client";
import { useAuthStore } from "@/lib/auth-store";
import { useLiveConnectionStore } from "@/lib/live-connection-store";
import { handshakeAuth, hasLastSeq, noteSeq, resetLiveState, setLiveSocket, subscribeMissing } from "@/lib/live-socket";

const FIRST_RETRY_DELAY_MS = 2_000;
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * Keeps the app's one Socket.IO connection open while signed in. Announcements are added to
 * their list and shown as a notification on whatever page is open; vitals, alerts, lab
 * results, admissions, transfers and discharges update the cached screens (chart, nurse
 * station, worklist) in place. Vitals come only for what a screen watches (`watchLive`); a
 * reconnection sends the last `seq` seen and those subscriptions, and the server replays what
 * was missed, or sends `resync` when it can no longer, and the screens refetch.
 */
export function LiveUpdates({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const signedIn = useAuthStore((state) => state.accessToken !== null);

  useEffect(() => {
    if (!signedIn) return;
    const setLiveState = useLiveConnectionStore.getState().setState;
    setLiveState("connecting");
    const socket = io({
      path: "/socket.io",
      transports: ["websocket"],
      // Read at every (re)connection so a refreshed token is used.
      auth: (send) => send({ token: useAuthStore.getState().accessToken, ...handshakeAuth() }),
    });
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = FIRST_RETRY_DELAY_MS;
    let connectedBefore = false;
    setLiveSocket(socket);

    socket.on("connect", () => {
      retryDelay = FIRST_RETRY_DELAY_MS;
      setLiveState("connected");
      subscribeMissing(socket);
      // With a last seq the server replays what was missed (or sends resync); without one
      // nothing can be replayed, so refetch.
      if (connectedBefore && !hasLastSeq()) refetchLiveData(queryClient);
      connectedBefore = true;
    });
    socket.onAny((_event: string, data: unknown) => noteSeq(data));
    socket.on("resync", () => refetchLiveData(queryClient));

    // The client does not retry on its own after the server refused or closed the socket
    // (an expired access token): refresh the token, then connect again.
    const reconnectWithFreshToken = (delay: number) => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(async () => {
        await refreshAccessToken();
        if (useAuthStore.getState().accessToken) socket.connect();
      }, delay);
    };

    socket.on("disconnect", (reason) => {
      setLiveState(socket.active ? "connecting" : "disconnected");
      // The server closes a socket when the token it was opened with expires.
      if (reason === "io server disconnect") reconnectWithFreshToken(0);
    });

    registerLiveHandlers(socket, queryClient, currentUserId);

    socket.on("connect_error", () => {
      setLiveState(socket.active ? "connecting" : "disconnected");
      if (socket.active) return;
      reconnectWithFreshToken(retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
    });

    return () => {
      clearTimeout(retryTimer);
      setLiveSocket(null);
      resetLiveState();
      socket.removeAllListeners();
      socket.disconnect();
      setLiveState("disconnected");
    };
  }, [signedIn, queryClient, currentUserId]);

  return null;
}
