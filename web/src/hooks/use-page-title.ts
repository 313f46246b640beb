"use client";

import { useEffect } from "react";

/** Sets the browser tab's title to "<title> · HMS" while the calling screen is shown. */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · HMS`;
  }, [title]);
}
