"use client";

import { NativeSelect } from "@/components/ui/native-select";
import type { Role } from "@/lib/api/types";
import { roleLabel } from "@/lib/permissions";

interface RoleSelectProps {
  id: string;
  value: Role;
  /** The roles the signed-in administrator may give. */
  roles: Role[];
  disabled: boolean;
  invalid: boolean;
  onChange: (role: Role) => void;
  testId: string;
}

/** A choice of role, shown by its label; used where users are created and changed. */
export function RoleSelect({ id, value, roles, disabled, invalid, onChange, testId }: RoleSelectProps) {
  return (
    <NativeSelect
      id={id}
      value={value}
      disabled={disabled}
      aria-invalid={invalid}
      onChange={(event) => onChange(event.target.value as Role)}
      data-testid={testId}
    >
      {roles.map((option) => (
        <option key={option} value={option}>
          {roleLabel(option)}
        </option>
      ))}
    </NativeSelect>
  );
}
