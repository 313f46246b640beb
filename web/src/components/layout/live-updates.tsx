"use client";

import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { io } from "socket.io-client";
import { addAnnouncementToCache } from "@/hooks/use-announcements";
import { refreshAccessToken } from "@/lib/api-client";
import type { Announcement } from "@/lib/api-types";
import { useAuthStore } from "@/lib/auth-store";
import { useLiveConnectionStore } from "@/lib/live-connection-store";
import { useToastStore } from "@/lib/toast-store";

const FIRST_RETRY_DELAY_MS = 2_000;
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * Keeps one Socket.IO connection open while signed in; each `announcement:new` is added to the
 * announcements list and shown as a notification on whatever page is open.
 */
export function AnnouncementLiveUpdates({ currentUserId }: { currentUserId: string }) {
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
      auth: (send) => send({ token: useAuthStore.getState().accessToken }),
    });
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = FIRST_RETRY_DELAY_MS;

    socket.on("connect", () => {
      retryDelay = FIRST_RETRY_DELAY_MS;
      setLiveState("connected");
    });
    socket.on("disconnect", () => setLiveState(socket.active ? "connecting" : "disconnected"));

    socket.on("announcement:new", (announcement: Announcement) => {
      addAnnouncementToCache(queryClient, announcement);
      if (announcement.author?.id === currentUserId) return;
      useToastStore.getState().push({
        id: announcement.id,
        title: announcement.title,
        description: announcement.body,
      });
    });

    // A refusal by the server (e.g. expired token) is not retried by the client on its own.
    socket.on("connect_error", () => {
      setLiveState(socket.active ? "connecting" : "disconnected");
      if (socket.active) return;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(async () => {
        await refreshAccessToken();
        if (useAuthStore.getState().accessToken) socket.connect();
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY_MS);
    });

    return () => {
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
      setLiveState("disconnected");
    };
  }, [signedIn, queryClient, currentUserId]);

  return null;
}
