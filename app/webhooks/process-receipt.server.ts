// Runs one stored webhook (the BullMQ process-webhook job). The receipt row is
// the truth: PROCESSED receipts are never run again, and a failure is recorded
// on the row and rethrown so that BullMQ retries with backoff.
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { normaliseTopic } from "./known-topics";
import { TOPIC_HANDLERS } from "./topics/handlers.server";

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
}

export async function processWebhookReceipt(receiptId: string): Promise<void> {
  const receipt = await db().webhookReceipt.findUnique({ where: { id: receiptId } });
  if (!receipt) {
    // Deleted by a redaction or uninstall after it was enqueued: nothing left to do.
    logger.info({ receiptId }, "webhook receipt no longer exists");
    return;
  }
  if (receipt.status === "PROCESSED") return;

  const { attempts } = await db().webhookReceipt.update({
    where: { id: receiptId },
    data: { attempts: { increment: 1 } },
    select: { attempts: true },
  });
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
