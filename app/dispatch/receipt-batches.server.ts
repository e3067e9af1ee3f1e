// The process-webhook processor: each job hands its receipt to the batcher and settles with its
// own receipt's outcome, so BullMQ's retries, attempts and failed-job records work per receipt.
import { createMicroBatcher } from "./micro-batcher";
import { processReceiptBatch } from "./process-receipt-batch.server";

/** A batch this size keeps each statement's parameters modest and a transaction short. */
const MAX_BATCH = 50;
/** Two batches at once: one writes while the next one reads. */
const PARALLEL_BATCHES = 2;

const batcher = createMicroBatcher(processReceiptBatch, { max: MAX_BATCH, parallel: PARALLEL_BATCHES });

export function processWebhookInBatch(receiptId: string): Promise<void> {
  return batcher.add(receiptId);
}
