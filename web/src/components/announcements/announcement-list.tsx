import type { Announcement } from "@/lib/api/types";
import { formatDateTime } from "@/lib/format";

export function AnnouncementList({ announcements }: { announcements: Announcement[] }) {
  if (announcements.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-muted-foreground" data-testid="announcement-list-empty">
        No announcements yet.
      </p>
    );
  }
  return (
    <ul className="flex flex-col gap-3" data-testid="announcement-list">
      {announcements.map((announcement) => (
        <li
          key={announcement.id}
          className="rounded-lg border bg-card p-4"
          data-testid="announcement-item"
          data-announcement-id={announcement.id}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="font-semibold" data-testid="announcement-title">
              {announcement.title}
            </h3>
            <span className="text-xs text-muted-foreground">
              {announcement.author?.name} · {formatDateTime(announcement.createdAt)}
            </span>
          </div>
          <p className="mt-2 whitespace-pre-wrap text-sm" data-testid="announcement-body">
            {announcement.body}
          </p>
        </li>
      ))}
    </ul>
  );
}
