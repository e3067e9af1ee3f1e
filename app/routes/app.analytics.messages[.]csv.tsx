// GET /app/analytics/messages.csv?from=&to=&channel=: the marketing export, one row per message
// (app/kpis/marketing-csv.server.ts; columns in the README, "Marketing KPIs and attribution").
import type { LoaderFunctionArgs } from "@remix-run/node";
import { marketingMessagesCsv } from "../kpis/marketing-csv.server";
import { marketingChannel } from "../kpis/marketing.server";
import { KpiPeriodError, parseKpiFilters, parseKpiPeriod } from "../kpis/period";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  let period;
  let channel;
  try {
    period = parseKpiPeriod(params, shop.ianaTimezone);
    channel = marketingChannel(parseKpiFilters(params));
  } catch (err) {
    if (err instanceof KpiPeriodError) return new Response(err.message, { status: 400 });
    throw err;
  }
  const csv = await marketingMessagesCsv(shop.id, period, channel);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="threadline-messages-${period.fromDate}-to-${period.toDate}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
