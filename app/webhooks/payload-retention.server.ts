// Shopify's raw webhook payloads are personal data kept only as long as they are
// useful: to re-run a receipt, or to look into one that went wrong. A receipt
// that is done (PROCESSED, or FAILED with every attempt used) keeps its payload
// for WEBHOOK_PAYLOAD_RETENTION_DAYS after it arrived; a shop that is not
// installed keeps none of it. The row stays, emptied, for de-duplication.
// Runs periodically on the maintenance queue (app/jobs/schedule.server.ts).
import { config } from "../config.server";
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import { MAX_RECEIPT_ATTEMPTS } from "./receipt-policy";

/** Rows per statement, so one sweep never holds a long lock on a large backlog. */
const BATCH = 1000;

export async function purgeWebhookPayloads(
  options: { now?: Date; retentionDays?: number } = {},
): Promise<{ expired: number; notInstalled: number }> {
  const now = options.now ?? new Date();
  const days = options.retentionDays ?? config().WEBHOOK_PAYLOAD_RETENTION_DAYS;
  const cutoff = new Date(now.getTime() - days * 24 * 60 * 60_000);
  let expired = 0;
  let notInstalled = 0;
  for (;;) {
    const count = await db().$executeRaw`
      UPDATE "WebhookReceipt" SET "payload" = '{}'::jsonb, "payloadPurgedAt" = ${now}
       WHERE "id" IN (
         SELECT "id" FROM "WebhookReceipt"
          WHERE "payloadPurgedAt" IS NULL
            AND "receivedAt" < ${cutoff}
            AND ("status" = 'PROCESSED'::"WebhookReceiptStatus"
              OR ("status" = 'FAILED'::"WebhookReceiptStatus" AND "attempts" >= ${MAX_RECEIPT_ATTEMPTS}))
          LIMIT ${BATCH})`;
    expired += count;
    if (count < BATCH) break;
  }
  for (;;) {
    const count = await db().$executeRaw`
      UPDATE "WebhookReceipt" SET "payload" = '{}'::jsonb, "payloadPurgedAt" = ${now}
       WHERE "id" IN (
         SELECT r."id" FROM "WebhookReceipt" r
          WHERE r."payloadPurgedAt" IS NULL
            AND r."status" = 'PROCESSED'::"WebhookReceiptStatus"
            AND NOT EXISTS (SELECT 1 FROM "Shop" s WHERE s."domain" = r."shopDomain" AND s."uninstalledAt" IS NULL)
          LIMIT ${BATCH})`;
    notInstalled += count;
    if (count < BATCH) break;
  }
  if (expired + notInstalled > 0)
    logger.info({ expired, notInstalled, retentionDays: days }, "webhook payloads purged");
  return { expired, notInstalled };
}
