// Home page: the latest Shopify import and the shop's headline counts.
import { db } from "../db/client.server";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function getLatestBackfill(shopId: string) {
  return db().backfillRun.findFirst({
    where: { shopId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      reason: true,
      status: true,
      mode: true,
      phase: true,
      customersImported: true,
      ordersImported: true,
      checkoutsImported: true,
      productsImported: true,
      customersTotal: true,
      ordersTotal: true,
      throttledMs: true,
      error: true,
      startedAt: true,
      finishedAt: true,
      createdAt: true,
    },
  });
}

export async function hasActiveBackfill(shopId: string): Promise<boolean> {
  const active = await db().backfillRun.findFirst({
    where: { shopId, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true },
  });
  return active !== null;
}

export async function getHomeSummary(shopId: string, now = new Date()) {
  const since = new Date(now.getTime() - 90 * DAY_MS);
  const [customers, ordersLast90Days, openCarts, openConversations, cartRecovery] = await Promise.all([
    db().customer.count({ where: { shopId, mergedIntoId: null } }),
    db().order.count({
      where: {
        shopId,
        OR: [{ processedAt: { gte: since } }, { processedAt: null, createdAt: { gte: since } }],
      },
    }),
    db().checkout.count({ where: { shopId, completedAt: null, recoveredOrderId: null } }),
    db().conversation.count({ where: { shopId, status: "OPEN" } }),
    // Open carts are what cart recovery works on: the tile leads there.
    db().flow.findUnique({ where: { shopId_kind: { shopId, kind: "CART_RECOVERY" } }, select: { id: true } }),
  ]);
  return { customers, ordersLast90Days, openCarts, openConversations, cartRecoveryFlowId: cartRecovery?.id ?? null };
}
