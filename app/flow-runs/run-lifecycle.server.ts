// Creating, cancelling and completing runs. Creation is idempotent on
// (flowId, triggerKey): a duplicate webhook or a racing job finds the run there.
import { db } from "../db/client.server";
import type { FlowRun, FlowStep, Prisma } from "../generated/prisma/client";
import { isUniqueViolation } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import type { RunContext } from "./flow-config.server";
import { collectDueStep } from "../dispatch/scope.server";
import { removeStepJob, scheduleNewStepJob } from "./step-jobs.server";

export interface NewRun {
  shopId: string;
  flowId: string;
  customerId: string;
  triggerKey: string;
  context: RunContext;
  steps: { position: number; dueAt: Date; skipReason?: string }[];
}

/** Creates the run and its steps and schedules the steps, or returns the existing run (created=false). */
export async function createRun(input: NewRun, now: Date = new Date()): Promise<{ run: FlowRun; created: boolean }> {
  const where = { flowId_triggerKey: { flowId: input.flowId, triggerKey: input.triggerKey } };
  let run: FlowRun;
  let steps: FlowStep[];
  try {
    ({ run, steps } = await db().$transaction(async (tx) => {
      const created = await tx.flowRun.create({
        data: {
          shopId: input.shopId,
          flowId: input.flowId,
          customerId: input.customerId,
          triggerKey: input.triggerKey,
          context: input.context as Prisma.InputJsonObject,
          startedAt: now,
        },
      });
      // One create per step (a run has one to three) rather than createMany: Prisma caches the
      // plan of a create but compiles every createMany afresh, and the rows come back without a
      // second read. The run is new, so none of its steps can exist yet.
      const rows: FlowStep[] = [];
      for (const s of input.steps) {
        rows.push(
          await tx.flowStep.create({
            data: {
              shopId: input.shopId,
              runId: created.id,
              position: s.position,
              dueAt: s.dueAt,
              state: s.skipReason ? "SKIPPED" : "PENDING",
              lastError: s.skipReason ?? null,
            },
          }),
        );
      }
      return { run: created, steps: rows };
    }));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return { run: await db().flowRun.findUniqueOrThrow({ where }), created: false };
  }
  const pending = steps.filter((step) => step.state === "PENDING");
  for (const step of pending) {
    // Due now inside a dispatch batch: the batch runs it after this commit, with no job of its own.
    if (step.dueAt.getTime() <= now.getTime() && collectDueStep(step.id)) continue;
    await scheduleNewStepJob(step.id, step.dueAt, now);
  }
  if (pending.length === 0) await completeRunIfDone(run.id, now);
  return { run, created: true };
}

/** Ends an ACTIVE run and its unsent steps. Returns false when it had already ended. */
export async function cancelRun(runId: string, reason: string, now: Date = new Date()): Promise<boolean> {
  const ended = await db().flowRun.updateMany({
    where: { id: runId, status: "ACTIVE" },
    data: { status: "CANCELLED", endReason: reason, endedAt: now },
  });
  if (ended.count === 0) return false;
  const steps = await db().flowStep.findMany({
    where: { runId, state: { in: ["PENDING", "DEFERRED"] } },
    select: { id: true },
  });
  await db().flowStep.updateMany({
    where: { runId, state: { in: ["PENDING", "DEFERRED"] } },
    data: { state: "CANCELLED", lastError: reason },
  });
  for (const step of steps) await removeStepJob(step.id).catch(() => undefined);
  logger.info({ runId, reason }, "flow run cancelled");
  return true;
}

/** A run whose steps have all been handed on (sent, skipped, failed, or claimed for sending) is complete. */
export async function completeRunIfDone(runId: string, now: Date = new Date()): Promise<boolean> {
  // One conditional update: it only matches while no step is still waiting.
  const done = await db().flowRun.updateMany({
    where: { id: runId, status: "ACTIVE", steps: { none: { state: { in: ["PENDING", "DEFERRED"] } } } },
    data: { status: "COMPLETED", endReason: "all steps done", endedAt: now },
  });
  return done.count > 0;
}
