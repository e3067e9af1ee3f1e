// The SQL pieces shared by the marketing KPIs, their CSV export and the campaign Results page (decision 0046): which messages
// are marketing "sources", and which of them an order is credited to. Attribution is computed here,
// at query time, so a change of the shop's windows applies to every period at once.
import { Prisma } from "../generated/prisma/client";
import type { AttributionSettings } from "../attribution/settings";
import type { Channel } from "../generated/prisma/enums";
import { at } from "./sql.server";
import { MARKETING_FLOW_KINDS } from "../flows/flow-purpose";

/** Flows whose messages are marketing (app/flows/flow-purpose.ts); campaigns are all marketing. */
export { MARKETING_FLOW_KINDS };

/**
 * Every outbound message a flow or a campaign sent (accepted by the provider: `sentAt` set), with its
 * source (the KPIs' per-flow and per-campaign rows) and whether that source is marketing (repeat
 * purchases count only those; every campaign is marketing). Use as `WITH mm AS NOT MATERIALIZED (…)`
 * so each use pushes its own filters down into both branches. The Analytics page, its CSV and the
 * campaign Results page all read this one set, so an order is credited to exactly one message among
 * flow and campaign messages everywhere. A message with both ids counts once, as its flow's.
 */
export function marketingMessagesSql(shopId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT m.id, m."customerId", m.channel, m."createdAt", m."sentAt", m."deliveredAt", m."openedAt", m."clickedAt",
           m."deliveryStatus", m."toAddress",
           'flow'::text AS source_kind, m."flowId" AS source_id,
           -- A subquery in the select list, not a join: joined, the planner may start from the shop's
           -- few flows and read every message of a flow for each customer it looks up.
           EXISTS (SELECT 1 FROM "Flow" f
                    WHERE f.id = m."flowId" AND f.kind::text IN (${Prisma.join([...MARKETING_FLOW_KINDS])})) AS marketing
      FROM "Message" m
     WHERE m."shopId" = ${shopId} AND m."flowId" IS NOT NULL AND m.direction = 'OUTBOUND'
       AND m.internal = false AND m."sentAt" IS NOT NULL
    UNION ALL
    SELECT m.id, m."customerId", m.channel, m."createdAt", m."sentAt", m."deliveredAt", m."openedAt", m."clickedAt",
           m."deliveryStatus", m."toAddress",
           'campaign'::text AS source_kind, m."campaignId" AS source_id, true AS marketing
      FROM "Message" m
     WHERE m."shopId" = ${shopId} AND m."campaignId" IS NOT NULL AND m."flowId" IS NULL AND m.direction = 'OUTBOUND'
       AND m.internal = false AND m."sentAt" IS NOT NULL`;
}

// A message is claimed (createdAt) just before the provider takes it (sentAt); retries take
// minutes to hours. Bounding createdAt too lets the (shopId, createdAt) index find a period's
// messages instead of reading all of the shop's; the sentAt condition keeps the answer exact.
const CLAIM_TO_SEND_MAX_DAYS = 7;

/** `mm` rows sent in [from, to). */
export function sentBetween(from: Date, to: Date): Prisma.Sql {
  const earliestClaim = new Date(from.getTime() - CLAIM_TO_SEND_MAX_DAYS * 24 * 3600_000);
  return Prisma.sql`mm."sentAt" >= ${at(from)} AND mm."sentAt" < ${at(to)}
    AND mm."createdAt" >= ${at(earliestClaim)} AND mm."createdAt" < ${at(to)}`;
}

/** `AND <column> = <channel>` or nothing. */
export function channelCondition(column: Prisma.Sql, channel: Channel | null): Prisma.Sql {
  return channel ? Prisma.sql`AND ${column} = ${channel}::"Channel"` : Prisma.empty;
}

/** The instant an order was placed: Shopify's processed_at, else when we stored it. */
export const PLACED_AT = Prisma.sql`COALESCE(o."processedAt", o."createdAt")`;

/**
 * Orders of the shop placed in [from, to), not cancelled, with a customer, each with the one
 * message (of a flow or a campaign) it is credited to (orders credited to none are left out): the message to that
 * customer with the latest touch within the window before the order, where the touch of an email
 * is its first open or first click (whichever is later and still inside `openClickDays`), and the
 * touch of any other channel its delivery (inside `smsDeliveryHours`). Ties: the larger message id.
 * Needs `mm` (marketingMessagesSql) in the WITH clause; yields
 * order_id, customer_id, placed, total_cents, message_id, source_kind, source_id, channel.
 */
export function creditedOrdersSql(shopId: string, from: Date, to: Date, windows: AttributionSettings): Prisma.Sql {
  const emailFrom = Prisma.sql`o.placed - make_interval(days => ${windows.openClickDays}::int)`;
  const otherFrom = Prisma.sql`o.placed - make_interval(hours => ${windows.smsDeliveryHours}::int)`;
  return Prisma.sql`
    SELECT o.id AS order_id, o."customerId" AS customer_id, o.placed,
           round(o."totalPrice" * 100)::bigint AS total_cents,
           credit.id AS message_id, credit.source_kind, credit.source_id, credit.channel
      FROM (SELECT o.id, o."customerId", o."totalPrice", ${PLACED_AT} AS placed
              FROM "Order" o
             WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL AND o."customerId" IS NOT NULL
               AND ((o."processedAt" >= ${at(from)} AND o."processedAt" < ${at(to)})
                 OR (o."processedAt" IS NULL AND o."createdAt" >= ${at(from)} AND o."createdAt" < ${at(to)}))) o
     CROSS JOIN LATERAL (
       SELECT t.id, t.source_kind, t.source_id, t.channel
         FROM (SELECT mm.id, mm.source_kind, mm.source_id, mm.channel,
                      CASE WHEN mm.channel = 'EMAIL' THEN GREATEST(
                             CASE WHEN mm."openedAt" BETWEEN ${emailFrom} AND o.placed THEN mm."openedAt" END,
                             CASE WHEN mm."clickedAt" BETWEEN ${emailFrom} AND o.placed THEN mm."clickedAt" END)
                           ELSE CASE WHEN mm."deliveredAt" BETWEEN ${otherFrom} AND o.placed THEN mm."deliveredAt" END
                      END AS touch
                 FROM mm
                WHERE mm."customerId" = o."customerId" AND mm."sentAt" <= o.placed) t
        WHERE t.touch IS NOT NULL
        ORDER BY t.touch DESC, t.id DESC
        LIMIT 1) credit`;
}
