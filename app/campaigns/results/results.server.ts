// A campaign's results, per A/B variant and in total, from its recipients (CampaignRecipient), the
// messages it sent (Message.campaignId) and the shop's orders. Definitions (README "Campaigns:
// results"), all counted per recipient (one message each):
// - recipients: CampaignRecipient rows; sent: of them SENT.
// - delivered / opened / clicked: sent messages with deliveredAt / openedAt or clickedAt / clickedAt,
//   or a status that implies it (as the marketing KPIs count them).
// - replied: an inbound message from the recipient, on any channel, within 5 days after the send.
// - unsubscribed: the recipient's consent on the message's channel REVOKED after the send, within
//   the attribution window (email: openClickDays days; SMS and WhatsApp: smsDeliveryHours hours).
// - orders / revenue: orders credited to the campaign's message by the Analytics page's rule
//   (app/kpis/marketing-sql.server.ts, decision 0046): each order to exactly one marketing message of
//   a flow or campaign, the latest touch within the shop's windows. The same SQL (marketingMessagesSql,
//   creditedOrdersSql) as the Analytics page, so the two agree: here orders placed from the first send
//   until now, there orders placed in the chosen period (none before the first send can be credited).
// - winner: the variant with the highest rate per sent recipient of the chosen metric (revenue: per
//   recipient); no winner on a tie or before two variants have sent.
import { db } from "../../db/client.server";
import { Prisma } from "../../generated/prisma/client";
import { parseAttributionSettings } from "../../attribution/settings";
import { creditedOrdersSql, marketingMessagesSql } from "../../kpis/marketing-sql.server";
import { at } from "../../kpis/sql.server";
import { readCampaignContent } from "../content";
import type { WinnerMetric } from "../editor/draft";

export const REPLY_WINDOW_DAYS = 5;

export interface ResultFigures {
  recipients: number;
  sent: number;
  skipped: number;
  failed: number;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  unsubscribed: number;
  orders: number;
  /** Decimal string in the shop's currency, 2 places. */
  revenue: string;
}

export interface VariantResult extends ResultFigures {
  key: string;
  weight: number;
  /** The winner metric's rate per sent recipient (revenue: money per recipient), null before any send. */
  metricRate: number | null;
}

export interface CampaignResults {
  currency: string;
  variants: VariantResult[];
  total: ResultFigures;
  winnerMetric: WinnerMetric | null;
  /** null: one variant, nothing sent yet, or a tie. */
  winner: { key: string; rate: number; final: boolean } | null;
  tie: boolean;
  attribution: { openClickDays: number; smsDeliveryHours: number };
}

interface MessageRow {
  variant: string;
  delivered: number;
  opened: number;
  clicked: number;
  replied: number;
  unsubscribed: number;
}

interface OrderRow {
  variant: string;
  orders: number;
  cents: bigint | number;
}

const zero = (): ResultFigures => ({
  recipients: 0,
  sent: 0,
  skipped: 0,
  failed: 0,
  delivered: 0,
  opened: 0,
  clicked: 0,
  replied: 0,
  unsubscribed: 0,
  orders: 0,
  revenue: "0.00",
});

const centsToString = (cents: number) => (cents / 100).toFixed(2);

export async function campaignResults(shopId: string, campaignId: string, now = new Date()): Promise<CampaignResults> {
  const campaign = await db().campaign.findFirstOrThrow({
    where: { id: campaignId, shopId },
    select: {
      id: true,
      status: true,
      content: true,
      winnerMetric: true,
      shop: { select: { currency: true, settings: true } },
    },
  });
  const windows = parseAttributionSettings(campaign.shop.settings);
  const [states, messages, firstSend] = await Promise.all([
    db().campaignRecipient.groupBy({
      by: ["variant", "state"],
      where: { shopId, campaignId },
      _count: { _all: true },
    }),
    db().$queryRaw<MessageRow[]>(Prisma.sql`
      WITH cm AS (
        SELECT m.id, m."customerId", m.channel, m."sentAt", m."deliveredAt", m."openedAt", m."clickedAt",
               m."deliveryStatus", coalesce(r.variant, m.metadata->>'variant', 'A') AS variant
          FROM "Message" m
          LEFT JOIN "CampaignRecipient" r ON r."messageId" = m.id AND r."shopId" = m."shopId"
         WHERE m."shopId" = ${shopId} AND m."campaignId" = ${campaignId} AND m.direction = 'OUTBOUND'
           AND m.internal = false AND m."sentAt" IS NOT NULL)
      SELECT variant,
             count(*) FILTER (WHERE "deliveredAt" IS NOT NULL
                                 OR "deliveryStatus" IN ('DELIVERED', 'READ', 'OPENED', 'CLICKED'))::int AS delivered,
             count(*) FILTER (WHERE "openedAt" IS NOT NULL OR "clickedAt" IS NOT NULL
                                 OR "deliveryStatus" IN ('READ', 'OPENED', 'CLICKED'))::int AS opened,
             count(*) FILTER (WHERE "clickedAt" IS NOT NULL OR "deliveryStatus" = 'CLICKED')::int AS clicked,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Message" i
                WHERE i."customerId" = cm."customerId" AND i."shopId" = ${shopId} AND i.direction = 'INBOUND'
                  AND i.internal = false AND i."createdAt" > cm."sentAt"
                  AND i."createdAt" <= cm."sentAt" + make_interval(days => ${REPLY_WINDOW_DAYS}::int)))::int AS replied,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM "Consent" c
                WHERE c."customerId" = cm."customerId" AND c."shopId" = ${shopId} AND c.channel = cm.channel
                  AND c.state = 'REVOKED' AND c."occurredAt" >= cm."sentAt"
                  AND c."occurredAt" <= cm."sentAt" + CASE WHEN cm.channel = 'EMAIL'
                        THEN make_interval(days => ${windows.openClickDays}::int)
                        ELSE make_interval(hours => ${windows.smsDeliveryHours}::int) END))::int AS unsubscribed
        FROM cm
       GROUP BY variant`),
    db().message.findFirst({
      where: { shopId, campaignId, direction: "OUTBOUND", sentAt: { not: null } },
      orderBy: { sentAt: "asc" },
      select: { sentAt: true },
    }),
  ]);
  const orders = firstSend?.sentAt
    ? await db().$queryRaw<OrderRow[]>(Prisma.sql`
        WITH mm AS NOT MATERIALIZED (${marketingMessagesSql(shopId)}),
             credited AS (${creditedOrdersSql(shopId, firstSend.sentAt, new Date(now.getTime() + 1), windows)})
        SELECT coalesce(r.variant, m.metadata->>'variant', 'A') AS variant, count(*)::int AS orders,
               coalesce(sum(cr.total_cents), 0)::bigint AS cents
          FROM credited cr
          JOIN "Message" m ON m.id = cr.message_id
          LEFT JOIN "CampaignRecipient" r ON r."messageId" = m.id AND r."shopId" = m."shopId"
         WHERE cr.source_kind = 'campaign' AND cr.source_id = ${campaignId}
           AND m."sentAt" >= ${at(firstSend.sentAt)}
         GROUP BY 1`)
    : [];

  const content = readCampaignContent(campaign.content);
  const keys = new Set<string>(content.variants.map((v) => v.key));
  for (const row of states) keys.add(row.variant);
  for (const row of messages) keys.add(row.variant);
  const revenueCents = new Map<string, number>();
  const variants: VariantResult[] = [...keys].sort().map((key) => {
    const figures = zero();
    for (const row of states.filter((s) => s.variant === key)) {
      figures.recipients += row._count._all;
      if (row.state === "SENT") figures.sent += row._count._all;
      if (row.state === "SKIPPED") figures.skipped += row._count._all;
      if (row.state === "FAILED") figures.failed += row._count._all;
    }
    const m = messages.find((row) => row.variant === key);
    if (m)
      Object.assign(figures, {
        delivered: m.delivered,
        opened: m.opened,
        clicked: m.clicked,
        replied: m.replied,
        unsubscribed: m.unsubscribed,
      });
    const o = orders.find((row) => row.variant === key);
    const cents = o ? Number(o.cents) : 0;
    revenueCents.set(key, cents);
    figures.orders = o?.orders ?? 0;
    figures.revenue = centsToString(cents);
    return { key, weight: content.variants.find((v) => v.key === key)?.weight ?? 0, metricRate: null, ...figures };
  });

  const total = zero();
  let totalCents = 0;
  for (const v of variants) {
    for (const k of [
      "recipients",
      "sent",
      "skipped",
      "failed",
      "delivered",
      "opened",
      "clicked",
      "replied",
      "unsubscribed",
      "orders",
    ] as const)
      total[k] += v[k];
    totalCents += revenueCents.get(v.key) ?? 0;
  }
  total.revenue = centsToString(totalCents);

  const metric = (
    WINNER_METRIC_SET.has(campaign.winnerMetric ?? "") ? campaign.winnerMetric : null
  ) as WinnerMetric | null;
  for (const v of variants)
    v.metricRate = metric && v.sent > 0 ? rateOf(v, metric, revenueCents.get(v.key) ?? 0) : null;
  const { winner, tie } = pickWinner(variants, metric, campaign.status === "COMPLETED");
  return { currency: campaign.shop.currency, variants, total, winnerMetric: metric, winner, tie, attribution: windows };
}

const WINNER_METRIC_SET = new Set<string>(["clicked", "replied", "orders", "revenue"]);

function rateOf(v: VariantResult, metric: WinnerMetric, cents: number): number {
  const count = metric === "revenue" ? cents / 100 : v[metric];
  return count / v.sent;
}

/** The highest rate among variants that have sent; none with one variant, none on a tie. */
export function pickWinner(
  variants: Array<{ key: string; sent: number; metricRate: number | null }>,
  metric: WinnerMetric | null,
  final: boolean,
): { winner: CampaignResults["winner"]; tie: boolean } {
  const contenders = variants.filter((v) => v.sent > 0 && v.metricRate !== null);
  if (!metric || variants.length < 2 || contenders.length < 2) return { winner: null, tie: false };
  const best = Math.max(...contenders.map((v) => v.metricRate!));
  const top = contenders.filter((v) => Math.abs(v.metricRate! - best) < 1e-12);
  if (top.length > 1) return { winner: null, tie: true };
  return { winner: { key: top[0].key, rate: best, final }, tie: false };
}
