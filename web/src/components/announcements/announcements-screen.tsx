"use client";

import { AnnouncementList } from "@/components/announcements/announcement-list";
import { AnnouncementPostForm } from "@/components/announcements/announcement-post-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { useAnnouncements } from "@/hooks/use-announcements";
import { useCurrentUser } from "@/hooks/use-current-user";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";
import { usePageTitle } from "@/hooks/use-page-title";

/** Hospital announcements, newest first; new ones arrive live through the layout's socket. */
export function AnnouncementsScreen() {
  usePageTitle("Announcements");
  const { data: user } = useCurrentUser();
  const hasHospital = Boolean(user?.hospital);
  const { data, error, isPending } = useAnnouncements(hasHospital);

  if (user && !hasHospital) {
    return (
      <Alert variant="warning" data-testid="announcements-no-hospital">
        Announcements belong to a hospital; this account is not attached to one.
      </Alert>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      {hasPermission(user, "announcements:post") ? (
        <Card>
          <CardHeader>
            <CardTitle>Post an announcement</CardTitle>
            <CardDescription>Everyone in {user?.hospital?.name} sees it immediately.</CardDescription>
          </CardHeader>
          <CardContent>
            <AnnouncementPostForm />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>Announcements</CardTitle>
        </CardHeader>
        <CardContent>
          {error ? (
            <Alert variant="destructive" data-testid="announcement-list-error">
              {errorMessage(error)}
            </Alert>
          ) : null}
          {isPending && !error ? <LoadingText /> : null}
          {data ? <AnnouncementList announcements={data.items} /> : null}
        </CardContent>
      </Card>
    </div>
  );
}
