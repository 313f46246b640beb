import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Shown when the server answered 409: the patient was saved by someone else meanwhile. */
export function EditConflictBanner({ reloading, onReload }: { reloading: boolean; onReload: () => void }) {
  return (
    <Alert variant="warning" className="flex flex-wrap items-center justify-between gap-3" data-testid="patient-form-conflict">
      <span>This record was changed by someone else — reload to see the latest version, then make your changes again.</span>
      <Button type="button" size="sm" variant="outline" disabled={reloading} onClick={onReload} data-testid="patient-form-reload">
        {reloading ? "Reloading…" : "Reload"}
      </Button>
    </Alert>
  );
}
