"use client";

import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import type { ClinicalAlert, Paged } from "@/lib/api/types";

export const alertKeys = {
  all: ["alerts"] as const,
  open: ["alerts", "open"] as const,
};

const SEVERITY_RANK: Record<string, number> = { "low-medium": 1, medium: 2, high: 3, critical: 4 };

/** Most severe first, then newest: the server's order for open alerts. */
function byUrgency(a: ClinicalAlert, b: ClinicalAlert): number {
  const rank = (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0);
  return rank !== 0 ? rank : b.createdAt.localeCompare(a.createdAt);
}

/** Open alerts of the hospital; kept live by the layout's `alert:new` / `alert:acknowledged`. */
export function useOpenAlerts(enabled = true) {
  return useQuery({
    queryKey: alertKeys.open,
    enabled,
    queryFn: async () =>
      (await api.get<Paged<ClinicalAlert>>("/alerts", { params: { status: "open", pageSize: 100 } })).data,
  });
}

export function addAlertToCache(queryClient: QueryClient, alert: ClinicalAlert): void {
  queryClient.setQueryData<Paged<ClinicalAlert>>(alertKeys.open, (current) => {
    if (!current || current.items.some((item) => item.id === alert.id)) return current;
    return { ...current, items: [...current.items, alert].sort(byUrgency), total: current.total + 1 };
  });
}

export function removeAlertFromCache(queryClient: QueryClient, alertId: string): void {
  queryClient.setQueryData<Paged<ClinicalAlert>>(alertKeys.open, (current) => {
    if (!current || !current.items.some((item) => item.id === alertId)) return current;
    return { ...current, items: current.items.filter((item) => item.id !== alertId), total: current.total - 1 };
  });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ alertId, note }: { alertId: string; note?: string }) =>
      (await api.post<ClinicalAlert>(`/alerts/${encodeURIComponent(alertId)}/acknowledge`, note ? { note } : {}))
        .data,
    onSuccess: (alert) => removeAlertFromCache(queryClient, alert.id),
    // Acknowledged meanwhile by someone else (409) or gone: show the list as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
