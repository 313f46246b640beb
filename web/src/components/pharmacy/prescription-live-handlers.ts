import type { QueryClient } from "@tanstack/react-query";
import type { Socket } from "socket.io-client";
import { statusLabel } from "@/components/prescribing/prescription-status-badge";
import { CURRENT_USER_KEY } from "@/hooks/use-current-user";
import { drugKeys } from "@/hooks/use-drugs";
import { pharmacyKeys } from "@/hooks/use-pharmacy";
import { prescriptionKeys } from "@/hooks/use-prescriptions";
import type { CurrentUser, Prescription, PrescriptionStatusEvent } from "@/lib/api/types";
import { hasPermission } from "@/lib/permissions";
import { useToastStore } from "@/lib/toast-store";

/** The cached data prescription events change; refetched after a reconnection too. */
export const PRESCRIPTION_LIVE_KEYS = [pharmacyKeys.all, prescriptionKeys.all, drugKeys.all];

function refresh(queryClient: QueryClient): void {
  for (const queryKey of PRESCRIPTION_LIVE_KEYS) void queryClient.invalidateQueries({ queryKey });
}

/**
 * `prescription:new` (pharmacists): the queue gains a prescription. `prescription:status`
 * (prescriber and pharmacists): dispensed, cancelled or stopped — queue, stock and the
 * prescriber's screens change with it.
 */
export function registerPrescriptionHandlers(socket: Socket, queryClient: QueryClient, currentUserId: string): void {
  socket.on("prescription:new", (prescription: Prescription) => {
    refresh(queryClient);
    if (prescription.prescriber?.id === currentUserId) return;
    useToastStore.getState().push({
      id: `prescription-new-${prescription.id}`,
      title: `New prescription for ${prescription.patient.name}`,
      description: prescription.items.map((item) => item.drugName).join(", "),
    });
  });

  socket.on("prescription:status", (event: PrescriptionStatusEvent) => {
    refresh(queryClient);
    // Prescribers hear about their own prescriptions; pharmacists see the queue change instead.
    const user = queryClient.getQueryData<CurrentUser>(CURRENT_USER_KEY);
    if (event.by?.id === currentUserId || !hasPermission(user, "prescriptions:create")) return;
    useToastStore.getState().push({
      id: `prescription-status-${event.id}-${event.status}`,
      title: `Prescription ${statusLabel(event.status)}`,
      description: `${event.patient.name}: ${event.items.map((item) => `${item.drugName} ${item.dispensedQuantity}/${item.quantity}`).join(", ")}`,
    });
  });
}
