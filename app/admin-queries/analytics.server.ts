// Analytics figures straight from our rows, over a rolling window (30 days by default).
import { db } from "../db/client.server";
import type { Channel } from "../generated/prisma/enums";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ChannelMessageFigures {
  channel: Channel;
  sent: number;
  received: number;
  failed: number;
}

export async function getAnalytics(shopId: string, opts: { now?: Date; days?: number } = {}) {
  const now = opts.now ?? new Date();
  const days = opts.days ?? 30;
  const since = new Date(now.getTime() - days * DAY_MS);
  const placedInWindow = {
    OR: [{ processedAt: { gte: since, lte: now } }, { processedAt: null, createdAt: { gte: since, lte: now } }],
  };

  const [orderGroups, cancelledOrders, checkoutGroups, messageGroups] = await Promise.all([
    db().order.groupBy({
      by: ["currency"],
      where: { shopId, cancelledAt: null, ...placedInWindow },
      _count: { _all: true },
      _sum: { totalPrice: true },
    }),
    db().order.count({ where: { shopId, cancelledAt: { not: null }, ...placedInWindow } }),
    db().timelineEvent.groupBy({
      by: ["type"],
      where: {
        shopId,
        type: { in: ["CHECKOUT_STARTED", "CHECKOUT_ABANDONED", "CHECKOUT_RECOVERED"] },
        occurredAt: { gte: since, lte: now },
      },
      _count: { _all: true },
    }),
    db().message.groupBy({
      by: ["channel", "direction", "deliveryStatus"],
      where: { shopId, internal: false, createdAt: { gte: since, lte: now } },
      _count: { _all: true },
    }),
  ]);

  const revenueByCurrency = orderGroups
    .map((g) => ({ currency: g.currency, orders: g._count._all, revenue: (g._sum.totalPrice ?? 0).toString() }))
    .sort((a, b) => b.orders - a.orders);
  const orders = revenueByCurrency.reduce((n, g) => n + g.orders, 0);

  const checkoutCount = (type: string) => checkoutGroups.find((g) => g.type === type)?._count._all ?? 0;
  const checkouts = {
    started: checkoutCount("CHECKOUT_STARTED"),
    abandoned: checkoutCount("CHECKOUT_ABANDONED"),
    recovered: checkoutCount("CHECKOUT_RECOVERED"),
  };

  const byChannel = new Map<Channel, ChannelMessageFigures>();
  for (const g of messageGroups) {
    const row = byChannel.get(g.channel) ?? { channel: g.channel, sent: 0, received: 0, failed: 0 };
    const n = g._count._all;
    if (g.direction === "INBOUND") row.received += n;
    else {
      row.sent += n;
      if (g.deliveryStatus === "FAILED" || g.deliveryStatus === "UNDELIVERED") row.failed += n;
    }
    byChannel.set(g.channel, row);
  }
  const messages = [...byChannel.values()].sort((a, b) => a.channel.localeCompare(b.channel));

  const hasData =
    orders > 0 ||
    cancelledOrders > 0 ||
    checkouts.started + checkouts.abandoned + checkouts.recovered > 0 ||
    messages.length > 0;

  return {
    since,
    until: now,
    days,
    orders,
    cancelledOrders,
    revenueByCurrency,
    checkouts,
    messages,
    hasData,
  };
}
