// The process-webhook jobs that are running at the same moment, handled as one batch: one
// statement starts every receipt's attempt; new orders are ingested set-based; the rest run
// one by one as before; then the flow steps they made due now and the messages those claimed
// run in this same job (docs/decisions/0051).
import { db } from "../db/client.server";
import { logger } from "../lib/logger.server";
import {
  giveUpUnfinished,
  runStartedReceipt,
  startAttempts,
  type StartedReceipt,
} from "../webhooks/process-receipt.server";
import { ingestNewOrders } from "./new-orders/ingest-new-orders.server";
import { newDispatchScope, runInDispatchScope } from "./scope.server";
import { runDueWork } from "./run-due-work.server";
import { mapInChunks } from "./map-in-chunks";

/** Receipts the batch runs one by one still run side by side, as separate jobs did (each is a transaction or two). */
const RECEIPTS_SIDE_BY_SIDE = 10;

async function installedShops(receipts: StartedReceipt[]): Promise<Map<string, string>> {
  const domains = [...new Set(receipts.map((r) => r.shopDomain))];
  const shops = await db().shop.findMany({
    where: { domain: { in: domains }, uninstalledAt: null },
    select: { id: true, domain: true },
  });
  return new Map(shops.map((s) => [s.domain, s.id]));
}

/** Returns the receipts that failed, with their error (BullMQ retries those jobs). */
export async function processReceiptBatch(receiptIds: string[]): Promise<Map<string, unknown>> {
  const failures = new Map<string, unknown>();
  const started = await startAttempts(receiptIds);
  const startedIds = new Set(started.map((r) => r.id));
  for (const id of receiptIds) {
    if (startedIds.has(id)) continue;
    await giveUpUnfinished(id);
    logger.info({ receiptId: id }, "webhook receipt no longer exists, was already processed or is out of attempts");
  }
  if (started.length === 0) return failures;

  const scope = newDispatchScope();
  await runInDispatchScope(scope, async () => {
    const rest = await ingestNewOrders(started, await installedShops(started));
    await mapInChunks(rest, RECEIPTS_SIDE_BY_SIDE, async (receipt) => {
      try {
        await runStartedReceipt(receipt);
      } catch (error) {
        failures.set(receipt.id, error);
      }
    });
  });
  // The receipts are done; what they made due now is run here. Its failures are kept on the
  // steps and messages themselves (or left PENDING for the reconciler), never on the receipts.
  await runDueWork(scope);
  return failures;
}
