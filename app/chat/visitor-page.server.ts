// What the shopper is looking at while they chat. The widget reports the page it is on (only while
// a conversation is active); staff see the latest one on the conversation, and product views go on
// the customer's timeline as BROWSING events. Everything here is shopper-supplied text: it is kept
// short, stored as plain strings and rendered as text only. A page whose address is not on one of
// the shop's own hosts (storefront-hosts.ts) is kept, because its product or cart is still useful
// to staff, but flagged `foreignHost: true` and never shown as a link.
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import { recordTimelineEvent } from "../timeline/record-event.server";
import { linkableStorefrontUrl, storefrontHostsOf } from "./storefront-hosts";
import { existingCustomerForVisitor, type VisitorFacts } from "./chat-visitor.server";

const text = (max: number) => z.string().trim().min(1).max(max);

export const visitorPageSchema = z.object({
  url: z
    .string()
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), "url must be an http(s) address"),
  type: z.enum(["product", "collection", "cart", "search", "home", "other"]),
  title: text(300).optional(),
  product: z.object({ id: z.string().max(40).optional(), title: text(300), price: text(40).optional() }).optional(),
  collection: z.object({ title: text(300) }).optional(),
  cart: z.object({ itemCount: z.number().int().min(0).max(100_000), total: text(40).optional() }).optional(),
});
export type VisitorPage = z.infer<typeof visitorPageSchema>;

// Reloads and re-opens of the same product within this window are one browsing event.
const BROWSING_BUCKET_MS = 30 * 60_000;

function productKey(page: VisitorPage): string {
  return page.product?.id ?? new URL(page.url).pathname;
}

export function describePage(page: VisitorPage): string {
  if (page.product) return page.product.price ? `${page.product.title} (${page.product.price})` : page.product.title;
  if (page.collection) return `Collection: ${page.collection.title}`;
  if (page.cart) return `Cart: ${page.cart.itemCount} item${page.cart.itemCount === 1 ? "" : "s"}`;
  return page.title ?? new URL(page.url).pathname;
}

/**
 * Records the visitor's current page on their open conversation. Returns false when the visitor
 * has no conversation yet: browsing is only watched while someone is actually chatting.
 */
export async function recordVisitorPage(
  shopId: string,
  facts: VisitorFacts,
  page: VisitorPage,
  now: Date = new Date(),
): Promise<boolean> {
  return inRetryingTransaction(async (tx) => {
    const customerId = await existingCustomerForVisitor(tx, shopId, facts);
    if (!customerId) return false;
    const conversation = await tx.conversation.findFirst({
      where: { shopId, customerId },
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    if (!conversation) return false;
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { domain: true, settings: true } });
    const foreignHost = !linkableStorefrontUrl(page.url, storefrontHostsOf(shop));
    if (foreignHost) logger.info({ shopId }, "chat page report from outside the shop's own hosts; kept as text");
    const stored = (foreignHost ? { ...page, foreignHost: true } : page) as Prisma.InputJsonObject;
    await tx.conversation.update({
      where: { id: conversation.id },
      data: { visitorPage: stored, visitorPageAt: now },
    });
    if (page.type === "product" && page.product) {
      const bucket = Math.floor(now.getTime() / BROWSING_BUCKET_MS);
      await recordTimelineEvent(tx, {
        shopId,
        customerId,
        type: "BROWSING",
        occurredAt: now,
        dedupeKey: `browse:${customerId}:${productKey(page)}:${bucket}`,
        title: `Viewed ${describePage(page)}`,
        data: {
          url: page.url,
          product: page.product,
          ...(foreignHost ? { foreignHost } : {}),
        } as Prisma.InputJsonObject,
      });
    }
    return true;
  });
}
