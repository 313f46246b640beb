"use client";

import { RequirePermission } from "@/components/layout/require-permission";
import { UsersScreen } from "@/components/users/users-screen";

export default function UsersPage() {
  return (
    <RequirePermission permission="users:manage">
      <UsersScreen />
    </RequirePermission>
  );
}
