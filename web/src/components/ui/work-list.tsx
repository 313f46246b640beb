import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";

export interface WorkListColumn<T> {
  header?: ReactNode;
  /** On the header and the cells. */
  className?: string;
  /** On the cells only. */
  cellClassName?: string;
  cell: (item: T) => ReactNode;
}

interface WorkListProps<T> {
  /** Test ids `<testId>-table`, `<testId>-row`, `<testId>-open` and `<testId>-empty`. */
  testId: string;
  items: T[];
  itemKey: (item: T) => string;
  /** `data-*` attributes of an item's row. */
  rowAttributes?: (item: T) => Record<string, string>;
  columns: WorkListColumn<T>[];
  selectedKey: string | null;
  onOpen: (item: T) => void;
  emptyText: string;
}

/** Items waiting for work, one row each with an Open button; the open one is highlighted. */
export function WorkList<T>({ testId, items, itemKey, rowAttributes, columns, selectedKey, onOpen, emptyText }: WorkListProps<T>) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid={`${testId}-empty`}>
        {emptyText}
      </p>
    );
  }
  return (
    <Table data-testid={`${testId}-table`}>
      <TableHeadings headings={[...columns.map((column) => ({ label: column.header, className: column.className })), ""]} />
      <TableBody>
        {items.map((item) => {
          const key = itemKey(item);
          const selected = key === selectedKey;
          return (
            <TableRow
              key={key}
              data-testid={`${testId}-row`}
              {...rowAttributes?.(item)}
              aria-selected={selected}
              className={selected ? "bg-primary/5" : undefined}
            >
              {columns.map((column, index) => (
                <TableCell key={index} className={cn(column.className, column.cellClassName) || undefined}>
                  {column.cell(item)}
                </TableCell>
              ))}
              <TableCell className="text-right">
                <Button size="sm" variant={selected ? "default" : "outline"} onClick={() => onOpen(item)} data-testid={`${testId}-open`}>
                  Open
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** A patient's name over their MRN and when the work arrived (and what else the list adds). */
export function PatientCell({ patient, at, badge, after }: { patient: { name: string; mrn: string }; at: string; badge?: ReactNode; after?: ReactNode }) {
  return (
    <>
      <div className="flex items-center gap-2 font-medium">
        {patient.name}
        {badge}
      </div>
      <div className="text-xs text-muted-foreground">
        <span className="font-mono">{patient.mrn}</span> · {formatDateTime(at)}
        {after}
      </div>
    </>
  );
}
