"use client";

import { useState, type FormEvent } from "react";
import { PASSWORD_MIN } from "@/components/users/user-create-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField, TextField } from "@/components/ui/form-field";
import { RoleSelect } from "@/components/users/role-select";
import { useFormErrors } from "@/hooks/use-form-errors";
import { useUpdateUser, type UserAccount, type UserChanges } from "@/hooks/use-users";
import type { Role } from "@/lib/api/types";
import { roleLabel } from "@/lib/permissions";

const isKnown = (path: string) => path === "role" || path === "password";

interface UserManagePanelProps {
  user: UserAccount;
  /** Roles this user may be given: none for a super admin, whose role cannot change here. */
  roles: Role[];
  /** The signed-in administrator's own account: no disabling it, no changing its role. */
  isSelf: boolean;
  onDone: () => void;
}

/** Per-user changes: role, disable or enable, password reset. Each ends the user's sessions. */
export function UserManagePanel({ user, roles, isSelf, onDone }: UserManagePanelProps) {
  const update = useUpdateUser();
  const form = useFormErrors(isKnown);
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const prefix = `user-${user.id}`;

  function send(changes: UserChanges, done: string) {
    form.clear();
    setNotice(null);
    update.mutate(
      { id: user.id, ...changes },
      {
        onSuccess: () => {
          setPassword("");
          setNotice(done);
        },
        onError: form.showServerError,
      },
    );
  }

  function changeRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (role !== user.role) send({ role }, `Role changed to ${roleLabel(role)}; their sessions end within 15 minutes.`);
  }

  function resetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < PASSWORD_MIN) {
      form.clear();
      return form.setFieldErrors({ password: `At least ${PASSWORD_MIN} characters.` });
    }
    send({ password }, "Password reset; give the new one to the user.");
  }

  return (
    <div className="flex flex-col gap-4 rounded-md border bg-muted/30 p-4" data-testid="user-manage-panel">
      <FormError messages={form.messages} testId="user-manage-error" />
      {notice ? (
        <p className="text-sm text-emerald-700" role="status" data-testid="user-manage-notice">
          {notice}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-6">
        {!isSelf && roles.length > 1 ? (
          <form className="flex items-end gap-2" onSubmit={changeRole} noValidate data-testid="user-role-form">
            <FormField id={`${prefix}-role`} label="Role" error={form.fieldErrors.role}>
              <RoleSelect
                id={`${prefix}-role`}
                value={role}
                roles={roles}
                disabled={update.isPending}
                invalid={Boolean(form.fieldErrors.role)}
                onChange={setRole}
                testId="user-role-change-select"
              />
            </FormField>
            <Button type="submit" size="sm" disabled={update.isPending || role === user.role} data-testid="user-role-save">
              Change role
            </Button>
          </form>
        ) : null}
        <form className="flex items-end gap-2" onSubmit={resetPassword} noValidate data-testid="user-password-form">
          <TextField id={`${prefix}-password`} testId="user-password-reset-input" label="New password" error={form.fieldErrors.password} type="password"
            value={password} autoComplete="new-password" disabled={update.isPending} onValueChange={setPassword} />
          <Button type="submit" size="sm" disabled={update.isPending} data-testid="user-password-reset">
            Reset password
          </Button>
        </form>
        {!isSelf ? (
          <Button
            size="sm"
            variant={user.isActive ? "destructive" : "outline"}
            disabled={update.isPending}
            onClick={() =>
              send(
                { active: !user.isActive },
                user.isActive ? "Disabled; their sessions end within 15 minutes." : "Enabled; they can log in again.",
              )
            }
            data-testid="user-active-toggle"
          >
            {user.isActive ? "Disable" : "Enable"}
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onDone} data-testid="user-manage-close">
          Close
        </Button>
      </div>
    </div>
  );
}
