// Facts the lifecycle flows' stop rules share.
import { db } from "../db/client.server";

/** The customer's first order placed after `since` (not cancelled), if any. */
export async function orderPlacedSince(shopId: string, customerId: string, since: Date) {
  return db().order.findFirst({
    where: {
      shopId,
      customerId,
      cancelledAt: null,
      OR: [{ processedAt: { gt: since } }, { processedAt: null, createdAt: { gt: since } }],
    },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, lineItems: true, processedAt: true, createdAt: true },
  });
}
