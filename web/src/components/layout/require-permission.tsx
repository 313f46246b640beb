"use client";

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { useCurrentUser } from "@/hooks/use-current-user";
import type { Permission } from "@/lib/permissions";
import { hasPermission } from "@/lib/permissions";

/** Renders its children only for users holding `permission`; others get a short notice. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: user } = useCurrentUser();
  if (!user) return null;
  if (!hasPermission(user, permission)) {
    return (
      <Alert variant="warning" data-testid="permission-denied">
        You do not have access to this page.
      </Alert>
    );
  }
  return <>{children}</>;
}
