// A grouped (horizontal) bar chart of the marketing KPIs with its table twin: the chart for the eye, the table for
// screen readers and the keyboard (a toggle switches; the server renders the table, the chart needs
// the browser to measure). A bar or the table row's link opens the flow's message log or the campaign's page.
import { useState } from "react";
import { useNavigate } from "@remix-run/react";
import { BlockStack, Button, Card, DataTable, InlineStack, Link, Text } from "@shopify/polaris";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useHydrated } from "../use-hydrated";

export interface MarketingChartRow {
  label: string;
  values: number[];
  /** Where a click on the row's bars leads (the flow's message log, the campaign's page), or null. */
  href: string | null;
  /** What the link says to a screen reader; the flow's message log when not given. */
  hrefLabel?: string;
}

export interface MarketingChartProps {
  id: string;
  title: string;
  definition: string;
  series: Array<{ name: string; color: string }>;
  rows: MarketingChartRow[];
  format: (value: number) => string;
  emptyText: string;
}

/** Room for each flow's group of bars, plus the axis and legend. */
function chartHeight(rows: number, series: number): number {
  return Math.max(180, 72 + rows * (series * 12 + 20));
}

export function MarketingChart({ id, title, definition, series, rows, format, emptyText }: MarketingChartProps) {
  const hydrated = useHydrated();
  const navigate = useNavigate();
  const [view, setView] = useState<"chart" | "table">("chart");
  const empty = rows.every((r) => r.values.every((v) => v === 0));
  const showChart = hydrated && view === "chart" && !empty;
  const data = rows.map((r) =>
    Object.fromEntries([["label", r.label], ...series.map((s, i) => [s.name, r.values[i]])]),
  );

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h3" variant="headingMd">
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
            aria-label={`${title}: bar chart, ${rows.length} rows. Use "Show table" for the figures.`}
            data-testid={`${id}-chart`}
            style={{ width: "100%", height: chartHeight(rows.length, series.length) }}
          >
            <ResponsiveContainer width="100%" height="100%">
              {/* Bars run across, names down the side: flow names stay readable however many flows there are. */}
              <BarChart layout="vertical" data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis
                  type="number"
                  allowDecimals={false}
                  tick={{ fontSize: 12 }}
                  tickFormatter={(v) => format(Number(v))}
                />
                <YAxis type="category" dataKey="label" tick={{ fontSize: 12 }} width={150} interval={0} />
                <Tooltip formatter={(v) => format(Number(v))} />
                {series.length > 1 ? <Legend /> : null}
                {series.map((s) => (
                  <Bar
                    key={s.name}
                    dataKey={s.name}
                    fill={s.color}
                    cursor="pointer"
                    isAnimationActive={false}
                    onClick={(_, index) => {
                      const href = rows[index]?.href;
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
              headings={["Flow or campaign", ...series.map((s) => s.name), "Details"]}
              rows={rows.map((r) => [
                r.label,
                ...r.values.map((v) => format(v)),
                r.href ? (
                  <Link
                    key={r.label}
                    url={r.href}
                    accessibilityLabel={r.hrefLabel ?? `Open the message log of ${r.label}`}
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
  );
}
