// Queues the send job for a claimed message. Job id send-<messageId>: enqueueing twice is harmless,
// and the job itself refuses anything no longer PENDING.
import type { JobsOptions } from "bullmq";
import { enqueue } from "../jobs/enqueue.server";
import { JOB, jobIdFor } from "../jobs/queues.server";
import { collectClaimedMessage } from "../dispatch/scope.server";

/** 429/5xx retries: 2s, 4s, 8s... (±50% jitter) over 8 attempts, about four minutes in all. */
export const SEND_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: "exponential", delay: 2000, jitter: 0.5 },
};

export async function enqueueSend(messageId: string, options: JobsOptions = {}): Promise<string> {
  // Inside a dispatch batch the batch sends it right after this; nothing waits in Redis.
  if (!options.delay && collectClaimedMessage(messageId)) return jobIdFor(JOB.sendMessage, { messageId });
  return enqueue(JOB.sendMessage, { messageId }, { ...SEND_JOB_OPTIONS, ...options });
}
