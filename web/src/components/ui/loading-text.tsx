export function LoadingText({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="py-6 text-sm text-muted-foreground" role="status" data-testid="loading">
      {label}
    </p>
  );
}
