"use client";

import { useCallback, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { PharmacyTabs } from "@/components/pharmacy/pharmacy-tabs";
import { StockPanel } from "@/components/pharmacy/stock-panel";
import { PaginationControls } from "@/components/patients/pagination-controls";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { LoadingText } from "@/components/ui/loading-text";
import { WorkList } from "@/components/ui/work-list";
import { useCurrentUser } from "@/hooks/use-current-user";
import { useDebouncedValue } from "@/hooks/use-debounced-value";
import { usePageTitle } from "@/hooks/use-page-title";
import { FORMULARY_PAGE_SIZE, useFormulary, useFormularyEntry } from "@/hooks/use-pharmacy";
import { hasPermission } from "@/lib/permissions";
import { errorMessage } from "@/lib/problem";

/** The pharmacy's formulary with stock on hand, a low-stock filter, receipts and adjustments. */
export function StockScreen() {
  usePageTitle("Pharmacy stock");
  const router = useRouter();
  const params = useSearchParams();
  const { data: user } = useCurrentUser();
  // Kept here as well as in the address, so the box changes at once when clicked.
  const [lowStock, setLowStock] = useState(params.get("low") === "1");
  const selected = params.get("drug");
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(1);
  const q = useDebouncedValue(query.trim(), 250);
  const formulary = useFormulary({ q, lowStock, page });
  const entry = useFormularyEntry(selected);

  const go = useCallback(
    (next: { low: boolean; drug: string | null }) => {
      const search = new URLSearchParams();
      if (next.low) search.set("low", "1");
      if (next.drug) search.set("drug", next.drug);
      const text = search.toString();
      router.replace(`/pharmacy/stock/${text ? `?${text}` : ""}`);
    },
    [router],
  );

  const entries = formulary.data?.items ?? [];
  return (
    <div data-testid="pharmacy-stock">
      <PharmacyTabs />
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader className="flex flex-col gap-4">
            <div className="flex flex-col gap-1.5">
              <CardTitle>Formulary stock</CardTitle>
              <CardDescription>
                <span data-testid="stock-count">{formulary.data?.total ?? 0}</span> {lowStock ? "drugs at or under their reorder level" : "drugs on the formulary"}
              </CardDescription>
            </div>
            <div className="flex flex-wrap items-center gap-4">
              <Input
                type="search"
                className="max-w-xs"
                placeholder="Drug name"
                aria-label="Search the formulary"
                value={query}
                onChange={(event) => {
                  setQuery(event.target.value);
                  setPage(1);
                }}
                data-testid="stock-search"
              />
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={lowStock}
                  onChange={(event) => {
                    setPage(1);
                    setLowStock(event.target.checked);
                    go({ low: event.target.checked, drug: selected });
                  }}
                  data-testid="stock-low-filter"
                />
                Low stock only
              </label>
            </div>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {formulary.error ? <Alert variant="destructive">{errorMessage(formulary.error)}</Alert> : null}
            {formulary.isPending && !formulary.error ? <LoadingText /> : null}
            {formulary.data ? (
              <WorkList
                testId="stock"
                items={entries}
                itemKey={(item) => item.drugId}
                rowAttributes={(item) => ({ "data-drug-id": item.drugId })}
                columns={[
                  {
                    header: "Drug",
                    cell: (item) => (
                      <>
                        <div className="font-medium">{item.drugName}</div>
                        <div className="text-xs text-muted-foreground">{[item.strength, item.unit].filter(Boolean).join(" · ")}</div>
                      </>
                    ),
                  },
                  {
                    header: "On hand",
                    className: "text-right",
                    cell: (item) => (
                      <>
                        <span className="font-mono" data-testid="stock-on-hand">
                          {item.quantityOnHand}
                        </span>
                        {!item.inStock ? (
                          <Badge variant="critical" className="ml-2">
                            Out
                          </Badge>
                        ) : item.lowStock ? (
                          <Badge variant="warning" className="ml-2" data-testid="stock-low-badge">
                            Low
                          </Badge>
                        ) : null}
                      </>
                    ),
                  },
                  { header: "Reorder at", className: "text-right", cellClassName: "font-mono", cell: (item) => item.reorderLevel },
                ]}
                selectedKey={selected}
                onOpen={(item) => go({ low: lowStock, drug: item.drugId })}
                emptyText="No drug matches."
              />
            ) : null}
            {formulary.data && formulary.data.total > FORMULARY_PAGE_SIZE ? (
              <PaginationControls page={page} pageSize={FORMULARY_PAGE_SIZE} total={formulary.data.total} onPageChange={setPage} />
            ) : null}
          </CardContent>
        </Card>
        <Card data-testid="stock-detail-card">
          <CardHeader>
            <CardTitle>Stock movements</CardTitle>
          </CardHeader>
          <CardContent>
            {!selected ? <p className="text-sm text-muted-foreground">Open a drug to receive or adjust its stock.</p> : null}
            {selected && entry.error ? <Alert variant="destructive">{errorMessage(entry.error)}</Alert> : null}
            {selected && entry.isPending ? <LoadingText /> : null}
            {entry.data ? <StockPanel entry={entry.data} canManage={hasPermission(user, "formulary:manage")} /> : null}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
