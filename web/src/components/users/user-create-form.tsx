"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
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
        <FormField id="user-name" label="Name" error={form.fieldErrors.name}>
          <Input
            id="user-name"
            value={name}
            maxLength={200}
            disabled={create.isPending}
            aria-invalid={Boolean(form.fieldErrors.name)}
            onChange={(event) => setName(event.target.value)}
            data-testid="user-name-input"
          />
        </FormField>
        <FormField id="user-email" label="Email" error={form.fieldErrors.email}>
          <Input
            id="user-email"
            type="email"
            value={email}
            maxLength={254}
            autoComplete="off"
            disabled={create.isPending}
            aria-invalid={Boolean(form.fieldErrors.email)}
            onChange={(event) => setEmail(event.target.value)}
            data-testid="user-email-input"
          />
        </FormField>
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
          <FormField
            id="user-hospital"
            label="Hospital"
            hint={choosesHospital ? undefined : "A super admin belongs to no hospital."}
            error={form.fieldErrors.hospital}
          >
            <NativeSelect
              id="user-hospital"
              value={choosesHospital ? hospital : ""}
              disabled={create.isPending || !choosesHospital}
              aria-invalid={Boolean(form.fieldErrors.hospital)}
              onChange={(event) => setHospital(event.target.value)}
              data-testid="user-hospital-select"
            >
              <option value="">{choosesHospital ? "Choose a hospital" : "None"}</option>
              {hospitals.map((option) => (
                <option key={option.slug} value={option.slug}>
                  {option.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        ) : null}
        <FormField
          id="user-password"
          label="Password"
          hint={`At least ${PASSWORD_MIN} characters; give it to the user to sign in.`}
          error={form.fieldErrors.password}
        >
          <Input
            id="user-password"
            type="password"
            value={password}
            autoComplete="new-password"
            disabled={create.isPending}
            aria-invalid={Boolean(form.fieldErrors.password)}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="user-password-input"
          />
        </FormField>
      </div>
      <div>
        <Button type="submit" disabled={create.isPending} data-testid="user-create-submit">
          {create.isPending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
