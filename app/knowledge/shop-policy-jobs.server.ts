// Keeping the policies fresh. Shop.policiesSyncedAt is the truth: a maintenance job every hour
// (refresh-due-shop-policies) enqueues refresh-shop-policies for each installed shop not read in
// the last 23 hours, under the id policies-<shopId>-<UTC day>. That hourly pass is also the
// reconciliation: a job Redis lost is enqueued again within the hour, and a day's job that failed
// for good (kept by BullMQ under its id) is not retried before the next day. The backfill's end
// enqueues one more under policies-<shopId>-backfill-<runId>, so a new shop has its policies (in
// the language the backfill just read) without waiting.
import { enqueue } from "../jobs/enqueue.server";
import { dailyPolicyJobId, JOB } from "../jobs/queues.server";
import { db } from "../db/client.server";
import { refreshShopPolicies, type PolicyRefreshResult } from "./shop-policies.server";

export const POLICIES_DUE_AFTER_MS = 23 * 3600_000;
export const REFRESH_DUE_POLICIES_EVERY_MS = 60 * 60_000;

export async function refreshDueShopPolicies(now: Date = new Date()): Promise<number> {
  const dueBefore = new Date(now.getTime() - POLICIES_DUE_AFTER_MS);
  const shops = await db().shop.findMany({
    where: { uninstalledAt: null, OR: [{ policiesSyncedAt: null }, { policiesSyncedAt: { lt: dueBefore } }] },
    select: { id: true },
  });
  for (const shop of shops)
    await enqueue(JOB.refreshShopPolicies, { shopId: shop.id }, { jobId: dailyPolicyJobId(shop.id, now) });
  return shops.length;
}

/** The job: a Shopify failure throws so BullMQ retries it; a shop without a token is not retried. */
export async function runShopPoliciesJob(shopId: string): Promise<PolicyRefreshResult> {
  const result = await refreshShopPolicies(shopId);
  if (!result.ok && result.reason === "admin_api") throw new Error(result.message);
  return result;
}

export async function enqueuePoliciesAfterBackfill(shopId: string, backfillRunId: string): Promise<void> {
  await enqueue(JOB.refreshShopPolicies, { shopId }, { jobId: `policies-${shopId}-backfill-${backfillRunId}` });
}
