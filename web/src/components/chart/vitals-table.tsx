import { News2Badge } from "@/components/clinical/news2-badge";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import type { VitalsSet } from "@/lib/api/types";
import { capitalize, formatDateTime } from "@/lib/format";

function show(value: number | null, unit = ""): string {
  return value == null ? "—" : `${value}${unit}`;
}

/** The sets of the range as a table, newest first. */
export function VitalsTable({ items }: { items: VitalsSet[] }) {
  const rows = [...items].reverse();
  return (
    <Table data-testid="vitals-table">
      <TableHeadings headings={["Recorded", "RR", "SpO2", "O2", "BP", "Pulse", "ACVPU", "Temp", "NEWS2"]} />
      <TableBody>
        {rows.map((set) => (
          <TableRow key={set.id} data-testid="vitals-row" data-vitals-id={set.id}>
            <TableCell className="whitespace-nowrap">{formatDateTime(set.recordedAt)}</TableCell>
            <TableCell>{show(set.respirationRate)}</TableCell>
            <TableCell>{show(set.spo2, "%")}</TableCell>
            <TableCell>{set.onOxygen == null ? "—" : set.onOxygen ? "O2" : "Air"}</TableCell>
            <TableCell>
              {set.systolicBp == null ? "—" : `${set.systolicBp}${set.diastolicBp != null ? `/${set.diastolicBp}` : ""}`}
            </TableCell>
            <TableCell>{show(set.heartRate)}</TableCell>
            <TableCell>{set.consciousness ? capitalize(set.consciousness) : "—"}</TableCell>
            <TableCell>{show(set.temperature, " °C")}</TableCell>
            <TableCell>
              <News2Badge news2={set.news2} testId="vitals-row-news2" />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
