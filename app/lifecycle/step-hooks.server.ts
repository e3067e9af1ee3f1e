// Where the flow engine (app/flow-runs/run-flow-step.server.ts) hands over to a lifecycle flow:
// its stop rules when a step falls due, and its own Liquid variables before rendering.
import type { RunContext } from "../flow-runs/flow-config.server";
import type { FlowKind } from "../generated/prisma/client";
import { isLifecycleKind } from "../flows/lifecycle/kinds";
import type { ExtrasOutcome, LifecycleRun } from "./lifecycle-flow";
import { lifecycleFlow } from "./registry.server";

export interface EngineRun {
  id: string;
  shopId: string;
  flowId: string;
  customerId: string;
  triggerKey: string;
  startedAt: Date;
  flow: { kind: FlowKind; settings: unknown };
}

function asLifecycleRun(run: EngineRun, context: RunContext): LifecycleRun {
  return {
    id: run.id,
    shopId: run.shopId,
    flowId: run.flowId,
    customerId: run.customerId,
    triggerKey: run.triggerKey,
    startedAt: run.startedAt,
    context,
    settings: run.flow.settings,
  };
}

/** A lifecycle run's reason to end before this step, else null (null for every other flow). */
export async function lifecycleStopReason(run: EngineRun, context: RunContext, now: Date): Promise<string | null> {
  const kind = run.flow.kind;
  if (!isLifecycleKind(kind)) return null;
  return lifecycleFlow(kind).stopReason(asLifecycleRun(run, context), now);
}

/** A lifecycle run's own Liquid variables (none for other flows), or a reason to skip the step. */
export async function lifecycleTemplateExtras(run: EngineRun, context: RunContext, now: Date): Promise<ExtrasOutcome> {
  const kind = run.flow.kind;
  if (!isLifecycleKind(kind)) return { extras: {} };
  const flow = lifecycleFlow(kind);
  return flow.templateExtras ? flow.templateExtras(asLifecycleRun(run, context), now) : { extras: {} };
}
