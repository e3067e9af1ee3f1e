// `GET /app/analytics/conversations?metric=&bucket=&mode=&from=&to=&channel=&team=&assignee=`: the
// conversations behind one bar of a dashboard chart (app/kpis/drilldown.server.ts).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { shopFormatOf } from "../components/format";
import { DrilldownList } from "../components/kpis/DrilldownList";
import { kpiHref } from "../components/kpis/kpi-format";
import { pageTitle } from "../components/page-title";
import { readKpiQuery } from "../kpis/dashboard.server";
import { TIME_BUCKETS } from "../kpis/definitions";
import { drilldownConversations, drilldownSchema, type DrilldownQuery } from "../kpis/drilldown.server";
import { KpiPeriodError } from "../kpis/period";
import { requireAdmin } from "../shopify/admin-context.server";
import { channelLabel } from "../components/StatusBadges";

export const meta: MetaFunction = () => pageTitle("Analytics · conversations");

const METRIC_TITLE: Record<DrilldownQuery["metric"], string> = {
  first_response: "First response time",
  reply_time: "Reply time",
  resolution: "Resolution time",
  volume_channel: "Conversations by channel",
  volume_day: "Conversations on",
  volume_hour: "Conversations opened at",
};

function titleOf(q: DrilldownQuery): string {
  if ("mode" in q) {
    const bucket = TIME_BUCKETS.find((b) => b.key === q.bucket)?.label ?? q.bucket;
    return `${METRIC_TITLE[q.metric]}: ${bucket} (${q.mode === "wall" ? "wall-clock" : "business hours"})`;
  }
  if (q.metric === "volume_channel") return `${METRIC_TITLE[q.metric]}: ${channelLabel(q.bucket)}`;
  if (q.metric === "volume_hour") return `${METRIC_TITLE[q.metric]} ${String(q.bucket).padStart(2, "0")}:00`;
  return `${METRIC_TITLE[q.metric]} ${q.bucket}`;
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const parsed = drilldownSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new Response("Unknown chart or bar.", { status: 400 });
  let query;
  try {
    query = readKpiQuery(params, shop);
  } catch (e) {
    if (e instanceof KpiPeriodError) throw new Response(e.message, { status: 400 });
    throw e;
  }
  const result = await drilldownConversations(shop.id, query.period, query.filters, parsed.data);
  const back = {
    from: query.period.fromDate,
    to: query.period.toDate,
    channel: query.filters.channel,
    team: query.filters.teamId,
    assignee: query.filters.assigneeId,
  };
  return json({
    ...result,
    title: titleOf(parsed.data),
    showSeconds: "mode" in parsed.data,
    subtitle: `${query.period.fromDate} – ${query.period.toDate}`,
    backUrl: kpiHref("/app/analytics", back),
    format: shopFormatOf(shop),
  });
};

export default function AnalyticsConversationsPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <Page title={d.title} subtitle={d.subtitle} backAction={{ content: "Analytics", url: d.backUrl }}>
      <Layout>
        <Layout.Section>
          <DrilldownList
            rows={d.rows}
            truncated={d.truncated}
            format={d.format}
            showSeconds={d.showSeconds}
            backUrl={d.backUrl}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
