import * as React from "react";
import { cn } from "@/lib/utils";

export function Table({ className, ...props }: React.TableHTMLAttributes<HTMLTableElement>) {
  return (
    <div className="relative w-full overflow-auto">
      <table className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}

export function TableHeader({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("[&_tr]:border-b", className)} {...props} />;
}

export function TableBody({ className, ...props }: React.HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TableRow({ className, ...props }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("border-b transition-colors hover:bg-muted/50", className)} {...props} />;
}

export function TableHead({ className, ...props }: React.ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      className={cn("h-10 px-3 text-left align-middle font-medium text-muted-foreground", className)}
      {...props}
    />
  );
}

export function TableCell({ className, ...props }: React.TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("p-3 align-middle", className)} {...props} />;
}

/** A heading: its text, or its text and the class of its column (`text-right`). */
export type Heading = string | { label: React.ReactNode; className?: string };

/** The header row of a table, one heading a column; "" leaves a column unnamed (its buttons). */
export function TableHeadings({ headings }: { headings: readonly Heading[] }) {
  return (
    <TableHeader>
      <TableRow>
        {headings.map((heading, index) =>
          typeof heading === "string" ? (
            <TableHead key={index}>{heading || null}</TableHead>
          ) : (
            <TableHead key={index} className={heading.className}>
              {heading.label}
            </TableHead>
          ),
        )}
      </TableRow>
    </TableHeader>
  );
}
