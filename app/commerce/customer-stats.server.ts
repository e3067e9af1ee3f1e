// ordersCount/totalSpent: Shopify's own figures (customers/* payloads, backfill)
// know history older than our import, our orders know the latest. Taking the
// greater of the two keeps both right without double counting.
// Concurrent orders for one customer are serialised on the customer row: the
// count runs after the lock, so it sees every order committed before it.
// NO KEY UPDATE, because each order insert already holds KEY SHARE on this row
// through its foreign key; FOR UPDATE would deadlock against it.
import type { Tx } from "./transaction.server";

export async function refreshCustomerStats(tx: Tx, customerId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Customer" WHERE "id" = ${customerId} FOR NO KEY UPDATE`;
  const totals = await tx.order.aggregate({
    where: { customerId, cancelledAt: null },
    _count: { _all: true },
    _sum: { totalPrice: true },
  });
  const count = totals._count._all;
  const spent = (totals._sum.totalPrice ?? 0).toString();
  await tx.$executeRaw`
    UPDATE "Customer"
       SET "ordersCount" = GREATEST("ordersCount", ${count}::int),
           "totalSpent" = GREATEST("totalSpent", ${spent}::numeric)
     WHERE "id" = ${customerId}`;
}
