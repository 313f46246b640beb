"use client";

import { useState, type FormEvent } from "react";
import axios from "axios";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TextField } from "@/components/ui/form-field";
import { login } from "@/lib/api-client";
import { errorMessage, statusOf } from "@/lib/problem";

function loginErrorMessage(error: unknown): string {
  const status = statusOf(error);
  if (status === 429 && axios.isAxiosError(error)) {
    const retryAfter = error.response?.headers["retry-after"] as string | undefined;
    const fallback = retryAfter
      ? `Too many attempts. Try again in ${retryAfter} seconds.`
      : "Too many attempts. Try again later.";
    return errorMessage(error, fallback);
  }
  if (status === 401) return errorMessage(error, "Invalid email or password");
  return errorMessage(error);
}

/** Email and password form; calls `onSignedIn` once the tokens are stored. */
export function LoginForm({ onSignedIn }: { onSignedIn: () => Promise<void> | void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await login(email.trim(), password);
      await onSignedIn();
    } catch (caught) {
      setError(loginErrorMessage(caught));
      setSubmitting(false);
    }
  }

  return (
    <form className="flex flex-col gap-4" onSubmit={handleSubmit} noValidate data-testid="login-form">
      <FormError messages={error ? [error] : []} testId="login-error" />
      <TextField id="login-email" label="Email" type="email" autoComplete="username" value={email} onValueChange={setEmail} autoFocus />
      <TextField id="login-password" label="Password" type="password" autoComplete="current-password" value={password} onValueChange={setPassword} />
      <Button type="submit" disabled={submitting} data-testid="login-submit">
        {submitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
