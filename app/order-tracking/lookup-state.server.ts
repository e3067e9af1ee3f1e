// Reads and writes Conversation.orderLookup under a row lock: two messages of the same customer
// decided at once must not both count as "the first failed check".
import { inRetryingTransaction } from "../commerce/transaction.server";
import { Prisma } from "../generated/prisma/client";
import { lookupStateOf, type OrderLookupState } from "./lookup-state";

export async function updateLookupState(
  conversationId: string,
  cycleStart: Date | null,
  next: (current: OrderLookupState | null) => OrderLookupState,
): Promise<OrderLookupState> {
  return inRetryingTransaction(async (tx) => {
    const rows = await tx.$queryRaw<{ orderLookup: unknown }[]>(
      Prisma.sql`SELECT "orderLookup" FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE`,
    );
    const updated = next(lookupStateOf(rows[0]?.orderLookup ?? null, cycleStart));
    await tx.conversation.update({ where: { id: conversationId }, data: { orderLookup: updated } });
    return updated;
  });
}
