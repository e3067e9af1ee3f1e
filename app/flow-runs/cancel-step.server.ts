// Staff cancel a waiting flow step (a reminder deferred by quiet hours, a review
// request due next week). The row becomes CANCELLED, so its job finds nothing to
// do when it wakes, and the reconciler, which only revives PENDING and DEFERRED
// steps, leaves it alone.
import { db } from "../db/client.server";
import { cancelledByStaffReason } from "../flows/step-reason";
import { logger } from "../lib/logger.server";
import { completeRunIfDone } from "./run-lifecycle.server";
import { removeStepJob } from "./step-jobs.server";

export type CancelStepOutcome = "cancelled" | "not-waiting" | "not-found";

export async function cancelFlowStep(opts: {
  shopId: string;
  stepId: string;
  staffName: string;
  now?: Date;
}): Promise<CancelStepOutcome> {
  const cancelled = await db().flowStep.updateMany({
    where: { id: opts.stepId, shopId: opts.shopId, state: { in: ["PENDING", "DEFERRED"] } },
    data: { state: "CANCELLED", lastError: cancelledByStaffReason(opts.staffName) },
  });
  if (cancelled.count === 0) {
    const step = await db().flowStep.findFirst({
      where: { id: opts.stepId, shopId: opts.shopId },
      select: { id: true },
    });
    return step ? "not-waiting" : "not-found";
  }
  await removeStepJob(opts.stepId).catch(() => undefined);
  const step = await db().flowStep.findUniqueOrThrow({ where: { id: opts.stepId }, select: { runId: true } });
  await completeRunIfDone(step.runId, opts.now ?? new Date());
  logger.info({ flowStepId: opts.stepId, shopId: opts.shopId }, "flow step cancelled by staff");
  return "cancelled";
}
