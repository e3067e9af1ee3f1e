// The customer's own recent orders, summarised for the language model's prompt. Scoped twice:
// by shop and by the customer the conversation belongs to, so a prompt never holds anyone
// else's orders (app/llm/prompt.ts drops any order whose owner differs, as a second guard).
// Read from our synced copy (orders and fulfillment webhooks), not live: the model only needs
// enough to answer "did my order ship?" next to an article; live tracking is its own path.
import { db } from "../db/client.server";
import type { PromptOrder } from "../llm/prompt";
import { PROMPT_LIMITS } from "../llm/prompt";

const MAX_ITEMS = 5;

function itemTitles(lineItems: unknown): string[] {
  if (!Array.isArray(lineItems)) return [];
  return lineItems
    .map((item) => {
      if (!item || typeof item !== "object") return "";
      const { title, name, quantity } = item as { title?: unknown; name?: unknown; quantity?: unknown };
      const label = typeof title === "string" ? title : typeof name === "string" ? name : "";
      return label && typeof quantity === "number" && quantity > 1 ? `${label} × ${quantity}` : label;
    })
    .filter(Boolean)
    .slice(0, MAX_ITEMS);
}

export async function recentOrdersOf(shopId: string, customerId: string | null | undefined): Promise<PromptOrder[]> {
  if (!customerId) return [];
  const orders = await db().order.findMany({
    where: { shopId, customerId },
    orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
    take: PROMPT_LIMITS.orders,
    select: {
      shopifyOrderId: true,
      name: true,
      currency: true,
      totalPrice: true,
      financialStatus: true,
      fulfillmentStatus: true,
      lineItems: true,
      processedAt: true,
      cancelledAt: true,
      createdAt: true,
    },
  });
  if (!orders.length) return [];
  const fulfillments = await db().fulfillment.findMany({
    where: { shopId, shopifyOrderId: { in: orders.map((o) => o.shopifyOrderId) } },
    orderBy: { shopifyCreatedAt: "asc" },
    select: { shopifyOrderId: true, trackingCompany: true, trackingNumber: true, trackingUrl: true },
  });
  return orders.map((order) => ({
    customerId,
    name: order.name ?? `#${order.shopifyOrderId}`,
    placedAt: (order.processedAt ?? order.createdAt).toISOString(),
    financialStatus: order.cancelledAt ? "cancelled" : order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus ?? "unfulfilled",
    total: `${order.currency} ${order.totalPrice.toFixed(2)}`,
    items: itemTitles(order.lineItems),
    tracking: fulfillments
      .filter((f) => f.shopifyOrderId === order.shopifyOrderId)
      .map((f) => ({ carrier: f.trackingCompany, number: f.trackingNumber, url: f.trackingUrl })),
  }));
}
