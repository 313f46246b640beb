import type { Appointment } from "@/lib/api/types";
import { daySlots, localToIso } from "@/lib/day-time";
import { cn } from "@/lib/utils";

interface SlotGridProps {
  date: string;
  appointments: Appointment[];
  selected: string;
  durationMinutes: number;
  disabled?: boolean;
  onPick: (time: string) => void;
}

function overlaps(startIso: string, minutes: number, appointment: Appointment): boolean {
  const start = new Date(startIso).getTime();
  const end = start + minutes * 60_000;
  return new Date(appointment.startsAt).getTime() < end && new Date(appointment.endsAt).getTime() > start;
}

/** The day in half-hour slots; slots overlapping a booking are shown taken. */
export function SlotGrid({ date, appointments, selected, durationMinutes, disabled, onPick }: SlotGridProps) {
  const active = appointments.filter((appointment) => appointment.status !== "cancelled");
  const now = Date.now();
  return (
    <div className="grid grid-cols-4 gap-1.5 sm:grid-cols-6" role="group" aria-label="Slots" data-testid="slot-grid">
      {daySlots().map((time) => {
        const iso = localToIso(date, time);
        const taken = iso ? active.some((appointment) => overlaps(iso, durationMinutes, appointment)) : false;
        const past = iso ? new Date(iso).getTime() < now : true;
        return (
          <button
            key={time}
            type="button"
            disabled={disabled || taken || past}
            onClick={() => onPick(time)}
            aria-pressed={selected === time}
            className={cn(
              "rounded-md border px-2 py-1 text-xs font-medium disabled:cursor-not-allowed",
              selected === time ? "border-primary bg-primary text-primary-foreground" : "hover:bg-accent",
              taken && "border-transparent bg-slate-200 text-slate-500 line-through",
              past && !taken && "opacity-40",
            )}
            data-testid={`slot-${time}`}
            data-taken={taken}
          >
            {time}
          </button>
        );
      })}
    </div>
  );
}
