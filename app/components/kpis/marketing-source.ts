// Where a marketing source's row leads and how a chart names it: a flow opens its message log, a
// campaign its own page (progress and results). Chart labels are plain text, so a campaign says so
// in its name; flows keep theirs as they were.
import type { MarketingSource } from "../../kpis/marketing.server";

export function sourceHref(s: Pick<MarketingSource, "kind" | "id">): string {
  return s.kind === "campaign" ? `/app/campaigns/${s.id}` : `/app/flows/${s.id}/log`;
}

export function sourceChartLabel(s: Pick<MarketingSource, "kind" | "name">): string {
  return s.kind === "campaign" ? `${s.name} (campaign)` : s.name;
}

export function sourceLinkLabel(s: Pick<MarketingSource, "kind" | "name">): string {
  return s.kind === "campaign" ? `Open the results of campaign ${s.name}` : `Open the message log of ${s.name}`;
}
