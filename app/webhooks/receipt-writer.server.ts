// Group commit for webhook receipts. Under load many webhooks arrive in one turn
// of the event loop; writing them as one multi-row INSERT and one BullMQ addBulk
// costs one database and one Redis round trip for the whole group instead of one
// each. Every caller still waits until its own row is committed (and its job
// handed to Redis, or given up on for the reconciler) before Shopify gets a 200.
import { randomUUID } from "node:crypto";
import { intakeDb } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { getQueue } from "../jobs/enqueue.server";
import { intakePriority } from "../jobs/intake-priority.server";
import { JOB, jobIdFor, QUEUE } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { ENQUEUE_TIMEOUT_MS } from "./receipt-policy";

export interface ReceiptRow {
  shopDomain: string;
  topic: string;
  eventId: string;
  webhookId: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  /** The body exactly as Shopify sent it (a JSON object). Never re-serialised from a parsed value. */
  payloadJson: string;
}

interface Pending {
  id: string;
  row: ReceiptRow;
  resolve: (result: { receiptId: string | null }) => void;
  reject: (error: unknown) => void;
}

/** Big enough to absorb a burst, small enough to keep one statement's parameters modest. */
const MAX_GROUP = 100;

let waiting: Pending[] = [];
let flushScheduled = false;

/** Resolves with the new receipt's id, or null when the same event was already recorded. */
export function recordReceipt(row: ReceiptRow): Promise<{ receiptId: string | null }> {
  // While a receipt is being written, in-process jobs hold back (intake-priority.server.ts).
  const priority = intakePriority();
  priority.intakeStarted();
  return new Promise<{ receiptId: string | null }>((resolve, reject) => {
    waiting.push({ id: randomUUID(), row, resolve, reject });
    if (!flushScheduled) {
      flushScheduled = true;
      // setImmediate lets every request already read in this turn join the group.
      setImmediate(flushWaiting);
    }
  }).finally(() => priority.intakeFinished());
}

function flushWaiting() {
  flushScheduled = false;
  const groups: Pending[][] = [];
  while (waiting.length) groups.push(waiting.splice(0, MAX_GROUP));
  waiting = [];
  for (const group of groups) void writeGroup(group);
}

async function insertGroup(group: Pending[]): Promise<Set<string>> {
  const values = group.map(
    ({ id, row }) =>
      Prisma.sql`(${id}, ${row.shopDomain}, ${row.topic}, ${row.eventId}, ${row.webhookId}, ${row.apiVersion},
        ${row.triggeredAt}, ${row.payloadJson}::jsonb, 'RECEIVED', 0, now())`,
  );
  // ON CONFLICT DO NOTHING also settles duplicates inside one group: the first row wins.
  const inserted = await intakeDb().$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookReceipt" ("id", "shopDomain", "topic", "eventId", "webhookId", "apiVersion",
      "triggeredAt", "payload", "status", "attempts", "receivedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("shopDomain", "topic", "eventId") DO NOTHING
    RETURNING "id"`;
  return new Set(inserted.map((r) => r.id));
}

async function enqueueGroup(receiptIds: string[]) {
  const jobs = receiptIds.map((receiptId) => ({
    name: JOB.processWebhook,
    data: { receiptId },
    opts: { jobId: jobIdFor(JOB.processWebhook, { receiptId }) },
  }));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      getQueue(QUEUE.webhooks).addBulk(jobs),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`enqueue timed out after ${ENQUEUE_TIMEOUT_MS} ms`)),
          ENQUEUE_TIMEOUT_MS,
        );
      }),
    ]);
  } catch (error) {
    // The receipts are committed: the reconciler enqueues whatever did not make it.
    logger.error(
      { receipts: receiptIds.length, err: (error as Error).message },
      "webhook enqueue failed; the reconciler will retry",
    );
  } finally {
    clearTimeout(timer);
  }
}

async function writeGroup(group: Pending[]) {
  let inserted: Set<string>;
  try {
    inserted = await insertGroup(group);
  } catch (error) {
    for (const pending of group) pending.reject(error);
    return;
  }
  await enqueueGroup(group.filter((p) => inserted.has(p.id)).map((p) => p.id));
  for (const pending of group) pending.resolve({ receiptId: inserted.has(pending.id) ? pending.id : null });
}
