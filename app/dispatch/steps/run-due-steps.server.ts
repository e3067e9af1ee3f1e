// Flow steps due now, run by the job that created them: the plain ones decided on facts read once
// for the batch and claimed in one transaction; every other one through runFlowStep, alone.
// Returns the steps that threw (the caller gives those a job of their own).
import { logger } from "../../lib/logger.server";
import { runFlowStep } from "../../flow-runs/run-flow-step.server";
import { mapInChunks } from "../map-in-chunks";
import { collectClaimedMessage } from "../scope.server";
import { enqueueSend } from "../../messages/enqueue-send.server";
import { claimStepSends } from "./claim-step-sends.server";
import { decideDueStep, type StepSend } from "./decide-due-step";
import { loadDueSteps } from "./load-due-steps.server";

/** Steps that run alone do so side by side, this many at a time (each is a few statements). */
const PARALLEL = 10;

async function runPlainSteps(stepIds: string[], now: Date): Promise<Set<string>> {
  const facts = await loadDueSteps(stepIds);
  const sends: StepSend[] = [];
  for (const step of facts.steps) {
    const decision = await decideDueStep(step, facts, now);
    if ("send" in decision) sends.push(decision.send);
  }
  const claimed = await claimStepSends(sends, now);
  for (const messageId of claimed.values()) {
    if (!collectClaimedMessage(messageId)) await enqueueSend(messageId);
  }
  return new Set(claimed.keys());
}

export async function runDueSteps(stepIds: string[], now: Date = new Date()): Promise<Map<string, unknown>> {
  const failed = new Map<string, unknown>();
  let done = new Set<string>();
  try {
    done = await runPlainSteps(stepIds, now);
  } catch (error) {
    // Nothing of the batch's claim was committed: each step runs alone instead.
    logger.warn({ steps: stepIds.length, err: (error as Error).message }, "batched flow steps gave way");
  }
  await mapInChunks(
    stepIds.filter((id) => !done.has(id)),
    PARALLEL,
    async (stepId) => {
      try {
        await runFlowStep(stepId);
      } catch (error) {
        failed.set(stepId, error);
      }
    },
  );
  return failed;
}
