"use client";

import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/ui/form-actions";
import { FormError } from "@/components/ui/form-error";
import { TextareaField, TextField } from "@/components/ui/form-field";
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
      <FormError messages={formError ? [formError] : []} testId="announcement-form-error" />
      <TextField id="announcement-title" testId="announcement-title-input" label="Title" error={errors.title} value={title} maxLength={TITLE_MAX}
        disabled={post.isPending} onValueChange={setTitle} />
      <TextareaField id="announcement-body" testId="announcement-body-input" label="Message" error={errors.body} value={body}
        disabled={post.isPending} onValueChange={setBody} />
      <FormActions testId="announcement" busy={post.isPending} submitLabel="Post announcement" busyLabel="Posting…" />
    </form>
  );
}
