// Recovered revenue: an order placed within the attribution window (default 5
// days) after a cart-recovery message to the same customer is credited to the
// latest such message and its flow (the shop's CART_RECOVERY flow, passed in). An order keeps
// its first attribution.
import { inRetryingTransaction } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { Flow, Order } from "../generated/prisma/client";
import { cartRecoveredTrigger } from "../shopify-flow/events.server";
import { flowSettings } from "./flow-config.server";

// Accepted by the provider (QUEUED) or further along.
const COUNTED_STATUSES = ["QUEUED", "SENT", "DELIVERED", "READ", "OPENED", "CLICKED"] as const;

export async function attributeOrder(
  shopId: string,
  order: Pick<Order, "id" | "customerId" | "processedAt" | "createdAt" | "attributedMessageId">,
  flow: Pick<Flow, "id" | "settings">,
): Promise<{ messageId: string; flowId: string } | null> {
  if (!order.customerId || order.attributedMessageId) return null;
  const placedAt = order.processedAt ?? order.createdAt;
  const windowStart = new Date(placedAt.getTime() - flowSettings(flow.settings).attributionWindowDays * 24 * 3600_000);
  const message = await db().message.findFirst({
    where: {
      shopId,
      customerId: order.customerId,
      flowId: flow.id,
      direction: "OUTBOUND",
      deliveryStatus: { in: [...COUNTED_STATUSES] },
      OR: [
        { sentAt: { gte: windowStart, lte: placedAt } },
        { sentAt: null, createdAt: { gte: windowStart, lte: placedAt } },
      ],
    },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!message) return null;
  // The Shopify Flow "cart-recovered" trigger commits with the attribution (app/shopify-flow/).
  const credited = await inRetryingTransaction(async (tx) => {
    const updated = await tx.order.updateMany({
      where: { id: order.id, attributedMessageId: null },
      data: { attributedMessageId: message.id, attributedFlowId: flow.id },
    });
    if (updated.count > 0)
      await cartRecoveredTrigger(tx, { shopId, orderId: order.id, messageId: message.id, flowId: flow.id });
    return updated.count > 0;
  });
  return credited ? { messageId: message.id, flowId: flow.id } : null;
}
