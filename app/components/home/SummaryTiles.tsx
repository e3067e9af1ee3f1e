// The Home page's headline counts: customers, recent orders, open carts, open conversations.
import { InlineGrid } from "@shopify/polaris";
import type { getHomeSummary } from "../../admin-queries/home.server";
import { SummaryTile } from "./SummaryTile";

type Summary = Awaited<ReturnType<typeof getHomeSummary>>;

export function SummaryTiles({ summary }: { summary: Summary }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
      <SummaryTile label="Customers" value={summary.customers} url="/app/customers" linkLabel="View customers" />
      <SummaryTile
        label="Orders, last 90 days"
        value={summary.ordersLast90Days}
        url="/app/analytics"
        linkLabel="View analytics"
      />
      <SummaryTile
        label="Open carts"
        value={summary.openCarts}
        url={summary.cartRecoveryFlowId ? `/app/flows/${summary.cartRecoveryFlowId}` : "/app/flows"}
        linkLabel="Cart recovery"
      />
      <SummaryTile
        label="Open conversations"
        value={summary.openConversations}
        url="/app/inbox"
        linkLabel="Open inbox"
      />
    </InlineGrid>
  );
}
