// The marketing half of the KPI dashboard (issue 13, decision 0046): per flow and per campaign what
// was sent and what it earned, cart recovery and repeat purchases, for the chosen
// period beside the previous one. Every figure comes straight from our rows with SQL; the
// definitions are in the README ("Marketing KPIs and attribution") and next to each figure on the page.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { Channel, type FlowKind } from "../generated/prisma/enums";
import { isMarketingFlow } from "../flows/flow-purpose";
import { LIFECYCLE_KINDS } from "../flows/lifecycle/kinds";
import { parseAttributionSettings, type AttributionSettings } from "../attribution/settings";
import { KpiPeriodError, type KpiFilters, type KpiPeriod } from "./period";
import {
  channelCondition,
  creditedOrdersSql,
  marketingMessagesSql,
  PLACED_AT,
  sentBetween,
} from "./marketing-sql.server";
import { at, kpiQuery } from "./sql.server";

export type PeriodKey = "current" | "previous";

export interface MarketingFigures {
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  /** Distinct customers sent at least one message. */
  recipients: number;
  /** Orders credited to the source (attribution rule) placed in the period, and their total. */
  orders: number;
  revenue: string;
  /** revenue / recipients, 2 decimals; null without recipients. */
  revenuePerRecipient: string | null;
}

export interface MarketingSource {
  kind: "flow" | "campaign";
  id: string;
  name: string;
  /** The flow's kind; null for a campaign. */
  flowKind: FlowKind | null;
  marketing: boolean;
  current: MarketingFigures;
  previous: MarketingFigures;
}

export interface CartRecoveryFigures {
  /** Checkouts whose abandonment (1 h without activity, no order) falls in the period. */
  abandoned: number;
  /** Of those, completed as an order that is not cancelled (at any time since). */
  recovered: number;
  /** recovered / abandoned, 0–1; null when nothing was abandoned. */
  rate: number | null;
  recoveredRevenue: string;
  /** Of the recovered, those whose order is credited to a cart-recovery message (Order.attributedMessageId). */
  recoveredAfterMessage: number;
}

export interface RepeatGroup {
  customers: number;
  repeat: number;
  /** repeat / customers, 0–1; null without customers. */
  rate: number | null;
}

export interface RepeatPurchaseFigures {
  messaged: RepeatGroup;
  notMessaged: RepeatGroup;
}

/** The old Analytics page's store figures, kept beside the marketing ones. */
export interface StoreFigures {
  orders: number;
  cancelledOrders: number;
  revenue: string;
  checkoutsStarted: number;
  checkoutsAbandoned: number;
  checkoutsRecovered: number;
}

export interface MarketingKpis {
  period: {
    from: string;
    to: string;
    previousFrom: string;
    previousTo: string;
    fromDate: string;
    toDate: string;
    days: number;
  };
  channel: Channel | null;
  currency: string;
  attribution: AttributionSettings;
  sources: MarketingSource[];
  totals: Record<PeriodKey, MarketingFigures>;
  cartRecovery: Record<PeriodKey, CartRecoveryFigures>;
  repeatPurchase: Record<PeriodKey, RepeatPurchaseFigures>;
  store: Record<PeriodKey, StoreFigures>;
}

const FLOW_ORDER: FlowKind[] = [
  "CART_RECOVERY",
  "REVIEW_REQUEST",
  "ORDER_CONFIRMATION",
  "SHIPPING_UPDATE",
  ...LIFECYCLE_KINDS,
];

/** The channel filter as our enum; "sms" or "SMS"; unknown channels are refused (answer 400). */
export function marketingChannel(filters: Pick<KpiFilters, "channel">): Channel | null {
  if (!filters.channel) return null;
  const value = filters.channel.toUpperCase();
  if (!(Object.values(Channel) as string[]).includes(value))
    throw new KpiPeriodError(`Unknown channel "${filters.channel.slice(0, 40)}".`);
  return value as Channel;
}

const money = (cents: bigint | number | null): string => (Number(cents ?? 0) / 100).toFixed(2);
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function figures(
  m: { sent: number; delivered: number; opened: number; clicked: number; recipients: number } | undefined,
  a: { orders: number; cents: bigint } | undefined,
): MarketingFigures {
  const recipients = m?.recipients ?? 0;
  const cents = Number(a?.cents ?? 0);
  return {
    sent: m?.sent ?? 0,
    delivered: m?.delivered ?? 0,
    opened: m?.opened ?? 0,
    clicked: m?.clicked ?? 0,
    recipients,
    orders: a?.orders ?? 0,
    revenue: money(cents),
    revenuePerRecipient: recipients > 0 ? money(Math.round(cents / recipients)) : null,
  };
}

const periodCase = (column: Prisma.Sql, period: KpiPeriod) =>
  Prisma.sql`CASE WHEN ${column} >= ${at(period.from)} THEN 'current' ELSE 'previous' END`;

interface MessageRow {
  period: PeriodKey;
  source_kind: string | null;
  source_id: string | null;
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
  recipients: number;
}

function messageFigures(shopId: string, period: KpiPeriod, channel: Channel | null) {
  return kpiQuery<MessageRow[]>(Prisma.sql`
    WITH mm AS NOT MATERIALIZED (${marketingMessagesSql(shopId)})
    SELECT period, source_kind, source_id,
           count(*)::int AS sent,
           count(*) FILTER (WHERE "deliveredAt" IS NOT NULL
                              OR "deliveryStatus" IN ('DELIVERED', 'READ', 'OPENED', 'CLICKED'))::int AS delivered,
           count(*) FILTER (WHERE "openedAt" IS NOT NULL OR "clickedAt" IS NOT NULL
                              OR "deliveryStatus" IN ('READ', 'OPENED', 'CLICKED'))::int AS opened,
           count(*) FILTER (WHERE "clickedAt" IS NOT NULL OR "deliveryStatus" = 'CLICKED')::int AS clicked,
           count(DISTINCT "customerId")::int AS recipients
      FROM (SELECT mm.*, ${periodCase(Prisma.sql`mm."sentAt"`, period)} AS period
              FROM mm
             WHERE ${sentBetween(period.previousFrom, period.to)}
                   ${channelCondition(Prisma.sql`mm.channel`, channel)}) x
     GROUP BY GROUPING SETS ((period, source_kind, source_id), (period))`);
}

interface CreditRow {
  period: PeriodKey;
  source_kind: string | null;
  source_id: string | null;
  orders: number;
  cents: bigint;
}

function creditFigures(shopId: string, period: KpiPeriod, windows: AttributionSettings, channel: Channel | null) {
  return kpiQuery<CreditRow[]>(Prisma.sql`
    WITH mm AS NOT MATERIALIZED (${marketingMessagesSql(shopId)}),
         credited AS (${creditedOrdersSql(shopId, period.previousFrom, period.to, windows)})
    SELECT period, source_kind, source_id, count(*)::int AS orders, COALESCE(sum(total_cents), 0)::bigint AS cents
      FROM (SELECT c.*, ${periodCase(Prisma.sql`c.placed`, period)} AS period
              FROM credited c
             WHERE true ${channelCondition(Prisma.sql`c.channel`, channel)}) x
     GROUP BY GROUPING SETS ((period, source_kind, source_id), (period))`);
}

interface CartRow {
  period: PeriodKey;
  abandoned: number;
  recovered: number;
  recovered_cents: bigint;
  after_message: number;
}

function cartRecoveryFigures(shopId: string, period: KpiPeriod, channel: Channel | null) {
  const afterMessage = channel
    ? Prisma.sql`ro."attributedMessageId" IS NOT NULL AND am.channel = ${channel}::"Channel"`
    : Prisma.sql`ro."attributedMessageId" IS NOT NULL`;
  return kpiQuery<CartRow[]>(Prisma.sql`
    SELECT ${periodCase(Prisma.sql`e."occurredAt"`, period)} AS period,
           count(DISTINCT c.id)::int AS abandoned,
           count(DISTINCT ro.id)::int AS recovered,
           COALESCE(sum(round(ro."totalPrice" * 100)), 0)::bigint AS recovered_cents,
           count(DISTINCT ro.id) FILTER (WHERE ${afterMessage})::int AS after_message
      FROM "TimelineEvent" e
      JOIN "Checkout" c ON c.id = e."checkoutId" AND c."shopId" = e."shopId"
      LEFT JOIN "Order" ro ON ro.id = c."recoveredOrderId" AND ro."shopId" = c."shopId" AND ro."cancelledAt" IS NULL
      LEFT JOIN "Message" am ON am.id = ro."attributedMessageId"
     WHERE e."shopId" = ${shopId} AND e.type = 'CHECKOUT_ABANDONED'
       AND e."occurredAt" >= ${at(period.previousFrom)} AND e."occurredAt" < ${at(period.to)}
     GROUP BY 1`);
}

interface RepeatRow {
  period: PeriodKey;
  messaged: boolean;
  customers: number;
  repeat: number;
}

function repeatPurchaseFigures(shopId: string, period: KpiPeriod, channel: Channel | null) {
  // Set-based: the messaged customers of both periods in one pass over the period's messages, and
  // every buyer's order count in one pass over the shop's orders (per-buyer subqueries cost a
  // probe per buyer, and a per-buyer EXISTS let the planner scan a whole flow's messages each time).
  return kpiQuery<RepeatRow[]>(Prisma.sql`
    WITH mm AS NOT MATERIALIZED (${marketingMessagesSql(shopId)}),
         buyers AS (
           SELECT DISTINCT o."customerId", ${periodCase(PLACED_AT, period)} AS period
             FROM "Order" o
            WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL AND o."customerId" IS NOT NULL
              AND ((o."processedAt" >= ${at(period.previousFrom)} AND o."processedAt" < ${at(period.to)})
                OR (o."processedAt" IS NULL AND o."createdAt" >= ${at(period.previousFrom)}
                    AND o."createdAt" < ${at(period.to)}))),
         messaged AS (
           SELECT DISTINCT mm."customerId", ${periodCase(Prisma.sql`mm."sentAt"`, period)} AS period
             FROM mm
            WHERE mm.marketing AND ${sentBetween(period.previousFrom, period.to)}
                  ${channelCondition(Prisma.sql`mm.channel`, channel)}),
         counts AS (
           SELECT o."customerId",
                  count(*) FILTER (WHERE ${PLACED_AT} < ${at(period.previousTo)}) AS by_previous_end,
                  count(*) AS by_current_end
             FROM "Order" o
            WHERE o."shopId" = ${shopId} AND o."cancelledAt" IS NULL AND o."customerId" IS NOT NULL
              AND ${PLACED_AT} < ${at(period.to)}
            GROUP BY o."customerId"),
         flagged AS (
           SELECT b.period, ms."customerId" IS NOT NULL AS messaged,
                  CASE WHEN b.period = 'current' THEN n.by_current_end ELSE n.by_previous_end END >= 2 AS repeat
             FROM buyers b
             JOIN counts n ON n."customerId" = b."customerId"
             LEFT JOIN messaged ms ON ms."customerId" = b."customerId" AND ms.period = b.period)
    SELECT period, messaged, count(*)::int AS customers, count(*) FILTER (WHERE repeat)::int AS repeat
      FROM flagged
     GROUP BY period, messaged`);
}

interface StoreRow {
  period: PeriodKey;
  orders: number;
  cancelled: number;
  cents: bigint;
}

interface CheckoutEventRow {
  period: PeriodKey;
  type: string;
  n: number;
}

function storeFigures(shopId: string, period: KpiPeriod) {
  return Promise.all([
    kpiQuery<StoreRow[]>(Prisma.sql`
      SELECT ${periodCase(PLACED_AT, period)} AS period,
             count(*) FILTER (WHERE o."cancelledAt" IS NULL)::int AS orders,
             count(*) FILTER (WHERE o."cancelledAt" IS NOT NULL)::int AS cancelled,
             COALESCE(sum(round(o."totalPrice" * 100)) FILTER (WHERE o."cancelledAt" IS NULL), 0)::bigint AS cents
        FROM "Order" o
       WHERE o."shopId" = ${shopId}
         AND ((o."processedAt" >= ${at(period.previousFrom)} AND o."processedAt" < ${at(period.to)})
           OR (o."processedAt" IS NULL AND o."createdAt" >= ${at(period.previousFrom)} AND o."createdAt" < ${at(period.to)}))
       GROUP BY 1`),
    kpiQuery<CheckoutEventRow[]>(Prisma.sql`
      SELECT ${periodCase(Prisma.sql`e."occurredAt"`, period)} AS period, e.type::text AS type, count(*)::int AS n
        FROM "TimelineEvent" e
       WHERE e."shopId" = ${shopId}
         AND e.type IN ('CHECKOUT_STARTED', 'CHECKOUT_ABANDONED', 'CHECKOUT_RECOVERED')
         AND e."occurredAt" >= ${at(period.previousFrom)} AND e."occurredAt" < ${at(period.to)}
       GROUP BY 1, 2`),
  ]);
}

/**
 * The campaigns with a message sent or an order credited in either period (so the rows add up to the
 * totals), newest first. Unlike flows, a shop's campaigns without figures are left out: they pile up.
 */
async function campaignsWithFigures(
  shopId: string,
  rows: Array<{ source_kind: string | null; source_id: string | null }>,
): Promise<Array<{ id: string; name: string }>> {
  const ids = [...new Set(rows.filter((r) => r.source_kind === "campaign" && r.source_id).map((r) => r.source_id!))];
  if (ids.length === 0) return [];
  const found = await db().campaign.findMany({
    where: { shopId, id: { in: ids } },
    select: { id: true, name: true, createdAt: true },
  });
  const byId = new Map(found.map((c) => [c.id, c]));
  // A message may outlive its campaign row: its figures still count in the totals, so it keeps a row.
  return ids
    .map((id) => byId.get(id) ?? { id, name: "Deleted campaign", createdAt: new Date(0) })
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
}

export async function marketingKpis(shopId: string, period: KpiPeriod, filters: KpiFilters): Promise<MarketingKpis> {
  const channel = marketingChannel(filters);
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true, currency: true } });
  const windows = parseAttributionSettings(shop.settings);
  const [flows, messages, credits, carts, repeats, [orders, checkouts]] = await Promise.all([
    db().flow.findMany({ where: { shopId }, select: { id: true, kind: true, name: true } }),
    messageFigures(shopId, period, channel),
    creditFigures(shopId, period, windows, channel),
    cartRecoveryFigures(shopId, period, channel),
    repeatPurchaseFigures(shopId, period, channel),
    storeFigures(shopId, period),
  ]);

  const key = (kind: string | null, id: string | null, p: PeriodKey) => `${p}:${kind ?? "*"}:${id ?? "*"}`;
  const messageBy = new Map(messages.map((r) => [key(r.source_kind, r.source_id, r.period), r]));
  const creditBy = new Map(credits.map((r) => [key(r.source_kind, r.source_id, r.period), r]));
  const both = (kind: string | null, id: string | null, p: PeriodKey) =>
    figures(messageBy.get(key(kind, id, p)), creditBy.get(key(kind, id, p)));

  const flowSources: MarketingSource[] = [...flows]
    .sort((a, b) => FLOW_ORDER.indexOf(a.kind) - FLOW_ORDER.indexOf(b.kind))
    .map((f) => ({
      kind: "flow" as const,
      id: f.id,
      name: f.name,
      flowKind: f.kind,
      marketing: isMarketingFlow(f.kind),
      current: both("flow", f.id, "current"),
      previous: both("flow", f.id, "previous"),
    }));
  const campaignSources: MarketingSource[] = (await campaignsWithFigures(shopId, [...messages, ...credits])).map(
    (c) => ({
      kind: "campaign" as const,
      id: c.id,
      name: c.name,
      flowKind: null,
      marketing: true,
      current: both("campaign", c.id, "current"),
      previous: both("campaign", c.id, "previous"),
    }),
  );
  const sources = [...flowSources, ...campaignSources];

  const cart = (p: PeriodKey): CartRecoveryFigures => {
    const r = carts.find((c) => c.period === p);
    const abandoned = r?.abandoned ?? 0;
    const recovered = r?.recovered ?? 0;
    return {
      abandoned,
      recovered,
      rate: ratio(recovered, abandoned),
      recoveredRevenue: money(r?.recovered_cents ?? 0),
      recoveredAfterMessage: r?.after_message ?? 0,
    };
  };
  const group = (p: PeriodKey, messaged: boolean): RepeatGroup => {
    const r = repeats.find((x) => x.period === p && x.messaged === messaged);
    return { customers: r?.customers ?? 0, repeat: r?.repeat ?? 0, rate: ratio(r?.repeat ?? 0, r?.customers ?? 0) };
  };
  const store = (p: PeriodKey): StoreFigures => {
    const o = orders.find((x) => x.period === p);
    const count = (type: string) => checkouts.find((x) => x.period === p && x.type === type)?.n ?? 0;
    return {
      orders: o?.orders ?? 0,
      cancelledOrders: o?.cancelled ?? 0,
      revenue: money(o?.cents ?? 0),
      checkoutsStarted: count("CHECKOUT_STARTED"),
      checkoutsAbandoned: count("CHECKOUT_ABANDONED"),
      checkoutsRecovered: count("CHECKOUT_RECOVERED"),
    };
  };

  return {
    period: {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      previousFrom: period.previousFrom.toISOString(),
      previousTo: period.previousTo.toISOString(),
      fromDate: period.fromDate,
      toDate: period.toDate,
      days: period.days,
    },
    channel,
    currency: shop.currency,
    attribution: windows,
    sources,
    totals: { current: both(null, null, "current"), previous: both(null, null, "previous") },
    cartRecovery: { current: cart("current"), previous: cart("previous") },
    repeatPurchase: {
      current: { messaged: group("current", true), notMessaged: group("current", false) },
      previous: { messaged: group("previous", true), notMessaged: group("previous", false) },
    },
    store: { current: store("current"), previous: store("previous") },
  };
}
