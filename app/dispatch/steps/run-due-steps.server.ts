// Flow steps due now, run by the job that created them: the plain ones decided on facts read once
// for the batch and claimed in one transaction; every other one through runFlowStep, alone.
// Returns the steps that threw (the caller gives those a job of their own).
import { runFlowStep } from "../../flow-runs/run-flow-step.server";
import { batchThenEach } from "../batch-then-each";
import { yieldToIntake } from "../yield-to-intake";
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
    await yieldToIntake();
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
  return batchThenEach(
    stepIds,
    { name: "flow steps", parallel: PARALLEL },
    (ids) => runPlainSteps(ids, now),
    (id) => runFlowStep(id),
  );
}
