// A bar chart with its table twin: the chart for the eye, the table for screen readers and the
// keyboard (a toggle switches; the table is what the server renders, the chart needs the browser
// to measure). A click on a bar, or the link in its table row, opens the conversations behind it.
import { useState } from "react";
import { useNavigate } from "@remix-run/react";
import { BlockStack, Button, Card, DataTable, InlineStack, Link, Text } from "@shopify/polaris";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "../use-hydrated";

export interface ChartRow {
  /** The bar's label on the axis and in the table. */
  label: string;
  values: number[];
  /** The drill-down URL per series (null: nothing to open). */
  hrefs: Array<string | null>;
}

export interface ChartCardProps {
  id: string;
  title: string;
  definition: string;
  series: Array<{ name: string; color: string }>;
  rows: ChartRow[];
  format?: (value: number) => string;
  emptyText: string;
}

export function ChartCard({ id, title, definition, series, rows, format = String, emptyText }: ChartCardProps) {
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const [view, setView] = useState<"chart" | "table">("chart");
  const empty = rows.every((r) => r.values.every((v) => v === 0));
  const showChart = hydrated && view === "chart" && !empty;
  const data = rows.map((r) =>
    Object.fromEntries([["label", r.label], ...series.map((s, i) => [s.name, r.values[i]])]),
  );
  const total = rows.reduce((sum, r) => sum + r.values.reduce((a, b) => a + b, 0), 0);

  return (
    <section aria-labelledby={`${id}-title`} data-testid={`${id}-card`}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd" id={`${id}-title`}>
              {title}
            </Text>
            {empty ? null : (
              <Button
                variant="plain"
                onClick={() => setView(view === "chart" ? "table" : "chart")}
                disabled={!hydrated}
                accessibilityLabel={view === "chart" ? `Show ${title} as a table` : `Show ${title} as a chart`}
              >
                {view === "chart" ? "Show table" : "Show chart"}
              </Button>
            )}
          </InlineStack>
          {empty ? (
            <Text as="p" tone="subdued">
              {emptyText}
            </Text>
          ) : showChart ? (
            <div
              role="img"
              aria-label={`${title}: bar chart of ${rows.length} bars, ${format(total)} in all. Use "Show table" for the figures.`}
              data-testid={`${id}-chart`}
              style={{ width: "100%", height: 260 }}
            >
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
                  <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
                  <Tooltip formatter={(v) => format(Number(v))} />
                  {series.length > 1 ? <Legend /> : null}
                  {series.map((s, i) => (
                    <Bar
                      key={s.name}
                      dataKey={s.name}
                      fill={s.color}
                      cursor="pointer"
                      isAnimationActive={false}
                      onClick={(_, index) => {
                        const href = rows[index]?.hrefs[i];
                        if (href) navigate(href);
                      }}
                    />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            <div data-testid={`${id}-table`}>
              <DataTable
                columnContentTypes={["text", ...series.map(() => "numeric" as const), "text"]}
                headings={["", ...series.map((s) => s.name), "Conversations"]}
                rows={rows.map((r) => [
                  r.label,
                  ...r.values.map((v) => format(v)),
                  r.hrefs.some((h) => h) && r.values.some((v) => v > 0) ? (
                    <Link
                      key={r.label}
                      url={r.hrefs.find((h) => h) ?? undefined}
                      accessibilityLabel={`Open the conversations for ${r.label}`}
                    >
                      View
                    </Link>
                  ) : (
                    ""
                  ),
                ])}
              />
            </div>
          )}
          <Text as="p" variant="bodySm" tone="subdued">
            {definition}
          </Text>
        </BlockStack>
      </Card>
    </section>
  );
}
