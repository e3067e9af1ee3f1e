// Runs one stored webhook (the BullMQ process-webhook job). The receipt row is
// the truth: PROCESSED receipts are never run again, and a failure is recorded
// on the row and rethrown so that BullMQ retries with backoff.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { normaliseTopic } from "./known-topics";
import { TOPIC_HANDLERS } from "./topics/handlers.server";

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
}

/** Counts the attempt and reads the receipt in one statement; null when it is gone or already PROCESSED. */
async function startAttempt(receiptId: string) {
  try {
    return await db().webhookReceipt.update({
      where: { id: receiptId, status: { not: "PROCESSED" } },
      data: { attempts: { increment: 1 } },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025") return null;
    throw error;
  }
}

export async function processWebhookReceipt(receiptId: string): Promise<void> {
  const receipt = await startAttempt(receiptId);
  if (!receipt) {
    // Deleted by a redaction or uninstall after it was enqueued, or already done: nothing left to do.
    logger.info({ receiptId }, "webhook receipt no longer exists or was already processed");
    return;
  }
  const { attempts } = receipt;
  try {
    const topic = normaliseTopic(receipt.topic);
    if (!topic) throw new Error(`unknown topic ${receipt.topic}`);
    await TOPIC_HANDLERS[topic]({ receiptId, topic, shopDomain: receipt.shopDomain, payload: receipt.payload });
    await db().webhookReceipt.updateMany({
      where: { id: receiptId },
      data: { status: "PROCESSED", processedAt: new Date(), error: null },
    });
  } catch (error) {
    await db().webhookReceipt.updateMany({
      where: { id: receiptId },
      data: { status: "FAILED", error: describe(error) },
    });
    logger.warn(
      { receiptId, topic: receipt.topic, shop: receipt.shopDomain, attempts, err: describe(error) },
      "webhook processing failed",
    );
    throw error;
  }
}
