/** A receipt is given up after this many processing attempts (matches the job's BullMQ attempts). */
export const MAX_RECEIPT_ATTEMPTS = 8;

/** A RECEIVED receipt younger than this is probably still on its way through the queue. */
export const RECEIPT_STALE_AFTER_MS = 30_000;

/** Enqueueing must not hold Shopify's 5-second window; the reconciler catches what is lost. */
export const ENQUEUE_TIMEOUT_MS = 2_000;
