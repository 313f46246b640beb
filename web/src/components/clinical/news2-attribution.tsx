import { NEWS2_ATTRIBUTION } from "@/lib/news2";
import { cn } from "@/lib/utils";

/** The Royal College of Physicians' attribution, required wherever NEWS2 is shown. */
export function News2Attribution({ className }: { className?: string }) {
  return (
    <p className={cn("text-xs text-muted-foreground", className)} data-testid="news2-attribution">
      {NEWS2_ATTRIBUTION}
    </p>
  );
}
