"use client";

import { useEffect, useRef, useState } from "react";
import { Input } from "@/components/ui/input";
import { useDebouncedValue } from "@/hooks/use-debounced-value";

interface PatientSearchBoxProps {
  initialQuery: string;
  onSearch: (query: string) => void;
}

/** Search by name, MRN or date of birth; reports the query after typing pauses or on Enter. */
export function PatientSearchBox({ initialQuery, onSearch }: PatientSearchBoxProps) {
  const [value, setValue] = useState(initialQuery);
  const debounced = useDebouncedValue(value.trim(), 300);
  const lastSent = useRef(initialQuery);

  // The URL changed from outside (Back, a link): show its query.
  useEffect(() => {
    if (initialQuery === lastSent.current) return;
    lastSent.current = initialQuery;
    setValue(initialQuery);
  }, [initialQuery]);

  useEffect(() => {
    if (debounced === lastSent.current) return;
    lastSent.current = debounced;
    onSearch(debounced);
  }, [debounced, onSearch]);

  return (
    <form
      role="search"
      className="w-full max-w-md"
      onSubmit={(event) => {
        event.preventDefault();
        const query = value.trim();
        lastSent.current = query;
        onSearch(query);
      }}
    >
      <label htmlFor="patient-search" className="sr-only">
        Search patients
      </label>
      <Input
        id="patient-search"
        type="search"
        placeholder="Search by name, MRN or date of birth (YYYY-MM-DD)"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        data-testid="patient-search-input"
      />
    </form>
  );
}
