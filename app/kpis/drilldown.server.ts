// The conversations behind one bar or point of a dashboard chart (`/app/analytics/conversations`):
// the same rows, period and filters as the figure, restricted to the bar clicked.
import { z } from "zod";
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { TIME_BUCKETS } from "./definitions";
import type { KpiFilters, KpiPeriod } from "./period";
import { at, cycleFilters, local, replyFilters } from "./sql.server";

export const DRILLDOWN_METRICS = [
  "first_response",
  "reply_time",
  "resolution",
  "volume_channel",
  "volume_day",
  "volume_hour",
] as const;
export type DrilldownMetric = (typeof DRILLDOWN_METRICS)[number];
export const DRILLDOWN_LIMIT = 200;

export const drilldownSchema = z.discriminatedUnion("metric", [
  z.object({
    metric: z.enum(["first_response", "reply_time", "resolution"]),
    bucket: z.enum(TIME_BUCKETS.map((b) => b.key) as [string, ...string[]]),
    mode: z.enum(["wall", "business"]).default("business"),
  }),
  z.object({ metric: z.literal("volume_channel"), bucket: z.string().regex(/^[A-Z]{2,20}$/) }),
  z.object({ metric: z.literal("volume_day"), bucket: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ metric: z.literal("volume_hour"), bucket: z.coerce.number().int().min(0).max(23) }),
]);
export type DrilldownQuery = z.infer<typeof drilldownSchema>;

export interface DrilldownRow {
  conversationId: string;
  customerName: string | null;
  channel: string;
  status: string;
  /** When the counted event happened: the reply, first response, resolve or opening. */
  at: string;
  /** The counted duration in seconds, for time metrics. */
  seconds: number | null;
}

interface Raw {
  conversation_id: string;
  first_name: string | null;
  last_name: string | null;
  channel: string;
  status: string;
  at: Date;
  seconds: number | null;
}

const bucketRange = (column: Prisma.Sql, key: string) => {
  const b = TIME_BUCKETS.find((x) => x.key === key)!;
  return b.toSeconds === null
    ? Prisma.sql`${column} >= ${b.fromSeconds}`
    : Prisma.sql`${column} >= ${b.fromSeconds} AND ${column} < ${b.toSeconds}`;
};

export async function drilldownConversations(
  shopId: string,
  period: KpiPeriod,
  filters: KpiFilters,
  query: DrilldownQuery,
): Promise<{ rows: DrilldownRow[]; truncated: boolean }> {
  const from = at(period.from);
  const to = at(period.to);
  const limit = Prisma.raw(String(DRILLDOWN_LIMIT + 1));
  let rows: Raw[];
  if (query.metric === "reply_time") {
    const f = replyFilters(filters);
    const wait = Prisma.raw(query.mode === "wall" ? `m."replyWaitSeconds"` : `m."replyWaitBusinessSeconds"`);
    rows = await db().$queryRaw<Raw[]>`
      SELECT m."conversationId" AS conversation_id, cu."firstName" AS first_name,
             cu."lastName" AS last_name, m.channel::text AS channel, cv.status::text AS status, m."createdAt" AS at, ${wait} AS seconds
        FROM "Message" m ${f.join}
        JOIN "Conversation" cv ON cv.id = m."conversationId" AND cv."shopId" = ${shopId}
        JOIN "Customer" cu ON cu.id = cv."customerId"
       WHERE m."shopId" = ${shopId} AND m."createdAt" >= ${from} AND m."createdAt" < ${to}
         AND m."replyWaitSeconds" IS NOT NULL AND ${bucketRange(wait, query.bucket)} ${f.where}
       ORDER BY m."createdAt" DESC, m.id LIMIT ${limit}`;
  } else {
    const f = cycleFilters(filters);
    let column: Prisma.Sql;
    let seconds: Prisma.Sql = Prisma.sql`NULL::int`;
    let match: Prisma.Sql;
    if (query.metric === "first_response" || query.metric === "resolution") {
      const wall = query.metric === "first_response" ? "firstResponseSeconds" : "resolutionSeconds";
      const business = query.metric === "first_response" ? "firstResponseBusinessSeconds" : "resolutionBusinessSeconds";
      column = Prisma.raw(query.metric === "first_response" ? `cy."firstResponseAt"` : `cy."resolvedAt"`);
      seconds = Prisma.raw(`cy."${query.mode === "wall" ? wall : business}"`);
      match = bucketRange(seconds, query.bucket);
    } else {
      column = Prisma.sql`cy."openedAt"`;
      match =
        query.metric === "volume_channel"
          ? Prisma.sql`cy.channel::text = ${query.bucket}`
          : query.metric === "volume_day"
            ? Prisma.sql`to_char(${local(column, period.timeZone)}, 'YYYY-MM-DD') = ${query.bucket}`
            : Prisma.sql`extract(hour FROM ${local(column, period.timeZone)})::int = ${query.bucket}`;
    }
    rows = await db().$queryRaw<Raw[]>`
      SELECT cy."conversationId" AS conversation_id, cu."firstName" AS first_name, cu."lastName" AS last_name,
             cy.channel::text AS channel, cv.status::text AS status, ${column} AS at, ${seconds} AS seconds
        FROM "ConversationCycle" cy ${f.join}
        JOIN "Conversation" cv ON cv.id = cy."conversationId" AND cv."shopId" = ${shopId}
        JOIN "Customer" cu ON cu.id = cv."customerId"
       WHERE cy."shopId" = ${shopId} AND ${column} >= ${from} AND ${column} < ${to} AND ${match} ${f.where}
       ORDER BY ${column} DESC, cy.id LIMIT ${limit}`;
  }
  return {
    rows: rows.slice(0, DRILLDOWN_LIMIT).map((r) => ({
      conversationId: r.conversation_id,
      customerName: [r.first_name, r.last_name].filter(Boolean).join(" ") || null,
      channel: r.channel,
      status: r.status,
      at: new Date(r.at).toISOString(),
      seconds: r.seconds,
    })),
    truncated: rows.length > DRILLDOWN_LIMIT,
  };
}
