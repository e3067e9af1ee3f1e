// The marketing half of the KPI dashboard: per flow and per campaign what was sent and what it
// earned, cart recovery, repeat purchases and the store's own figures, this period beside the
// previous one, each with its definition (app/kpis/marketing-definitions.ts).
import type { ReactNode } from "react";
import { Badge, BlockStack, Card, DataTable, InlineGrid, InlineStack, Link, Text } from "@shopify/polaris";
import { marketingDefinitions, type MarketingKpiKey } from "../../kpis/marketing-definitions";
import type { MarketingFigures, MarketingKpis } from "../../kpis/marketing.server";
import { DownloadButton } from "../DownloadButton";
import { formatMoney, formatNumber, type ShopFormat } from "../format";
import { comparison, formatShare, kpiHref } from "./kpi-format";
import { MarketingChart, type MarketingChartRow } from "./MarketingChart";
import { sourceChartLabel, sourceHref, sourceLinkLabel } from "./marketing-source";
import { MetricCard } from "./MetricCard";

const BLUE = "#2c6ecb";
const GREY = "#8c9196";
const GREEN = "#008060";
const PURPLE = "#8a5cd0";

function Definitions({ keys, defs }: { keys: MarketingKpiKey[]; defs: ReturnType<typeof marketingDefinitions> }) {
  return (
    <BlockStack gap="100">
      {keys.map((k) => (
        <Text as="p" variant="bodySm" tone="subdued" key={k}>
          <Text as="span" variant="bodySm" fontWeight="semibold">
            {defs[k].label}:
          </Text>{" "}
          {defs[k].definition}
        </Text>
      ))}
    </BlockStack>
  );
}

/** A table cell: this period, and the previous one under it. */
function Pair({ current, previous }: { current: string; previous: string }) {
  return (
    <BlockStack gap="0" inlineAlign="end">
      <Text as="span">{current}</Text>
      <Text as="span" variant="bodySm" tone="subdued">
        prev. {previous}
      </Text>
    </BlockStack>
  );
}

export function MarketingKpisSection({ data, format }: { data: MarketingKpis; format: ShopFormat }) {
  const defs = marketingDefinitions(data.attribution);
  const n = (v: number) => formatNumber(v, format.locale);
  const money = (v: string | number | null) => (v === null ? "—" : formatMoney(v, data.currency, format.locale));
  const { current: c, previous: p } = data.totals;
  const cart = data.cartRecovery;
  const repeat = data.repeatPurchase;
  const query = { from: data.period.fromDate, to: data.period.toDate, channel: data.channel };
  const noMessages = c.sent + p.sent + c.orders + p.orders === 0;

  const figureColumns: Array<[MarketingKpiKey, (f: MarketingFigures) => string]> = [
    ["sent", (f) => n(f.sent)],
    ["delivered", (f) => n(f.delivered)],
    ["opened", (f) => n(f.opened)],
    ["clicked", (f) => n(f.clicked)],
    ["recipients", (f) => n(f.recipients)],
    ["orders", (f) => n(f.orders)],
    ["revenue", (f) => money(f.revenue)],
    ["revenuePerRecipient", (f) => money(f.revenuePerRecipient)],
  ];
  const flowRow = (label: ReactNode, cur: MarketingFigures, prev: MarketingFigures) => [
    label,
    ...figureColumns.map(([key, show]) => <Pair key={key} current={show(cur)} previous={show(prev)} />),
  ];

  // The charts draw only the flows and campaigns with something to show: with ten flows, rows of empty
  // bars would crowd out the ones that count. The table above still lists every flow.
  const withFigures = (row: MarketingChartRow) => row.values.some((v) => v !== 0);
  const revenueRows: MarketingChartRow[] = data.sources
    .map((s) => ({
      label: sourceChartLabel(s),
      values: [Number(s.current.revenue), Number(s.previous.revenue)],
      href: sourceHref(s),
      hrefLabel: sourceLinkLabel(s),
    }))
    .filter(withFigures);
  const engagementRows: MarketingChartRow[] = data.sources
    .map((s) => ({
      label: sourceChartLabel(s),
      values: [s.current.sent, s.current.delivered, s.current.opened, s.current.clicked],
      href: sourceHref(s),
      hrefLabel: sourceLinkLabel(s),
    }))
    .filter(withFigures);

  const rate = (r: number | null) => formatShare(r);
  const store = data.store;

  return (
    <BlockStack gap="400">
      <InlineStack align="space-between" blockAlign="center" gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingLg">
            Marketing
          </Text>
          <Text as="p" tone="subdued">
            Orders are credited to a message opened or clicked up to {data.attribution.openClickDays} days before
            (email), or delivered up to {data.attribution.smsDeliveryHours} hours before (SMS, WhatsApp and other
            channels). <Link url="/app/settings/attribution">Change the attribution windows</Link>
          </Text>
        </BlockStack>
        <DownloadButton
          url={kpiHref("/app/analytics/messages.csv", query)}
          accessibilityLabel="Export one row per flow or campaign message sent in this period as CSV"
        >
          Export messages (CSV)
        </DownloadButton>
      </InlineStack>

      <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
        <MetricCard
          label="Messages sent"
          value={n(c.sent)}
          detail={`${n(c.delivered)} delivered · ${n(c.opened)} opened · ${n(c.clicked)} clicked`}
          previous={n(p.sent)}
          change={comparison(c.sent, p.sent, "count", false)}
          definition={`${defs.sent.definition} ${defs.delivered.definition} ${defs.opened.definition}`}
        />
        <MetricCard
          label={defs.orders.label}
          value={n(c.orders)}
          detail={`${money(c.revenue)} attributed revenue`}
          previous={`${n(p.orders)} · ${money(p.revenue)}`}
          change={comparison(c.orders, p.orders, "count", false)}
          definition={`${defs.orders.definition} ${defs.revenue.definition}`}
        />
        <MetricCard
          label={defs.revenuePerRecipient.label}
          value={money(c.revenuePerRecipient)}
          detail={`${n(c.recipients)} recipients`}
          previous={money(p.revenuePerRecipient)}
          change={null}
          definition={defs.revenuePerRecipient.definition}
        />
        <MetricCard
          label={defs.cartRecovery.label}
          value={rate(cart.current.rate)}
          detail={`${n(cart.current.recovered)} of ${n(cart.current.abandoned)} abandoned · ${n(cart.current.recoveredAfterMessage)} after a message · ${money(cart.current.recoveredRevenue)}`}
          previous={`${rate(cart.previous.rate)} (${n(cart.previous.recovered)} of ${n(cart.previous.abandoned)})`}
          change={comparison(cart.current.rate, cart.previous.rate, "share", false)}
          definition={defs.cartRecovery.definition}
        />
        <MetricCard
          label={`${defs.repeatPurchase.label}, messaged`}
          value={rate(repeat.current.messaged.rate)}
          detail={`${n(repeat.current.messaged.repeat)} of ${n(repeat.current.messaged.customers)} customers · not messaged: ${rate(repeat.current.notMessaged.rate)} (${n(repeat.current.notMessaged.repeat)} of ${n(repeat.current.notMessaged.customers)})`}
          previous={`${rate(repeat.previous.messaged.rate)} messaged · ${rate(repeat.previous.notMessaged.rate)} not messaged`}
          change={comparison(repeat.current.messaged.rate, repeat.previous.messaged.rate, "share", false)}
          definition={defs.repeatPurchase.definition}
        />
        <MetricCard
          label="Store orders"
          value={n(store.current.orders)}
          detail={`${money(store.current.revenue)} · ${n(store.current.cancelledOrders)} cancelled, not counted`}
          previous={`${n(store.previous.orders)} · ${money(store.previous.revenue)}`}
          change={comparison(store.current.orders, store.previous.orders, "count", false)}
          definition={defs.store.definition}
        />
      </InlineGrid>

      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingMd">
            Flows and campaigns
          </Text>
          {data.sources.length === 0 || noMessages ? (
            <Text as="p" tone="subdued">
              No flow message was sent and no order was credited to one in this period or the previous one. Switch on a
              flow in Flows, or pick a longer period.
            </Text>
          ) : (
            <DataTable
              columnContentTypes={["text", ...figureColumns.map(() => "numeric" as const)]}
              headings={["Flow or campaign", ...figureColumns.map(([key]) => defs[key].label)]}
              rows={[
                ...data.sources.map((s) =>
                  flowRow(
                    s.kind === "campaign" ? (
                      <InlineStack key={s.id} gap="100" blockAlign="center" wrap={false}>
                        <Link url={sourceHref(s)} accessibilityLabel={sourceLinkLabel(s)}>
                          {s.name}
                        </Link>
                        <Badge>Campaign</Badge>
                      </InlineStack>
                    ) : (
                      <Link key={s.id} url={sourceHref(s)} accessibilityLabel={sourceLinkLabel(s)}>
                        {s.name}
                      </Link>
                    ),
                    s.current,
                    s.previous,
                  ),
                ),
                flowRow("All flows and campaigns", c, p),
              ]}
            />
          )}
          <Definitions
            keys={["sent", "delivered", "opened", "clicked", "recipients", "orders", "revenue", "revenuePerRecipient"]}
            defs={defs}
          />
        </BlockStack>
      </Card>

      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <MarketingChart
          id="marketing-revenue"
          title="Attributed revenue by flow and campaign"
          definition={defs.orders.definition}
          series={[
            { name: "This period", color: BLUE },
            { name: "Previous period", color: GREY },
          ]}
          rows={revenueRows}
          format={(v) => money(v)}
          emptyText="No order was credited to a flow message in either period."
        />
        <MarketingChart
          id="marketing-engagement"
          title="Messages by flow and campaign, this period"
          definition={`${defs.delivered.definition} ${defs.opened.definition} ${defs.clicked.definition}`}
          series={[
            { name: "Sent", color: BLUE },
            { name: "Delivered", color: GREEN },
            { name: "Opened", color: PURPLE },
            { name: "Clicked", color: GREY },
          ]}
          rows={engagementRows}
          format={n}
          emptyText="No flow message was sent in this period."
        />
      </InlineGrid>

      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <Card>
          <BlockStack gap="300">
            <Text as="h3" variant="headingMd">
              {defs.repeatPurchase.label}
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric", "numeric", "numeric"]}
              headings={["Customers with an order", "Customers", "Repeat buyers", "Rate"]}
              rows={(["messaged", "notMessaged"] as const).map((g) => [
                g === "messaged" ? "Messaged" : "Not messaged",
                <Pair key="c" current={n(repeat.current[g].customers)} previous={n(repeat.previous[g].customers)} />,
                <Pair key="r" current={n(repeat.current[g].repeat)} previous={n(repeat.previous[g].repeat)} />,
                <Pair key="p" current={rate(repeat.current[g].rate)} previous={rate(repeat.previous[g].rate)} />,
              ])}
            />
            <Definitions keys={["repeatPurchase"]} defs={defs} />
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="300">
            <Text as="h3" variant="headingMd">
              Checkouts and orders
            </Text>
            <DataTable
              columnContentTypes={["text", "numeric"]}
              headings={["", "This period (previous)"]}
              rows={[
                ["Orders", <Pair key="o" current={n(store.current.orders)} previous={n(store.previous.orders)} />],
                [
                  "Revenue",
                  <Pair key="r" current={money(store.current.revenue)} previous={money(store.previous.revenue)} />,
                ],
                [
                  "Checkouts started",
                  <Pair
                    key="s"
                    current={n(store.current.checkoutsStarted)}
                    previous={n(store.previous.checkoutsStarted)}
                  />,
                ],
                [
                  "Checkouts abandoned",
                  <Pair
                    key="a"
                    current={n(store.current.checkoutsAbandoned)}
                    previous={n(store.previous.checkoutsAbandoned)}
                  />,
                ],
                [
                  "Checkouts completed",
                  <Pair
                    key="c"
                    current={n(store.current.checkoutsRecovered)}
                    previous={n(store.previous.checkoutsRecovered)}
                  />,
                ],
                [
                  "Abandoned checkouts recovered",
                  <Pair
                    key="rr"
                    current={`${n(cart.current.recovered)} (${rate(cart.current.rate)})`}
                    previous={`${n(cart.previous.recovered)} (${rate(cart.previous.rate)})`}
                  />,
                ],
              ]}
            />
            <Definitions keys={["store", "cartRecovery"]} defs={defs} />
          </BlockStack>
        </Card>
      </InlineGrid>
    </BlockStack>
  );
}
