"use client";

import { Fragment, useState } from "react";
import { UserCreateForm } from "@/components/users/user-create-form";
import { UserManagePanel } from "@/components/users/user-manage-panel";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { LoadingText } from "@/components/ui/loading-text";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import { useCurrentUser } from "@/hooks/use-current-user";
import { useHospitals } from "@/hooks/use-hospitals";
import { usePageTitle } from "@/hooks/use-page-title";
import { useUsers, type UserAccount } from "@/hooks/use-users";
import type { Role } from "@/lib/api/types";
import { roleLabel } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";

const ALL_ROLES: Role[] = [
  "hospital_admin",
  "doctor",
  "nurse",
  "pharmacist",
  "lab_staff",
  "receptionist",
  "super_admin",
];
const HOSPITAL_ROLES = ALL_ROLES.filter((role) => role !== "super_admin");

/** User accounts for super admins (everyone) and hospital admins (their own hospital). */
export function UsersScreen() {
  usePageTitle("Users");
  const { data: me } = useCurrentUser();
  const isSuper = me?.role === "super_admin";
  const { data: hospitals } = useHospitals(isSuper);
  const { data, error, isPending } = useUsers(Boolean(me));
  const [managing, setManaging] = useState<string | null>(null);

  const hospitalName = (id: string | null): string => {
    if (id === null) return "—";
    if (me?.hospital?.id === id) return me.hospital.name;
    return hospitals?.find((hospital) => hospital.id === id)?.name ?? "—";
  };

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>New user</CardTitle>
          <CardDescription>
            {isSuper ? "Any hospital, or a super admin." : `A user of ${me?.hospital?.name ?? "your hospital"}.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          {me ? (
            <UserCreateForm roles={isSuper ? ALL_ROLES : HOSPITAL_ROLES} hospitals={isSuper ? (hospitals ?? []) : null} />
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Users</CardTitle>
          <CardDescription>
            Disabling a user, changing their role or resetting their password ends their sessions within 15 minutes.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {error ? (
            <Alert variant="destructive" data-testid="user-list-error">
              {errorMessage(error)}
            </Alert>
          ) : isPending ? (
            <LoadingText />
          ) : (
            <Table data-testid="user-list">
              <TableHeadings headings={["Name", "Email", "Role", "Hospital", "Status", ""]} />
              <TableBody>
                {data?.map((user) => (
                  <Fragment key={user.id}>
                    <UserRow
                      user={user}
                      hospital={hospitalName(user.hospitalId)}
                      isSelf={user.id === me?.id}
                      onManage={() => setManaging(managing === user.id ? null : user.id)}
                    />
                    {managing === user.id ? (
                      <TableRow data-testid="user-manage-row" data-email={user.email}>
                        <TableCell colSpan={6}>
                          <UserManagePanel
                            user={user}
                            roles={user.role === "super_admin" ? [] : HOSPITAL_ROLES}
                            isSelf={user.id === me?.id}
                            onDone={() => setManaging(null)}
                          />
                        </TableCell>
                      </TableRow>
                    ) : null}
                  </Fragment>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}

interface UserRowProps {
  user: UserAccount;
  hospital: string;
  isSelf: boolean;
  onManage: () => void;
}

function UserRow({ user, hospital, isSelf, onManage }: UserRowProps) {
  return (
    <TableRow data-testid="user-row" data-email={user.email}>
      <TableCell className="font-medium">
        {user.name}
        {isSelf ? <span className="ml-1 text-xs text-muted-foreground">(you)</span> : null}
      </TableCell>
      <TableCell className="text-xs">{user.email}</TableCell>
      <TableCell data-testid="user-role">{roleLabel(user.role)}</TableCell>
      <TableCell>{hospital}</TableCell>
      <TableCell>
        <Badge variant={user.isActive ? "success" : "muted"} data-testid="user-status">
          {user.isActive ? "Active" : "Disabled"}
        </Badge>
      </TableCell>
      <TableCell className="text-right">
        <Button size="sm" variant="outline" onClick={onManage} data-testid="user-manage">
          Manage
        </Button>
      </TableCell>
    </TableRow>
  );
}
