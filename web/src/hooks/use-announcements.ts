"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { Announcement, AnnouncementInput } from "@/lib/api/types";

export const ANNOUNCEMENTS_KEY = ["announcements"] as const;

interface AnnouncementList {
  items: Announcement[];
}

/** Puts an announcement at the top of the cached list unless it is already there. */
export function addAnnouncementToCache(queryClient: QueryClient, announcement: Announcement): void {
  queryClient.setQueryData<AnnouncementList>(ANNOUNCEMENTS_KEY, (current) => {
    if (!current) return current;
    if (current.items.some((item) => item.id === announcement.id)) return current;
    return { items: [announcement, ...current.items] };
  });
}

export function useAnnouncements(enabled = true) {
  return useQuery({
    queryKey: ANNOUNCEMENTS_KEY,
    queryFn: async () => (await api.get<AnnouncementList>("/announcements")).data,
    enabled,
  });
}

export function usePostAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: AnnouncementInput) =>
      (await api.post<Announcement>("/announcements", input)).data,
    onSuccess: (announcement) => addAnnouncementToCache(queryClient, announcement),
  });
}
