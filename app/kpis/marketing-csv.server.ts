// The marketing CSV export: one row per flow or campaign message sent in the period (decision 0046).
// Columns are documented in the README ("Marketing KPIs and attribution"); keep them in step.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import type { Channel } from "../generated/prisma/enums";
import { parseAttributionSettings } from "../attribution/settings";
import { csvDocument } from "./csv";
import type { KpiPeriod } from "./period";
import { channelCondition, creditedOrdersSql, marketingMessagesSql, sentBetween } from "./marketing-sql.server";

export const MESSAGE_CSV_COLUMNS = [
  "message_id",
  "sent_at",
  "source_type",
  "source_id",
  "source_name",
  "channel",
  "customer_id",
  "customer_name",
  "recipient",
  "delivery_status",
  "delivered_at",
  "opened_at",
  "clicked_at",
  "attributed_orders",
  "attributed_revenue",
  "currency",
] as const;

// Orders credited to a message may come any time after it: the export counts them all, up to now.
const END_OF_TIME = new Date(Date.UTC(9999, 0, 1));

interface CsvRow {
  id: string;
  sentAt: Date;
  source_kind: string;
  source_id: string;
  source_name: string | null;
  channel: Channel;
  customerId: string;
  firstName: string | null;
  lastName: string | null;
  toAddress: string | null;
  deliveryStatus: string;
  deliveredAt: Date | null;
  openedAt: Date | null;
  clickedAt: Date | null;
  orders: number;
  cents: bigint;
}

const iso = (d: Date | null) => (d ? d.toISOString() : "");

export async function marketingMessagesCsv(
  shopId: string,
  period: Pick<KpiPeriod, "from" | "to">,
  channel: Channel | null,
): Promise<string> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true, currency: true } });
  const windows = parseAttributionSettings(shop.settings);
  const rows = await db().$queryRaw<CsvRow[]>`
    WITH mm AS NOT MATERIALIZED (${marketingMessagesSql(shopId)}),
         sent AS (SELECT mm.* FROM mm
                   WHERE ${sentBetween(period.from, period.to)}
                         ${channelCondition(Prisma.sql`mm.channel`, channel)}),
         credited AS (${creditedOrdersSql(shopId, period.from, END_OF_TIME, windows)}),
         per_message AS (SELECT message_id, count(*)::int AS orders, sum(total_cents)::bigint AS cents
                           FROM credited GROUP BY message_id)
    SELECT s.id, s."sentAt", s.source_kind, s.source_id, COALESCE(f.name, cp.name) AS source_name, s.channel, s."customerId",
           c."firstName", c."lastName", s."toAddress", s."deliveryStatus"::text AS "deliveryStatus",
           s."deliveredAt", s."openedAt", s."clickedAt",
           COALESCE(p.orders, 0)::int AS orders, COALESCE(p.cents, 0)::bigint AS cents
      FROM sent s
      LEFT JOIN "Flow" f ON s.source_kind = 'flow' AND f.id = s.source_id
      LEFT JOIN "Campaign" cp ON s.source_kind = 'campaign' AND cp.id = s.source_id
      LEFT JOIN "Customer" c ON c.id = s."customerId"
      LEFT JOIN per_message p ON p.message_id = s.id
     ORDER BY s."sentAt", s.id`;
  // csvDocument neutralises text a spreadsheet would run as a formula (names, addresses, flow and campaign names).
  return csvDocument(
    MESSAGE_CSV_COLUMNS,
    rows.map((r) => [
      r.id,
      iso(r.sentAt),
      r.source_kind,
      r.source_id,
      r.source_name ?? "",
      r.channel,
      r.customerId,
      [r.firstName, r.lastName].filter(Boolean).join(" "),
      r.toAddress ?? "",
      r.deliveryStatus,
      iso(r.deliveredAt),
      iso(r.openedAt),
      iso(r.clickedAt),
      r.orders,
      (Number(r.cents) / 100).toFixed(2),
      shop.currency,
    ]),
  );
}
