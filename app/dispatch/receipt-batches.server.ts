// The process-webhook processor: each job hands its receipt to the batcher and settles with its
// own receipt's outcome, so BullMQ's retries, attempts and failed-job records work per receipt.
import { intakePriority } from "../jobs/intake-priority.server";
import { createMicroBatcher } from "./micro-batcher";
import { processReceiptBatch } from "./process-receipt-batch.server";

/** A batch this size keeps each statement's parameters modest and a transaction short. */
const MAX_BATCH = 50;
/**
 * While webhooks are arriving, batches stay small: a batch's CPU work runs in turns of the one
 * event loop that answers them (and, on PGlite, holds the one database engine for its transaction).
 */
const MAX_BATCH_WHILE_INTAKE_BUSY = 5;
/** Two batches at once: one writes while the next one reads. */
const PARALLEL_BATCHES = 2;

// A batch, not each of its jobs, takes one of the processing turns intake leaves (intake-priority.server.ts).
const batcher = createMicroBatcher(processReceiptBatch, {
  max: () => (intakePriority().intakeBusy() ? MAX_BATCH_WHILE_INTAKE_BUSY : MAX_BATCH),
  parallel: PARALLEL_BATCHES,
  turn: () => intakePriority().processingTurn(),
});

export function processWebhookInBatch(receiptId: string): Promise<void> {
  return batcher.add(receiptId);
}
