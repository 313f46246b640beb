"use client";

import { useState, type ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "@/hooks/use-debounced-value";

/** What a lookup found for the typed text. */
export interface Matches<T> {
  isPending: boolean;
  items: T[];
}

interface SearchComboboxProps<T> {
  /** The input's id; test ids `<id>-search`, `<id>-options`, `<id>-option`, `<id>-no-match`, `<id>-error`. */
  id: string;
  placeholder: string;
  disabled?: boolean;
  error?: string;
  /** A hook looking up matches for the (debounced, trimmed) text; called on every render. */
  useMatches: (query: string) => Matches<T>;
  optionKey: (item: T) => string;
  renderOption: (item: T) => ReactNode;
  /** Extra attributes of an option's button (`data-*`, `title`). */
  optionAttributes?: (item: T) => Record<string, string | boolean | undefined>;
  optionDisabled?: (item: T) => boolean;
  noMatchText: string;
  onPick: (item: T) => void;
}

/** Search as you type (from two characters); picking an option clears the text. */
export function SearchCombobox<T>({
  id,
  placeholder,
  disabled,
  error,
  useMatches,
  optionKey,
  renderOption,
  optionAttributes,
  optionDisabled,
  noMatchText,
  onPick,
}: SearchComboboxProps<T>) {
  const [query, setQuery] = useState("");
  const debounced = useDebouncedValue(query.trim(), 250);
  const matches = useMatches(debounced);
  const open = debounced.length >= 2;

  return (
    <>
      <Input
        id={id}
        type="search"
        autoComplete="off"
        placeholder={placeholder}
        value={query}
        disabled={disabled}
        aria-invalid={Boolean(error)}
        onChange={(event) => setQuery(event.target.value)}
        data-testid={`${id}-search`}
      />
      {error ? (
        <p className="text-xs text-destructive" data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {open ? (
        <ul className="max-h-56 overflow-auto rounded-md border bg-card" data-testid={`${id}-options`}>
          {matches.isPending ? <li className="px-3 py-2 text-sm text-muted-foreground">Searching…</li> : null}
          {!matches.isPending && matches.items.length === 0 ? (
            <li className="px-3 py-2 text-sm text-muted-foreground" data-testid={`${id}-no-match`}>
              {noMatchText}
            </li>
          ) : null}
          {matches.items.map((item) => (
            <li key={optionKey(item)}>
              <button
                type="button"
                className="flex w-full items-baseline gap-2 px-3 py-1.5 text-left text-sm hover:bg-accent disabled:cursor-not-allowed disabled:opacity-50"
                disabled={disabled || optionDisabled?.(item)}
                onClick={() => {
                  onPick(item);
                  setQuery("");
                }}
                data-testid={`${id}-option`}
                {...optionAttributes?.(item)}
              >
                {renderOption(item)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
