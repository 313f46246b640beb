"use client";

import { useState } from "react";
import { LiveStatusIndicator } from "@/components/layout/live-status-indicator";
import { Button } from "@/components/ui/button";
import { logout } from "@/lib/api-client";
import type { CurrentUser } from "@/lib/api/types";
import { roleLabel } from "@/lib/permissions";

/** Hospital name, the signed-in user's name and role, and the logout button. */
export function TopBar({ user }: { user: CurrentUser }) {
  const [signingOut, setSigningOut] = useState(false);

  async function handleLogout() {
    setSigningOut(true);
    await logout();
  }

  return (
    <header className="flex h-14 items-center justify-between border-b bg-card px-4 shadow-sm">
      <div className="flex items-baseline gap-3">
        <span className="text-lg font-bold text-primary">HMS</span>
        <span className="font-medium" data-testid="topbar-hospital-name">
          {user.hospital?.name ?? "Platform administration"}
        </span>
      </div>
      <div className="flex items-center gap-4">
        {user.hospital ? <LiveStatusIndicator /> : null}
        <div className="text-right text-sm leading-tight">
          <div className="font-medium" data-testid="topbar-user-name">
            {user.name}
          </div>
          <div className="text-muted-foreground" data-testid="topbar-user-role">
            {roleLabel(user.role)}
          </div>
        </div>
        <Button variant="outline" size="sm" onClick={handleLogout} disabled={signingOut} data-testid="logout-button">
          {signingOut ? "Signing out…" : "Log out"}
        </Button>
      </div>
    </header>
  );
}
