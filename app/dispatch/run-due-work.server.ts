// What a batch made due now: its flow steps, then the messages they claimed, run in the job that
// made them. A failure here is kept where it belongs: a step or message that could not run is given
// its own BullMQ job (with the usual retries), and the reconciler covers a crash in between.
import { logger } from "../lib/logger.server";
import { scheduleStepJob } from "../flow-runs/step-jobs.server";
import { enqueueSend, SEND_JOB_OPTIONS } from "../messages/enqueue-send.server";
import { runDueSteps } from "./steps/run-due-steps.server";
import { sendClaimedMessages } from "./sends/send-claimed.server";
import { runInDispatchScope, type DispatchScope } from "./scope.server";

/** How long a step or message that failed inline waits before its own job tries again. */
const RETRY_DELAY_MS = 2000;

export async function runDueWork(scope: DispatchScope): Promise<void> {
  // Sending may make more work due (rarely: a step a send settles); run until nothing is left.
  while (scope.dueSteps.size > 0 || scope.claimedMessages.size > 0) {
    await runSteps(scope);
    await sendMessages(scope);
  }
  scope.open = false;
}

async function runSteps(scope: DispatchScope) {
  const stepIds = [...scope.dueSteps];
  scope.dueSteps.clear();
  if (stepIds.length === 0) return;
  const failed = await runInDispatchScope(scope, () => runDueSteps(stepIds));
  for (const [stepId, error] of failed) {
    logger.warn({ flowStepId: stepId, err: (error as Error).message }, "flow step failed inline; its job retries");
    await scheduleStepJob(stepId, new Date(Date.now() + RETRY_DELAY_MS)).catch(() => undefined);
  }
}

async function sendMessages(scope: DispatchScope) {
  const messageIds = [...scope.claimedMessages];
  scope.claimedMessages.clear();
  if (messageIds.length === 0) return;
  const failed = await runInDispatchScope(scope, () => sendClaimedMessages(messageIds));
  for (const [messageId, error] of failed) {
    logger.warn({ messageId, err: (error as Error).message }, "send failed inline; its job retries");
    // attempts - 1: this inline try was the first.
    await enqueueSend(messageId, {
      delay: RETRY_DELAY_MS,
      attempts: (SEND_JOB_OPTIONS.attempts ?? 8) - 1,
    }).catch(() => undefined);
  }
}
