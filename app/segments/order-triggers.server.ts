// Orders change segment membership (orders count, spend, days since last order, RFM): after the
// order's commit, its customer is re-evaluated by a refresh-customer-segments job. One Redis call
// per shop of a dispatch batch and no SQL, so the order-ingest hot path keeps its cost; the job id
// comes from the orders themselves (their ids, and the payload's updated_at on the per-order path).
import { enqueueCustomerSegmentRefresh } from "./jobs.server";

export async function enqueueOrderCustomersForSegments(
  orders: { id: string; shopId: string; customerId: string | null }[],
  updatedAt?: Date,
): Promise<void> {
  const byShop = new Map<string, { orderIds: string[]; customerIds: string[] }>();
  for (const order of orders) {
    if (!order.customerId) continue;
    const group = byShop.get(order.shopId) ?? { orderIds: [], customerIds: [] };
    group.orderIds.push(order.id);
    group.customerIds.push(order.customerId);
    byShop.set(order.shopId, group);
  }
  for (const [shopId, group] of byShop) {
    const change = `orders:${[...group.orderIds].sort().join(",")}:${updatedAt?.getTime() ?? ""}`;
    await enqueueCustomerSegmentRefresh(shopId, group.customerIds, change);
  }
}
