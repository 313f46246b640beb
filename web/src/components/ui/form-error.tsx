import { Alert } from "@/components/ui/alert";

/** Errors of a form that belong to no single field (a 409, a server detail), shown above it. */
export function FormError({ messages, testId }: { messages: string[]; testId: string }) {
  if (messages.length === 0) return null;
  return (
    <Alert variant="destructive" data-testid={testId}>
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul className="list-disc pl-4">
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
