// The conversations behind one bar of a dashboard chart, each linking to the inbox.
import { BlockStack, Card, DataTable, Link, Text } from "@shopify/polaris";
import type { DrilldownRow } from "../../kpis/drilldown.server";
import { formatDateTime, type ShopFormat } from "../format";
import { channelLabel } from "../StatusBadges";
import { EmptyStateCard } from "../EmptyStateCard";
import { formatSeconds } from "./kpi-format";

export function DrilldownList({
  rows,
  truncated,
  format,
  showSeconds,
  backUrl,
}: {
  rows: DrilldownRow[];
  truncated: boolean;
  format: ShopFormat;
  showSeconds: boolean;
  backUrl: string;
}) {
  if (rows.length === 0)
    return (
      <EmptyStateCard heading="No conversations here" action={{ content: "Back to the dashboard", url: backUrl }}>
        <p>Nothing in this period and with these filters falls in this bar.</p>
      </EmptyStateCard>
    );
  return (
    <Card>
      <BlockStack gap="300">
        <DataTable
          columnContentTypes={["text", "text", "text", "text", ...(showSeconds ? (["numeric"] as const) : [])]}
          headings={["Customer", "Channel", "Status", "When", ...(showSeconds ? ["Time"] : [])]}
          rows={rows.map((r, i) => [
            <Link key={`${r.conversationId}-${i}`} url={`/app/inbox/${r.conversationId}`}>
              {r.customerName ?? "Unknown customer"}
            </Link>,
            channelLabel(r.channel),
            r.status.charAt(0) + r.status.slice(1).toLowerCase(),
            formatDateTime(r.at, format),
            ...(showSeconds ? [formatSeconds(r.seconds)] : []),
          ])}
        />
        {truncated ? (
          <Text as="p" variant="bodySm" tone="subdued">
            Showing the {rows.length} most recent. Narrow the period or export the CSV for all of them.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
