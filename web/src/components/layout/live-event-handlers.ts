import type { QueryClient } from "@tanstack/react-query";
import type { Socket } from "socket.io-client";
import { PRESCRIPTION_LIVE_KEYS, registerPrescriptionHandlers } from "@/components/pharmacy/prescription-live-handlers";
import { addAnnouncementToCache } from "@/hooks/use-announcements";
import { addAlertToCache, alertKeys, removeAlertFromCache } from "@/hooks/use-alerts";
import { encounterKeys, refreshAfterMove } from "@/hooks/use-encounters";
import { labKeys } from "@/hooks/use-labs";
import { applyVitalsUpdate, vitalsKeys } from "@/hooks/use-vitals";
import { wardKeys } from "@/hooks/use-wards";
import type { Announcement, ClinicalAlert, EncounterEvent, VitalsSet } from "@/lib/api/types";
import { useToastStore } from "@/lib/toast-store";

interface LabResultEvent {
  change: string;
  orderId: string;
  patientId: string;
  resultIds: string[];
  critical: boolean;
}

/** Wires every server event the app listens to onto the data cache. */
export function registerLiveHandlers(socket: Socket, queryClient: QueryClient, currentUserId: string): void {
  socket.on("announcement:new", (announcement: Announcement) => {
    addAnnouncementToCache(queryClient, announcement);
    if (announcement.author?.id === currentUserId) return;
    useToastStore.getState().push({
      id: announcement.id,
      title: announcement.title,
      description: announcement.body,
    });
  });

  socket.on("vitals:updated", (set: VitalsSet) => applyVitalsUpdate(queryClient, set));

  socket.on("alert:new", (alert: ClinicalAlert) => addAlertToCache(queryClient, alert));

  socket.on("alert:acknowledged", (alert: ClinicalAlert) => removeAlertFromCache(queryClient, alert.id));

  for (const event of ["encounter:admitted", "encounter:transferred", "encounter:discharged"]) {
    socket.on(event, (moved: EncounterEvent) => refreshAfterMove(queryClient, moved.patientId));
  }

  socket.on("lab:result", (event: LabResultEvent) => {
    void queryClient.invalidateQueries({ queryKey: labKeys.all });
    if (event.critical) void queryClient.invalidateQueries({ queryKey: alertKeys.all });
  });

  registerPrescriptionHandlers(socket, queryClient, currentUserId);
}

/** After a reconnection, events may have been missed: refetch what they would have changed. */
export function refetchLiveData(queryClient: QueryClient): void {
  for (const queryKey of [alertKeys.all, vitalsKeys.all, wardKeys.all, encounterKeys.all, labKeys.all, ...PRESCRIPTION_LIVE_KEYS]) {
    void queryClient.invalidateQueries({ queryKey });
  }
}
