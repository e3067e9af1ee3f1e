// Enrolling customers in a lifecycle flow: one run per (flow, trigger key), steps due at the
// candidate's anchor (signup, last view, delivery…) plus each step's delay. Creation is idempotent
// on the trigger key (createRun), so a sweep that runs twice, or two sweeps at once, enrol nobody
// twice; a step whose time has already passed runs on the next wake-up.
import { Prisma } from "../generated/prisma/client";
import type { RunContext } from "../flow-runs/flow-config.server";
import { createRun } from "../flow-runs/run-lifecycle.server";
import type { LifecycleFlowRow } from "./lifecycle-flow";
import { MARKETABLE_AND_REACHABLE } from "./reachable.server";

/** At most this many runs per flow and sweep: a first sweep over a big shop continues on the next one. */
export const MAX_ENROL_PER_SWEEP = 500;

export interface Candidate {
  customerId: string;
  /** Unique per flow: the same key never starts a second run (e.g. `welcome:<customerId>`). */
  triggerKey: string;
  /** What the steps' delays count from. */
  anchor: Date;
  context?: RunContext;
}

export async function enrolCandidates(flow: LifecycleFlowRow, candidates: Candidate[], now: Date): Promise<number> {
  let created = 0;
  for (const candidate of candidates.slice(0, MAX_ENROL_PER_SWEEP)) {
    const result = await createRun(
      {
        shopId: flow.shopId,
        flowId: flow.id,
        customerId: candidate.customerId,
        triggerKey: candidate.triggerKey,
        context: candidate.context ?? {},
        steps: flow.steps.map((step) => ({
          position: step.position,
          dueAt: new Date(Math.max(candidate.anchor.getTime() + step.delayMinutes * 60_000, now.getTime())),
        })),
      },
      now,
    );
    if (result.created) created++;
  }
  return created;
}

/**
 * SQL: the customer (alias `c`) may receive marketing on some channel they can be reached on: a
 * GRANTED marketing consent row (the only way marketing is allowed without a checkout,
 * app/consent/effective-consent.server.ts) for a channel we hold an address for. Candidates are
 * narrowed with it so that a sweep does not enrol thousands of customers whose every step would be
 * skipped; the step still asks consentFor per channel when it runs.
 */
export const MARKETABLE = MARKETABLE_AND_REACHABLE;

/** SQL: the customer (alias `c`) is not already in this flow with an active run. */
export function notActiveIn(flowId: string): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "FlowRun" r
   WHERE r."flowId" = ${flowId} AND r."customerId" = c."id" AND r."status" = 'ACTIVE'::"FlowRunStatus")`;
}
