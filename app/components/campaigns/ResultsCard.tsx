// Results per variant and in total (app/campaigns/results/results.server.ts), each count with its
// rate per sent recipient, and the A/B winner by the chosen metric once variants have sent.
import { Banner, BlockStack, Card, DataTable, Text } from "@shopify/polaris";
import { formatMoney, formatNumber, type ShopFormat } from "../format";
import type { CampaignResults } from "../../campaigns/results/results.server";

const METRIC_LABEL: Record<string, string> = {
  clicked: "clicks per recipient",
  replied: "replies per recipient",
  orders: "orders per recipient",
  revenue: "revenue per recipient",
};

function pct(count: number, of: number): string {
  return of > 0 ? ` (${((count / of) * 100).toFixed(1)} %)` : "";
}

export function ResultsCard({ results, format }: { results: CampaignResults; format: ShopFormat }) {
  const n = (v: number) => formatNumber(v, format.locale);
  const row = (label: string, f: CampaignResults["total"]) => [
    label,
    n(f.recipients),
    n(f.sent),
    `${n(f.delivered)}${pct(f.delivered, f.sent)}`,
    `${n(f.opened)}${pct(f.opened, f.sent)}`,
    `${n(f.clicked)}${pct(f.clicked, f.sent)}`,
    `${n(f.replied)}${pct(f.replied, f.sent)}`,
    `${n(f.unsubscribed)}${pct(f.unsubscribed, f.sent)}`,
    n(f.orders),
    formatMoney(f.revenue, results.currency, format.locale),
  ];
  const multi = results.variants.length > 1;
  const metric = results.winnerMetric;
  const rateText = (rate: number) =>
    metric === "revenue" ? formatMoney(rate, results.currency, format.locale) : `${(rate * 100).toFixed(1)} %`;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Results
        </Text>
        {multi && metric && results.winner ? (
          <Banner tone="success">
            {`Variant ${results.winner.key} ${results.winner.final ? "wins" : "leads so far"} on ${METRIC_LABEL[metric]}: ${rateText(results.winner.rate)}.`}
          </Banner>
        ) : null}
        {multi && metric && results.tie ? (
          <Banner tone="info">{`The variants are tied on ${METRIC_LABEL[metric]}.`}</Banner>
        ) : null}
        <DataTable
          columnContentTypes={[
            "text",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
            "numeric",
          ]}
          headings={[
            "",
            "Recipients",
            "Sent",
            "Delivered",
            "Opened",
            "Clicked",
            "Replied",
            "Unsubscribed",
            "Orders",
            "Revenue",
          ]}
          rows={[
            ...(multi ? results.variants.map((v) => row(`Variant ${v.key} (${v.weight} %)`, v)) : []),
            row("Total", results.total),
          ]}
        />
        <Text as="p" tone="subdued" variant="bodySm">
          {`Rates are per sent recipient. Replied: a message from the recipient within 5 days. Unsubscribed: an opt-out on that channel within the attribution window. Orders and revenue: orders credited to the campaign by the Analytics page's rule (email: an open or click within ${results.attribution.openClickDays} days; SMS and WhatsApp: delivery within ${results.attribution.smsDeliveryHours} hours).`}
        </Text>
      </BlockStack>
    </Card>
  );
}
