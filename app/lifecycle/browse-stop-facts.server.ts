// What browse abandonment's stop rules read when a step falls due (browse-rules.ts decides).
// A cart addition or completed checkout from any browser tied to the customer counts here, trusted
// or not: a false stop costs one reminder, a false send costs the customer's patience. A merge
// moves orders, messages and runs to the survivor but leaves storefront events where they were,
// so events are matched through their customer's survivor.
import { db } from "../db/client.server";
import type { BrowseStopFacts } from "./browse-rules";
import { orderPlacedSince } from "./stop-rules.server";

/** Prisma DateTime columns are timestamp(3) in UTC: an ISO instant cast to timestamp compares as UTC. */
const iso = (d: Date) => d.toISOString();

async function shopperEventKinds(shopId: string, customerId: string, since: Date): Promise<Set<string>> {
  const rows = await db().$queryRaw<Array<{ kind: string }>>`
    SELECT DISTINCT e."kind"
      FROM "StorefrontEvent" e
      JOIN "Customer" c ON c."id" = e."customerId"
     WHERE e."shopId" = ${shopId} AND e."kind" IN ('product_added_to_cart', 'checkout_completed')
       AND e."occurredAt" >= ${iso(since)}::timestamp
       AND coalesce(c."mergedIntoId", c."id") = ${customerId}`;
  return new Set(rows.map((r) => r.kind));
}

export async function browseStopFacts(
  run: { shopId: string; customerId: string },
  viewedAt: Date,
): Promise<BrowseStopFacts> {
  const [order, kinds, cartRecovery, inbound] = await Promise.all([
    orderPlacedSince(run.shopId, run.customerId, viewedAt),
    shopperEventKinds(run.shopId, run.customerId, viewedAt),
    db().flowRun.findFirst({
      where: { shopId: run.shopId, customerId: run.customerId, status: "ACTIVE", flow: { kind: "CART_RECOVERY" } },
      select: { id: true },
    }),
    db().message.findMany({
      where: { shopId: run.shopId, customerId: run.customerId, direction: "INBOUND", createdAt: { gte: viewedAt } },
      orderBy: { createdAt: "desc" },
      select: { metadata: true },
      take: 10,
    }),
  ]);
  return {
    // The pixel's checkout_completed says "bought" before (or without) the order webhook.
    ordered: !!order || kinds.has("checkout_completed"),
    orderName: order?.name ?? null,
    carted: kinds.has("product_added_to_cart"),
    cartRecoveryActive: !!cartRecovery,
    // STOP/START are consent commands, not a conversation (as for cart recovery).
    replied: inbound.some((m) => !(m.metadata as { keyword?: string } | null)?.keyword),
  };
}
