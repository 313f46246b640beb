"use client";

import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";
import { FormField, SelectField, TextField } from "@/components/ui/form-field";
import { RoleSelect } from "@/components/users/role-select";
import { useFormErrors } from "@/hooks/use-form-errors";
import type { Hospital } from "@/hooks/use-hospitals";
import { useCreateUser } from "@/hooks/use-users";
import type { Role } from "@/lib/api/types";
import { statusOf, errorMessage } from "@/lib/problem";

export const PASSWORD_MIN = 12;

const FIELDS = ["name", "email", "role", "hospital", "password"];
const isKnown = (path: string) => FIELDS.includes(path);

interface UserCreateFormProps {
  /** The roles the signed-in administrator may give. */
  roles: Role[];
  /** Hospitals to choose from (super admins); null when the user joins the admin's own hospital. */
  hospitals: Hospital[] | null;
}

/** Creates a user account; the server's errors are shown beside the field they concern. */
export function UserCreateForm({ roles, hospitals }: UserCreateFormProps) {
  const create = useCreateUser();
  const form = useFormErrors(isKnown);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("nurse") ? "nurse" : roles[0]);
  const [hospital, setHospital] = useState("");
  const [password, setPassword] = useState("");
  const choosesHospital = hospitals !== null && role !== "super_admin";

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = "Give the user's name.";
    if (!email.trim()) found.email = "Give the user's email address.";
    if (choosesHospital && !hospital) found.hospital = "Choose the user's hospital.";
    if (password.length < PASSWORD_MIN) found.password = `At least ${PASSWORD_MIN} characters.`;
    if (Object.keys(found).length > 0) return form.setFieldErrors(found);
    create.mutate(
      {
        name: name.trim(),
        email: email.trim(),
        role,
        password,
        ...(choosesHospital ? { hospital } : {}),
      },
      {
        onSuccess: () => {
          setName("");
          setEmail("");
          setPassword("");
        },
        onError: (error) => {
          // A duplicate email (409) or an unknown hospital (404) belongs beside its field.
          const status = statusOf(error);
          if (status === 409) return form.setFieldErrors({ email: errorMessage(error) });
          if (status === 404 && choosesHospital) return form.setFieldErrors({ hospital: errorMessage(error) });
          form.showServerError(error);
        },
      },
    );
  }

  return (
    <form className="flex flex-col gap-3" onSubmit={handleSubmit} noValidate data-testid="user-create-form">
      <FormError messages={form.messages} testId="user-create-form-error" />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField id="user-name" testId="user-name-input" label="Name" error={form.fieldErrors.name} value={name} maxLength={200}
          disabled={create.isPending} onValueChange={setName} />
        <TextField id="user-email" testId="user-email-input" label="Email" error={form.fieldErrors.email} type="email" value={email} maxLength={254}
          autoComplete="off" disabled={create.isPending} onValueChange={setEmail} />
        <FormField id="user-role" label="Role" error={form.fieldErrors.role}>
          <RoleSelect
            id="user-role"
            value={role}
            roles={roles}
            disabled={create.isPending}
            invalid={Boolean(form.fieldErrors.role)}
            onChange={setRole}
            testId="user-role-select"
          />
        </FormField>
        {hospitals !== null ? (
          <SelectField id="user-hospital" testId="user-hospital-select" label="Hospital" error={form.fieldErrors.hospital}
            hint={choosesHospital ? undefined : "A super admin belongs to no hospital."} value={choosesHospital ? hospital : ""}
            disabled={create.isPending || !choosesHospital} onValueChange={setHospital} placeholder={choosesHospital ? "Choose a hospital" : "None"}
            options={hospitals.map((option) => ({ value: option.slug, label: option.name }))} />
        ) : null}
        <TextField id="user-password" testId="user-password-input" label="Password" error={form.fieldErrors.password}
          hint={`At least ${PASSWORD_MIN} characters; give it to the user to sign in.`} type="password" value={password} autoComplete="new-password"
          disabled={create.isPending} onValueChange={setPassword} />
      </div>
      <FormActions testId="user-create" busy={create.isPending} submitLabel="Create user" busyLabel="Creating…" />
    </form>
  );
}
