import { Alert } from "@/components/ui/alert";

/** Errors that belong to no single field, shown above the form. */
export function FormMessagesBanner({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert variant="destructive" data-testid="patient-form-error">
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
