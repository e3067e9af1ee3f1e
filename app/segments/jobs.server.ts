// Segment jobs (decision 0055). The database is the truth: Segment.refreshState REFRESHING means a
// rebuild is owed, and the reconciler gives such a segment its job back when Redis lost it.
//   refresh-segment-<segmentId>         a full rebuild (save, the periodic refresh, the reconciler)
//   refresh-all-segments (repeatable)   per installed shop: the fallback RFM, then every segment
//   refresh-customer-segments           after an order or a consent change: those customers only,
//                                       job id derived from the rows that changed (ids only)
import { createHash } from "node:crypto";
import { db } from "../db/client.server";
import { enqueue, requeueUnlessLive } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { isPermanentRefreshError, refreshCustomerSegments, refreshSegmentMembers } from "./membership.server";
import { computeFallbackRfm, syncLastOrderAt } from "./rfm.server";

/** How often every segment is rebuilt from scratch (and the fallback RFM recomputed). */
export const SEGMENTS_REFRESH_EVERY_MS = 60 * 60_000;

/** Marks the segment REFRESHING and gives it its job (a finished job under the same id is replaced). */
export async function requestSegmentRefresh(shopId: string, segmentId: string): Promise<void> {
  const marked = await db().segment.updateMany({
    where: { id: segmentId, shopId },
    data: { refreshState: "REFRESHING", refreshError: null },
  });
  if (marked.count === 0) return;
  try {
    await requeueUnlessLive(JOB.refreshSegment, { segmentId });
  } catch (err) {
    // REFRESHING is the truth: the reconciler enqueues it.
    logger.warn({ shopId, segmentId, err: (err as Error).message }, "segment refresh enqueue failed");
  }
}

/** The refresh-segment job. A refusal no retry can cure stays FAILED on the row instead of retrying. */
export async function runSegmentRefreshJob(segmentId: string): Promise<number> {
  const segment = await db().segment.findUnique({
    where: { id: segmentId },
    select: { shopId: true, refreshState: true, shop: { select: { uninstalledAt: true } } },
  });
  if (!segment || segment.refreshState !== "REFRESHING") return 0;
  if (segment.shop.uninstalledAt) {
    await db().segment.update({
      where: { id: segmentId },
      data: { refreshState: "FAILED", refreshError: "the shop uninstalled the app" },
    });
    return 0;
  }
  try {
    return await refreshSegmentMembers(segment.shopId, segmentId);
  } catch (error) {
    if (isPermanentRefreshError(error)) return 0;
    throw error;
  }
}

/** The periodic job: for each installed shop, the fallback RFM and then a rebuild of every segment. */
export async function refreshAllSegments(): Promise<{ shops: number; segments: number }> {
  const shops = await db().shop.findMany({ where: { uninstalledAt: null }, select: { id: true } });
  let segments = 0;
  for (const shop of shops) {
    await computeFallbackRfm(shop.id);
    const rows = await db().segment.findMany({
      where: { shopId: shop.id, refreshState: { not: "REFRESHING" } },
      select: { id: true },
    });
    for (const row of rows) await requestSegmentRefresh(shop.id, row.id);
    segments += rows.length;
  }
  return { shops: shops.length, segments };
}

/** Segments left REFRESHING whose job Redis no longer holds. */
export async function reconcileSegmentRefreshes(): Promise<number> {
  const rows = await db().segment.findMany({
    where: { refreshState: "REFRESHING", shop: { uninstalledAt: null } },
    select: { id: true },
    take: 500,
  });
  let requeued = 0;
  for (const { id } of rows) if (await requeueUnlessLive(JOB.refreshSegment, { segmentId: id })) requeued += 1;
  return requeued;
}

/** A job id from what changed: the same change always maps to the same job; a later one to another. */
export function customerRefreshJobId(shopId: string, customerIds: string[], change: string): string {
  const digest = createHash("sha1")
    .update([shopId, ...[...customerIds].sort(), change].join("|"))
    .digest("hex");
  return `segments-customers-${digest}`;
}

/**
 * After the commit of an order or consent change: one job for these customers. Never throws (the
 * periodic rebuild covers a lost job); costs one Redis call, no SQL.
 */
export async function enqueueCustomerSegmentRefresh(shopId: string, customerIds: string[], change: string) {
  const ids = [...new Set(customerIds.filter(Boolean))];
  if (ids.length === 0) return;
  try {
    await enqueue(
      JOB.refreshCustomerSegments,
      { shopId, customerIds: ids },
      { jobId: customerRefreshJobId(shopId, ids, change), removeOnComplete: true },
    );
  } catch (err) {
    logger.warn({ shopId, err: (err as Error).message }, "customer segment refresh enqueue failed");
  }
}

/** The refresh-customer-segments job: their lastOrderAt, then each against every segment of the shop. */
export async function runCustomerSegmentsJob(shopId: string, customerIds: string[]): Promise<void> {
  const shop = await db().shop.findFirst({ where: { id: shopId, uninstalledAt: null }, select: { id: true } });
  if (!shop) return;
  await syncLastOrderAt(shopId, customerIds);
  if ((await db().segment.count({ where: { shopId } })) === 0) return;
  for (const customerId of customerIds) await refreshCustomerSegments(shopId, customerId);
}

/** After a committed consent change of this customer: keyed by their newest consent row. */
export async function afterConsentChangedForSegments(shopId: string, customerId: string): Promise<void> {
  try {
    const newest = await db().consent.aggregate({ where: { customerId, shopId }, _max: { updatedAt: true } });
    const at = newest._max.updatedAt?.getTime() ?? 0;
    await enqueueCustomerSegmentRefresh(shopId, [customerId], `consent:${at}`);
  } catch (err) {
    logger.warn({ shopId, customerId, err: (err as Error).message }, "segment refresh after consent failed");
  }
}
