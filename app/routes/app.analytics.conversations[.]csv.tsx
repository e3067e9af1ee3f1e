// `GET /app/analytics/conversations.csv?from=&to=&channel=&team=&assignee=`: one row per resolution
// cycle opened in the period (columns: app/kpis/conversations-export.server.ts, README).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { conversationsCsv } from "../kpis/conversations-export.server";
import { readKpiQuery } from "../kpis/dashboard.server";
import { KpiPeriodError } from "../kpis/period";
import { requireAdmin } from "../shopify/admin-context.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  let query;
  try {
    query = readKpiQuery(new URL(request.url).searchParams, shop);
  } catch (e) {
    if (e instanceof KpiPeriodError) return new Response(e.message, { status: 400 });
    throw e;
  }
  const body = await conversationsCsv(shop.id, query.period, query.filters);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="conversations-${query.period.fromDate}-to-${query.period.toDate}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
