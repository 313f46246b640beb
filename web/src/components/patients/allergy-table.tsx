import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHeadings, TableRow } from "@/components/ui/table";
import type { Allergy } from "@/lib/api/types";
import { capitalize } from "@/lib/format";

export function AllergyTable({ allergies }: { allergies: Allergy[] }) {
  if (allergies.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="allergies-none">
        No known allergies.
      </p>
    );
  }
  return (
    <Table data-testid="allergy-table">
      <TableHeadings headings={["Substance", "Class", "Reaction", "Severity"]} />
      <TableBody>
        {allergies.map((allergy, index) => (
          <TableRow key={`${allergy.substance}-${index}`} data-testid="allergy-row">
            <TableCell className="font-medium" data-testid="allergy-substance">
              {allergy.substance}
            </TableCell>
            <TableCell>{allergy.class || "—"}</TableCell>
            <TableCell>{allergy.reaction || "—"}</TableCell>
            <TableCell>
              <Badge variant={allergy.severity} data-testid="allergy-severity">
                {capitalize(allergy.severity)}
              </Badge>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
