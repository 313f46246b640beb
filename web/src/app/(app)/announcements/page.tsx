"use client";

import { AnnouncementsScreen } from "@/components/announcements/announcements-screen";

export default function AnnouncementsPage() {
  return <AnnouncementsScreen />;
}
