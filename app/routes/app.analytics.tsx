// The KPI dashboard (issue 13): support and marketing figures for a period beside the previous one,
// filtered by channel, team and person (marketing: channel only). Domain: app/kpis/; UI:
// app/components/kpis/. The store's own figures (orders, revenue, checkouts) are in the marketing half.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, InlineStack, Layout, Page } from "@shopify/polaris";
import { DownloadButton } from "../components/DownloadButton";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { shopFormatOf } from "../components/format";
import { KpiFiltersCard } from "../components/kpis/KpiFiltersCard";
import { MarketingKpisSection } from "../components/kpis/MarketingKpisSection";
import { kpiHref } from "../components/kpis/kpi-format";
import { SupportKpisSection, type KpiQuery } from "../components/kpis/SupportKpisSection";
import { pageTitle } from "../components/page-title";
import { kpiFilterOptions, readKpiQuery } from "../kpis/dashboard.server";
import { marketingKpis } from "../kpis/marketing.server";
import { dateInZone, KpiPeriodError } from "../kpis/period";
import { supportKpis } from "../kpis/support.server";
import { requireAdmin } from "../shopify/admin-context.server";

export const meta: MetaFunction = () => pageTitle("Analytics");

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  let error: string | null = null;
  let kpiQuery;
  try {
    kpiQuery = readKpiQuery(params, shop);
  } catch (e) {
    if (!(e instanceof KpiPeriodError)) throw e;
    // A bad link still shows the dashboard, for the default period, with what was wrong.
    error = e.message;
    kpiQuery = readKpiQuery(new URLSearchParams(), shop);
  }
  const { period, filters } = kpiQuery;
  const [support, marketing, choices] = await Promise.all([
    supportKpis(shop.id, period, filters),
    marketingKpis(shop.id, period, filters),
    kpiFilterOptions(shop.id),
  ]);
  const query: KpiQuery = {
    from: period.fromDate,
    to: period.toDate,
    channel: filters.channel,
    team: filters.teamId,
    assignee: filters.assigneeId,
  };
  return json({
    error,
    query,
    today: dateInZone(new Date(), shop.ianaTimezone),
    timeZone: period.timeZone,
    support,
    marketing,
    choices,
    format: shopFormatOf(shop),
  });
};

export default function AnalyticsPage() {
  const { error, query, today, timeZone, support, marketing, choices, format } = useLoaderData<typeof loader>();
  return (
    <Page title="Analytics" subtitle={`${query.from} – ${query.to}`}>
      <Layout>
        {error ? (
          <Layout.Section>
            <Banner tone="warning" title="That period could not be shown">
              <p>{error} Showing the last 30 days instead.</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <KpiFiltersCard query={query} today={today} choices={choices} timeZone={timeZone} />
        </Layout.Section>
        <Layout.Section>
          <InlineStack gap="300" align="end">
            <DownloadButton
              url={kpiHref("/app/analytics/conversations.csv", query)}
              accessibilityLabel="Export one row per conversation cycle of this period as CSV"
            >
              Export conversations (CSV)
            </DownloadButton>
          </InlineStack>
        </Layout.Section>
        <Layout.Section>
          {support.empty ? (
            <EmptyStateCard heading="No support activity in this period">
              <p>
                The support figures count conversations opened, answered and resolved between these dates. Pick a longer
                period, or clear the filters, or wait for customers to write in.
              </p>
            </EmptyStateCard>
          ) : (
            <BlockStack gap="400">
              <SupportKpisSection data={support} query={query} />
            </BlockStack>
          )}
        </Layout.Section>
        <Layout.Section>
          <MarketingKpisSection data={marketing} format={format} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
