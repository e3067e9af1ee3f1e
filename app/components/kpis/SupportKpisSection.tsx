// The support half of the KPI dashboard: metric cards (this period beside the previous one) and the
// charts, each with its definition (app/kpis/definitions.ts) and a way into the conversations.
import { BlockStack, InlineGrid, Text } from "@shopify/polaris";
import { SUPPORT_KPI_DEFINITIONS as DEF, TIME_BUCKETS } from "../../kpis/definitions";
import type { DurationFigures, SupportKpis } from "../../kpis/support.server";
import { channelLabel } from "../StatusBadges";
import { ChartCard, type ChartRow } from "./ChartCard";
import { comparison, formatScore, formatSeconds, formatShare, kpiHref } from "./kpi-format";
import { MetricCard } from "./MetricCard";

export interface KpiQuery {
  from: string;
  to: string;
  channel: string | null;
  team: string | null;
  assignee: string | null;
}

const BLUE = "#2c6ecb";
const GREY = "#8c9196";
const DRILL = "/app/analytics/conversations";

function durationDetail(f: DurationFigures): string {
  return `p90 ${formatSeconds(f.businessP90Seconds)} · wall-clock median ${formatSeconds(f.medianSeconds)}, p90 ${formatSeconds(f.p90Seconds)} · ${f.count} counted`;
}

export function SupportKpisSection({ data, query }: { data: SupportKpis; query: KpiQuery }) {
  const { current: c, previous: p } = data;
  const drill = (extra: Record<string, string>) => kpiHref(DRILL, { ...query, ...extra });
  const bucketRows = (metric: string, f: DurationFigures): ChartRow[] =>
    TIME_BUCKETS.map((b, i) => ({
      label: b.label,
      values: [f.buckets[i].business, f.buckets[i].wall],
      hrefs: [drill({ metric, bucket: b.key, mode: "business" }), drill({ metric, bucket: b.key, mode: "wall" })],
    }));
  const timeSeries = [
    { name: "Business hours", color: BLUE },
    { name: "Wall-clock", color: GREY },
  ];
  const duration = (key: "firstResponse" | "replyTime" | "resolution") => (
    <MetricCard
      label={`${DEF[key].label} (median, business hours)`}
      value={formatSeconds(c[key].businessMedianSeconds)}
      detail={durationDetail(c[key])}
      previous={`${formatSeconds(p[key].businessMedianSeconds)} (${p[key].count} counted)`}
      change={comparison(c[key].businessMedianSeconds, p[key].businessMedianSeconds, "duration", true)}
      definition={DEF[key].definition}
    />
  );

  return (
    <BlockStack gap="400">
      <Text as="h2" variant="headingLg">
        Support
      </Text>
      <InlineGrid columns={{ xs: 1, sm: 2, md: 3 }} gap="400">
        {duration("firstResponse")}
        {duration("replyTime")}
        {duration("resolution")}
        <MetricCard
          label={DEF.csatScore.label}
          value={formatScore(c.csat.averageScore)}
          detail={`${formatShare(c.csat.satisfiedShare)} satisfied (4–5) · ${c.csat.answered} answered`}
          previous={`${formatScore(p.csat.averageScore)}, ${formatShare(p.csat.satisfiedShare)} satisfied`}
          change={comparison(c.csat.averageScore, p.csat.averageScore, "score", false)}
          definition={`${DEF.csatScore.definition} ${DEF.csatSatisfied.label}: ${DEF.csatSatisfied.definition}`}
        />
        <MetricCard
          label={DEF.csatResponseRate.label}
          value={formatShare(c.csat.responseRate)}
          detail={`${c.csat.sentAnswered} answered of ${c.csat.sent} sent`}
          previous={formatShare(p.csat.responseRate)}
          change={comparison(c.csat.responseRate, p.csat.responseRate, "share", false)}
          definition={DEF.csatResponseRate.definition}
        />
        <MetricCard
          label={DEF.slaMet.label}
          value={formatShare(c.sla.share)}
          detail={
            c.sla.withTargets > 0
              ? `${c.sla.met} of ${c.sla.withTargets} cycles with targets`
              : "No cycle with SLA targets"
          }
          previous={formatShare(p.sla.share)}
          change={comparison(c.sla.share, p.sla.share, "share", false)}
          definition={DEF.slaMet.definition}
        />
        <MetricCard
          label={DEF.volume.label}
          value={String(c.volume)}
          previous={String(p.volume)}
          change={comparison(c.volume, p.volume, "count", false)}
          definition={DEF.volume.definition}
        />
        <MetricCard
          label={DEF.backlog.label}
          value={String(data.backlog.open)}
          detail={`${data.backlog.unassigned} unassigned`}
          previous="not tied to a period"
          change={null}
          definition={DEF.backlog.definition}
        />
        <MetricCard
          label={DEF.resolvedWithoutPerson.label}
          value={formatShare(c.resolvedWithoutPerson.share)}
          detail={`${c.resolvedWithoutPerson.withoutPerson} of ${c.resolvedWithoutPerson.resolved} resolved cycles`}
          previous={formatShare(p.resolvedWithoutPerson.share)}
          change={comparison(c.resolvedWithoutPerson.share, p.resolvedWithoutPerson.share, "share", false)}
          definition={DEF.resolvedWithoutPerson.definition}
        />
      </InlineGrid>
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
        <ChartCard
          id="first-response"
          title="First response time"
          definition={DEF.firstResponse.definition}
          series={timeSeries}
          rows={bucketRows("first_response", c.firstResponse)}
          emptyText="No first response in this period."
        />
        <ChartCard
          id="reply-time"
          title="Reply time"
          definition={DEF.replyTime.definition}
          series={timeSeries}
          rows={bucketRows("reply_time", c.replyTime)}
          emptyText="No staff reply answered a waiting customer in this period."
        />
        <ChartCard
          id="resolution"
          title="Resolution time"
          definition={DEF.resolution.definition}
          series={timeSeries}
          rows={bucketRows("resolution", c.resolution)}
          emptyText="No conversation was resolved in this period."
        />
        <ChartCard
          id="volume-channel"
          title="Conversations by channel"
          definition={DEF.volume.definition}
          series={[
            { name: "This period", color: BLUE },
            { name: "Previous period", color: GREY },
          ]}
          rows={data.volumeByChannel.map((v) => ({
            label: channelLabel(v.channel),
            values: [v.current, v.previous],
            hrefs: [drill({ metric: "volume_channel", bucket: v.channel }), null],
          }))}
          emptyText="No conversation opened in this period."
        />
        <ChartCard
          id="volume-day"
          title="Conversations by day"
          definition={`${DEF.volume.definition} Days in the shop's time zone.`}
          series={[{ name: "Conversations", color: BLUE }]}
          rows={data.volumeByDay.map((d) => ({
            label: d.date.slice(5),
            values: [d.count],
            hrefs: [drill({ metric: "volume_day", bucket: d.date })],
          }))}
          emptyText="No conversation opened in this period."
        />
        <ChartCard
          id="volume-hour"
          title="Conversations by hour of day"
          definition={`${DEF.volume.definition} Hours in the shop's time zone.`}
          series={[{ name: "Conversations", color: BLUE }]}
          rows={data.volumeByHour.map((h) => ({
            label: `${String(h.hour).padStart(2, "0")}:00`,
            values: [h.count],
            hrefs: [drill({ metric: "volume_hour", bucket: String(h.hour) })],
          }))}
          emptyText="No conversation opened in this period."
        />
      </InlineGrid>
    </BlockStack>
  );
}
