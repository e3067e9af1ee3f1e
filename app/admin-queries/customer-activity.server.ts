// When a customer last did anything: their latest message, order, checkout or timeline event.
// Customer.updatedAt is not it (every import and stats refresh touches it), nor createdAt (our
// first sighting). One statement for a page of customers, each lookup a newest-first index read.
import { db } from "../db/client.server";

export async function lastActivityOf(shopId: string, customerIds: string[]): Promise<Map<string, Date | null>> {
  const out = new Map<string, Date | null>(customerIds.map((id) => [id, null]));
  if (customerIds.length === 0) return out;
  const rows = await db().$queryRaw<Array<{ id: string; at: Date | null }>>`
    SELECT c.id, GREATEST(
      (SELECT t."occurredAt" FROM "TimelineEvent" t
        WHERE t."customerId" = c.id AND t."shopId" = ${shopId} ORDER BY t."occurredAt" DESC LIMIT 1),
      (SELECT m."createdAt" FROM "Message" m
        WHERE m."customerId" = c.id AND m."shopId" = ${shopId} ORDER BY m."createdAt" DESC LIMIT 1),
      (SELECT o."processedAt" FROM "Order" o
        WHERE o."customerId" = c.id AND o."shopId" = ${shopId} AND o."processedAt" IS NOT NULL
        ORDER BY o."processedAt" DESC LIMIT 1),
      (SELECT max(COALESCE(k."shopifyUpdatedAt", k."createdAt")) FROM "Checkout" k
        WHERE k."customerId" = c.id AND k."shopId" = ${shopId})
    ) AS at
    FROM unnest(${customerIds}::text[]) AS c(id)`;
  for (const r of rows) out.set(r.id, r.at);
  return out;
}
