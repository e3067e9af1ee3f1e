// Shopify sends no webhook when a checkout is abandoned, and checkout webhooks
// can be lost; a periodic sweep of recently updated checkouts catches both.
import { db } from "../../db/client.server";
import { enqueue } from "../../jobs/enqueue.server";
import { onCheckoutChanged } from "../../flow-runs/triggers.server";
import { JOB } from "../../jobs/queues.server";
import { logger } from "../../lib/logger.server";
import { adminClientForShop } from "../admin-client.server";
import { MissingOfflineSessionError } from "../graphql/errors";
import { checkoutsUpdatedSinceQuery } from "../graphql/queries/checkout-sweep";
import { HISTORY_DAYS } from "./backfill-context";
import { importAbandonedCheckouts } from "./import-checkouts.server";

/** Shopify's search index trails writes a little; re-reading a few minutes costs nothing (ingest is idempotent). */
export const SWEEP_OVERLAP_MS = 5 * 60_000;

export interface SweepResult {
  shopId: string;
  imported: number;
  since?: Date;
  skipped?: string;
}

/** Moves the sweep's starting point forward, never back. */
export async function advanceCheckoutSweep(shopId: string, to: Date) {
  await db().shop.updateMany({
    where: { id: shopId, OR: [{ lastCheckoutSweepAt: null }, { lastCheckoutSweepAt: { lt: to } }] },
    data: { lastCheckoutSweepAt: to },
  });
}

export async function sweepAbandonedCheckouts(shopId: string): Promise<SweepResult> {
  const shop = await db().shop.findUnique({ where: { id: shopId } });
  if (!shop || shop.uninstalledAt) return { shopId, imported: 0, skipped: "not installed" };

  const startedAt = new Date();
  const since = shop.lastCheckoutSweepAt
    ? new Date(shop.lastCheckoutSweepAt.getTime() - SWEEP_OVERLAP_MS)
    : new Date(startedAt.getTime() - HISTORY_DAYS * 24 * 3600 * 1000);
  let client;
  try {
    client = await adminClientForShop(shop.domain);
  } catch (error) {
    if (!(error instanceof MissingOfflineSessionError)) throw error;
    // Nothing to retry until the shop reinstalls; failing the job every half hour would only add noise.
    logger.warn({ shop: shop.domain }, error.message);
    return { shopId, imported: 0, skipped: "no offline session" };
  }
  const imported = await importAbandonedCheckouts({
    client,
    shopId,
    operationName: "SweepAbandonedCheckouts",
    searchQuery: checkoutsUpdatedSinceQuery(since),
  });
  await advanceCheckoutSweep(shopId, startedAt);
  // Checkouts the sweep wrote are the ones whose webhooks were lost: they may start
  // cart recovery like a webhook would (the backfill itself never does).
  const touched = await db().checkout.findMany({
    where: { shopId, completedAt: null, updatedAt: { gte: startedAt } },
    select: { id: true },
  });
  for (const checkout of touched) await onCheckoutChanged(shopId, checkout.id);
  if (imported > 0) logger.info({ shop: shop.domain, imported, since }, "checkout sweep imported checkouts");
  return { shopId, imported, since };
}

/** Fans the sweep out as one job per installed shop, so one slow shop delays no other. */
export async function sweepAllShops(): Promise<number> {
  const shops = await db().shop.findMany({ where: { uninstalledAt: null }, select: { id: true } });
  for (const shop of shops) await enqueue(JOB.sweepCheckouts, { shopId: shop.id });
  return shops.length;
}
