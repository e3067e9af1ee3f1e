// Shopify's GraphQL Admin API is a leaky bucket of cost points: it refills at
// restoreRate points per second up to maximumAvailable, and a query whose cost
// exceeds what is left is answered THROTTLED. Waiting first is cheaper than
// being refused, so callers ask here how long to wait.
import { z } from "zod";

export const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});
export type ThrottleStatus = z.infer<typeof throttleStatusSchema>;

export const queryCostSchema = z.object({
  requestedQueryCost: z.number().optional(),
  actualQueryCost: z.number().nullish(),
  throttleStatus: throttleStatusSchema,
});
export type QueryCost = z.infer<typeof queryCostSchema>;

/** What the bucket holds now, given what Shopify last reported and the time since. */
export function availableNow(status: ThrottleStatus, elapsedMs: number): number {
  return Math.min(
    status.maximumAvailable,
    status.currentlyAvailable + (status.restoreRate * Math.max(0, elapsedMs)) / 1000,
  );
}

/** Milliseconds to wait until the bucket holds expectedCost points (0 when it already does). */
export function waitBeforeQueryMs(expectedCost: number, status: ThrottleStatus, elapsedMs = 0): number {
  if (status.restoreRate <= 0) return 0;
  // A query costing more than the bucket can ever hold would wait forever; Shopify refuses it anyway.
  const needed = Math.min(expectedCost, status.maximumAvailable);
  const deficit = needed - availableNow(status, elapsedMs);
  return deficit > 0 ? Math.ceil((deficit / status.restoreRate) * 1000) : 0;
}

/** Shared per shop: the bucket belongs to the shop and app, not to one client instance. */
export class ShopBucket {
  private status: ThrottleStatus | undefined;
  private seenAt = 0;
  private readonly costByOperation = new Map<string, number>();

  observe(cost: QueryCost, operationName: string | undefined, now = Date.now()) {
    this.status = cost.throttleStatus;
    this.seenAt = now;
    if (operationName && cost.requestedQueryCost !== undefined)
      this.costByOperation.set(operationName, cost.requestedQueryCost);
  }

  /** The cost the operation asked for last time; unknown operations are assumed cheap. */
  expectedCost(operationName: string | undefined, fallback = 10): number {
    return (operationName && this.costByOperation.get(operationName)) || fallback;
  }

  waitMs(expectedCost: number, now = Date.now()): number {
    if (!this.status) return 0;
    return waitBeforeQueryMs(expectedCost, this.status, now - this.seenAt);
  }

  get lastStatus(): ThrottleStatus | undefined {
    return this.status;
  }
}

const buckets = new Map<string, ShopBucket>();
export function bucketFor(shopDomain: string): ShopBucket {
  let bucket = buckets.get(shopDomain);
  if (!bucket) {
    bucket = new ShopBucket();
    buckets.set(shopDomain, bucket);
  }
  return bucket;
}
