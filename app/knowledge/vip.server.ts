// Is this customer one the merchant wants a person to answer? Lifetime spend (Customer.totalSpent,
// kept from Shopify) at or over the threshold, or a VIP tag on one of their conversations (staff
// tag conversations in the inbox; Shopify's customer tags are not stored on our Customer row).
import { db } from "../db/client.server";
import type { AnswerSettings } from "./answer-settings";

export async function isVipCustomer(
  shopId: string,
  customerId: string | null | undefined,
  settings: Pick<AnswerSettings, "vipLifetimeValue" | "vipTags">,
): Promise<string | null> {
  if (!customerId) return null;
  if (settings.vipLifetimeValue !== undefined) {
    const customer = await db().customer.findFirst({ where: { id: customerId, shopId }, select: { totalSpent: true } });
    if (customer && Number(customer.totalSpent) >= settings.vipLifetimeValue)
      return "lifetime value over the VIP threshold";
  }
  if (settings.vipTags.length > 0) {
    const wanted = new Set(settings.vipTags.map((t) => t.toLowerCase()));
    const conversations = await db().conversation.findMany({
      where: { shopId, customerId, NOT: { tags: { isEmpty: true } } },
      select: { tags: true },
      take: 20,
      orderBy: { lastActivityAt: "desc" },
    });
    const tag = conversations.flatMap((c) => c.tags).find((t) => wanted.has(t.toLowerCase()));
    if (tag) return `tagged ${tag}`;
  }
  return null;
}
