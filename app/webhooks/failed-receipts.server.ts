// Webhooks Threadline gave up on (FAILED after MAX_RECEIPT_ATTEMPTS attempts). Nothing retries
// them on its own any more, so the merchant must see them, with Shopify's topic, when they
// arrived and why they failed, and can send them through again once the cause is fixed.
// Receipts carry the shop's domain, not its id: every query here is scoped by it.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { MAX_RECEIPT_ATTEMPTS } from "./receipt-policy";
import { requeueReceipt } from "./reconcile.server";

const givenUp = (shopDomain: string): Prisma.WebhookReceiptWhereInput => ({
  shopDomain,
  status: "FAILED",
  attempts: { gte: MAX_RECEIPT_ATTEMPTS },
});

export interface FailedWebhook {
  id: string;
  topic: string;
  receivedAt: Date;
  reason: string;
  /** False once the payload was emptied (retention or uninstall): there is nothing left to run. */
  retryable: boolean;
}

/** The most recent given-up webhooks of a shop, and how many there are in all. */
export async function listFailedWebhooks(
  shopDomain: string,
  limit = 5,
): Promise<{ total: number; recent: FailedWebhook[] }> {
  const [total, rows] = await Promise.all([
    db().webhookReceipt.count({ where: givenUp(shopDomain) }),
    db().webhookReceipt.findMany({
      where: givenUp(shopDomain),
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: limit,
      select: { id: true, topic: true, receivedAt: true, error: true, payloadPurgedAt: true },
    }),
  ]);
  return {
    total,
    recent: rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      receivedAt: r.receivedAt,
      reason: r.error ?? "No reason was recorded.",
      retryable: r.payloadPurgedAt === null,
    })),
  };
}

/** Gives every retryable given-up webhook of the shop a fresh set of attempts; returns how many. */
export async function retryFailedWebhooks(shopDomain: string): Promise<number> {
  const reset = await db().webhookReceipt.updateManyAndReturn({
    where: { ...givenUp(shopDomain), payloadPurgedAt: null },
    data: { status: "RECEIVED", attempts: 0, error: null },
    select: { id: true },
  });
  try {
    for (const { id } of reset) await requeueReceipt(id);
  } catch (error) {
    // They are RECEIVED again: the reconciler enqueues them once Redis answers.
    logger.warn({ shop: shopDomain, err: (error as Error).message }, "retried webhooks not enqueued yet");
  }
  if (reset.length)
    logger.info({ shop: shopDomain, receipts: reset.length }, "failed webhooks retried by the merchant");
  return reset.length;
}
