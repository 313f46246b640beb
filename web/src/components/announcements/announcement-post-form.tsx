"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { usePostAnnouncement } from "@/hooks/use-announcements";
import { errorMessage, normalizeFieldPath, problemOf } from "@/lib/problem";

const TITLE_MAX = 200;
const BODY_MAX = 5000;

/** Title + body form for posting an announcement to everyone in the hospital. */
export function AnnouncementPostForm() {
  const post = usePostAnnouncement();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<{ title?: string; body?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: { title?: string; body?: string } = {};
    if (!title.trim()) found.title = "Title is required.";
    else if (title.trim().length > TITLE_MAX) found.title = `At most ${TITLE_MAX} characters.`;
    if (!body.trim()) found.body = "Message is required.";
    else if (body.trim().length > BODY_MAX) found.body = `At most ${BODY_MAX} characters.`;
    setErrors(found);
    setFormError(null);
    if (found.title || found.body) return;

    post.mutate(
      { title: title.trim(), body: body.trim() },
      {
        onSuccess: () => {
          setTitle("");
          setBody("");
        },
        onError: (error) => {
          const fieldErrors: { title?: string; body?: string } = {};
          for (const entry of problemOf(error)?.errors ?? []) {
            const path = normalizeFieldPath(entry.field ?? "");
            if (path === "title" || path === "body") fieldErrors[path] = entry.message;
          }
          setErrors(fieldErrors);
          if (!fieldErrors.title && !fieldErrors.body) setFormError(errorMessage(error));
        },
      },
    );
  }

  return (
    <form className="flex flex-col gap-3" onSubmit={handleSubmit} noValidate data-testid="announcement-form">
      {formError ? (
        <Alert variant="destructive" data-testid="announcement-form-error">
          {formError}
        </Alert>
      ) : null}
      <FormField id="announcement-title" label="Title" error={errors.title}>
        <Input
          id="announcement-title"
          value={title}
          maxLength={TITLE_MAX}
          disabled={post.isPending}
          aria-invalid={Boolean(errors.title)}
          onChange={(event) => setTitle(event.target.value)}
          data-testid="announcement-title-input"
        />
      </FormField>
      <FormField id="announcement-body" label="Message" error={errors.body}>
        <Textarea
          id="announcement-body"
          value={body}
          disabled={post.isPending}
          aria-invalid={Boolean(errors.body)}
          onChange={(event) => setBody(event.target.value)}
          data-testid="announcement-body-input"
        />
      </FormField>
      <div>
        <Button type="submit" disabled={post.isPending} data-testid="announcement-submit">
          {post.isPending ? "Posting…" : "Post announcement"}
        </Button>
      </div>
    </form>
  );
}
