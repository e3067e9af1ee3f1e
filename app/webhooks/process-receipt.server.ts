// Runs one stored webhook (the BullMQ process-webhook job). The receipt row is
// the truth: PROCESSED receipts are never run again, and a failure is recorded
// on the row and rethrown so that BullMQ retries with backoff, at most
// MAX_RECEIPT_ATTEMPTS times in all; then the receipt stays FAILED, with its
// reason, for the merchant to see and retry.
import { UnrecoverableError } from "bullmq";
import { ZodError } from "zod";
import { db } from "../db/client.server";
import { startReceiptAttempts } from "../generated/prisma/sql";
import { logger } from "../lib/logger.server";
import { parseExactJson } from "./exact-json";
import { normaliseTopic } from "./known-topics";
import { MAX_RECEIPT_ATTEMPTS } from "./receipt-policy";
import { TOPIC_HANDLERS } from "./topics/handlers.server";

/** A field Shopify's payload lacks or sends in another shape, in words a merchant can pass on. */
function describeIssue(issue: ZodError["issues"][number]): string {
  const field = issue.path.join(".") || "the payload";
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return `${field} is missing`;
  if (issue.code === "invalid_type")
    return `${field} has an unexpected type (${issue.message.replace(/^Invalid input: /, "")})`;
  return `${field}: ${issue.message.replace(/^Invalid input: /, "")}`;
}

/** The reason kept on the receipt and shown to the merchant: one clause per unreadable field. */
function describe(error: unknown): string {
  const text =
    error instanceof ZodError
      ? `Shopify's payload could not be read: ${error.issues.map(describeIssue).join("; ")}`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.slice(0, 2000);
}

export interface StartedReceipt {
  id: string;
  topic: string;
  shopDomain: string;
  attempts: number;
  /** The stored payload as JSON text: read through Prisma's Json it would lose 64-bit ids' digits. */
  payload: string;
}

/**
 * Counts the attempt and reads the receipt in one statement; null when it is gone, already
 * PROCESSED, or out of attempts (a stray job, or one the reconciler added before it gave up).
 */
async function startAttempt(receiptId: string): Promise<StartedReceipt | null> {
  const rows = await db().$queryRaw<StartedReceipt[]>`
    UPDATE "WebhookReceipt" SET "attempts" = "attempts" + 1
     WHERE "id" = ${receiptId} AND "status" <> 'PROCESSED'::"WebhookReceiptStatus"
       AND "attempts" < ${MAX_RECEIPT_ATTEMPTS}
    RETURNING "id", "topic", "shopDomain", "attempts", "payload"::text AS "payload"`;
  return rows[0] ?? null;
}

/** startAttempt for a batch, in one statement: the receipts that may run now. */
export async function startAttempts(receiptIds: string[]): Promise<StartedReceipt[]> {
  const rows = await db().$queryRawTyped(startReceiptAttempts(receiptIds, MAX_RECEIPT_ATTEMPTS));
  return rows.map((r) => ({ ...r, payload: r.payload ?? "{}" }));
}

/**
 * Attempts that never finished (a worker killed mid-run) leave a receipt RECEIVED with no attempts
 * left. It is given up like any other failure, so the merchant sees it and the reconciler stops
 * bringing it back.
 */
export async function giveUpUnfinished(receiptId: string) {
  await db().webhookReceipt.updateMany({
    where: { id: receiptId, status: "RECEIVED", attempts: { gte: MAX_RECEIPT_ATTEMPTS } },
    data: { status: "FAILED", error: `${MAX_RECEIPT_ATTEMPTS} attempts started and none finished` },
  });
}

/**
 * Done. A shop that is not installed (no Shop row, or uninstalled) keeps nothing of what
 * Shopify sent: its payload is emptied in the same statement. This happens after processing
 * rather than at intake because shop/redact and customers/redact arrive after uninstall and
 * still need their payload to run.
 */
async function markProcessed(receiptId: string) {
  const now = new Date();
  await db().$executeRaw`
    UPDATE "WebhookReceipt" r
       SET "status" = 'PROCESSED'::"WebhookReceiptStatus", "processedAt" = ${now}, "error" = NULL,
           "payload" = CASE WHEN i.installed THEN r."payload" ELSE '{}'::jsonb END,
           "payloadPurgedAt" = CASE WHEN i.installed THEN r."payloadPurgedAt" ELSE COALESCE(r."payloadPurgedAt", ${now}) END
      FROM (SELECT EXISTS (
              SELECT 1 FROM "Shop" s
               WHERE s."domain" = (SELECT "shopDomain" FROM "WebhookReceipt" WHERE "id" = ${receiptId})
                 AND s."uninstalledAt" IS NULL) AS installed) AS i
     WHERE r."id" = ${receiptId}`;
}

export async function processWebhookReceipt(receiptId: string): Promise<void> {
  const receipt = await startAttempt(receiptId);
  if (!receipt) {
    // Deleted by a redaction or uninstall after it was enqueued, done, or given up: nothing to run.
    await giveUpUnfinished(receiptId);
    logger.info({ receiptId }, "webhook receipt no longer exists, was already processed or is out of attempts");
    return;
  }
  await runStartedReceipt(receipt);
}

/** Runs a receipt whose attempt was counted: its topic's handler, then PROCESSED, or FAILED with the reason. */
export async function runStartedReceipt(receipt: StartedReceipt): Promise<void> {
  const receiptId = receipt.id;
  try {
    const topic = normaliseTopic(receipt.topic);
    if (!topic) throw new Error(`unknown topic ${receipt.topic}`);
    const payload = parseExactJson(receipt.payload);
    await TOPIC_HANDLERS[topic]({ receiptId, topic, shopDomain: receipt.shopDomain, payload });
    await markProcessed(receiptId);
  } catch (error) {
    await recordReceiptFailure(receipt, error);
  }
}

/** FAILED with the reason; rethrown so that BullMQ retries, or UnrecoverableError once out of attempts. */
export async function recordReceiptFailure(receipt: StartedReceipt, error: unknown): Promise<never> {
  const { id: receiptId, attempts } = receipt;
  const reason = describe(error);
  await db().webhookReceipt.updateMany({ where: { id: receiptId }, data: { status: "FAILED", error: reason } });
  const context = { receiptId, topic: receipt.topic, shop: receipt.shopDomain, attempts, err: reason };
  if (attempts >= MAX_RECEIPT_ATTEMPTS) {
    // Given up: the merchant sees it on Home (failed-receipts.server.ts) and can retry it there.
    logger.error(context, "webhook processing given up");
    throw new UnrecoverableError(reason);
  }
  logger.warn(context, "webhook processing failed; it will be retried");
  throw error;
}
