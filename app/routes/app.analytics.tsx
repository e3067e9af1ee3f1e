import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, DataTable, InlineGrid, Layout, Page, Text } from "@shopify/polaris";
import { getAnalytics } from "../admin-queries/analytics.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDate, formatMoney, formatNumber, shopFormatOf } from "../components/format";
import { channelLabel } from "../components/StatusBadges";
import { requireAdmin } from "../shopify/admin-context.server";
import { pageTitle } from "../components/page-title";

export const meta: MetaFunction = () => pageTitle("Analytics");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const analytics = await getAnalytics(shop.id);
  return json({ analytics, format: shopFormatOf(shop) });
};

function percent(part: number, whole: number): string {
  if (whole <= 0) return "—";
  return `${Math.round((part / whole) * 1000) / 10}%`;
}

export default function AnalyticsPage() {
  const { analytics: a, format } = useLoaderData<typeof loader>();
  const n = (v: number) => formatNumber(v, format.locale);
  const period = `${formatDate(a.since, format)} – ${formatDate(a.until, format)}`;
  const shopCurrency = a.revenueByCurrency.find((r) => r.currency === format.currency);
  const otherCurrencies = a.revenueByCurrency.filter((r) => r.currency !== format.currency);

  return (
    <Page title="Analytics" subtitle={`Last ${a.days} days · ${period}`}>
      {!a.hasData ? (
        <EmptyStateCard heading="No activity in the last 30 days" action={{ content: "Go to the import", url: "/app" }}>
          <p>
            Figures are computed from the orders, checkouts and messages Threadline holds for your shop. Nothing was
            recorded in the last 30 days: import your Shopify data, or wait for new orders, checkouts and messages to
            arrive.
          </p>
        </EmptyStateCard>
      ) : (
        <Layout>
          <Layout.Section>
            <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="400">
              <Metric
                label="Orders"
                value={n(a.orders)}
                note={a.cancelledOrders > 0 ? `${n(a.cancelledOrders)} cancelled, not counted` : undefined}
              />
              <Metric
                label={`Revenue (${format.currency})`}
                value={formatMoney(shopCurrency?.revenue ?? 0, format.currency, format.locale)}
                note={otherCurrencies.length > 0 ? "Orders in other currencies are listed below" : undefined}
              />
              <Metric
                label="Checkouts abandoned"
                value={n(a.checkouts.abandoned)}
                note={`of ${n(a.checkouts.started)} started`}
              />
              <Metric
                label="Checkouts recovered"
                value={n(a.checkouts.recovered)}
                note={`${percent(a.checkouts.recovered, a.checkouts.abandoned)} of abandoned`}
              />
            </InlineGrid>
          </Layout.Section>
          {otherCurrencies.length > 0 ? (
            <Layout.Section>
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Revenue by currency
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={["Currency", "Orders", "Revenue"]}
                    rows={a.revenueByCurrency.map((r) => [
                      r.currency,
                      n(r.orders),
                      formatMoney(r.revenue, r.currency, format.locale),
                    ])}
                  />
                </BlockStack>
              </Card>
            </Layout.Section>
          ) : null}
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Checkouts
                </Text>
                <DataTable
                  columnContentTypes={["text", "numeric"]}
                  headings={["", "Count"]}
                  rows={[
                    ["Started", n(a.checkouts.started)],
                    ["Abandoned", n(a.checkouts.abandoned)],
                    ["Recovered", n(a.checkouts.recovered)],
                  ]}
                />
                <Text as="p" variant="bodySm" tone="subdued">
                  Counted from checkout events on customer timelines during the period.
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Messages by channel
                </Text>
                {a.messages.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No messages were sent or received in this period.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric"]}
                    headings={["Channel", "Sent", "Failed to deliver", "Received"]}
                    rows={a.messages.map((m) => [channelLabel(m.channel), n(m.sent), n(m.failed), n(m.received)])}
                    totals={[
                      "",
                      n(a.messages.reduce((s, m) => s + m.sent, 0)),
                      n(a.messages.reduce((s, m) => s + m.failed, 0)),
                      n(a.messages.reduce((s, m) => s + m.received, 0)),
                    ]}
                    showTotalsInFooter
                  />
                )}
                <Text as="p" variant="bodySm" tone="subdued">
                  Sent counts every outgoing message, by staff or flows; internal notes are excluded.
                </Text>
              </BlockStack>
            </Card>
          </Layout.Section>
        </Layout>
      )}
    </Page>
  );
}

function Metric({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl">
          {value}
        </Text>
        {note ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {note}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
