// The lifecycle sweep: every few minutes (LIFECYCLE_SWEEP_EVERY_MINUTES), and right after a
// lifecycle flow is switched on or saved, each enabled lifecycle flow enrols whoever should enter it
// now. Enrolment reads only rows (consents, storefront events, orders, fulfillments, customers), so
// a lost job, a crash or a Redis flush loses nothing: the next sweep finds the same candidates, and
// the run's unique trigger key keeps anyone from entering twice. Webhook intake and the dispatch hot
// path (docs/decisions/0048) stay untouched.
import { db } from "../db/client.server";
import { parseFlowSettings } from "../flows/defaults";
import { LIFECYCLE_KINDS, type LifecycleKind } from "../flows/lifecycle/kinds";
import { logger } from "../lib/logger.server";
import type { LifecycleFlowRow } from "./lifecycle-flow";
import { lifecycleFlow } from "./registry.server";

export interface SweepResult {
  flows: number;
  enrolled: number;
  failed: number;
}

/** Sweeps every shop's enabled lifecycle flows, or one shop's. */
export async function runLifecycleSweep(options: { shopId?: string; now?: Date } = {}): Promise<SweepResult> {
  const now = options.now ?? new Date();
  const flows = await db().flow.findMany({
    where: {
      enabled: true,
      kind: { in: [...LIFECYCLE_KINDS] },
      ...(options.shopId ? { shopId: options.shopId } : {}),
      shop: { uninstalledAt: null },
    },
    include: { steps: { orderBy: { position: "asc" }, select: { position: true, delayMinutes: true } } },
    orderBy: { id: "asc" },
  });
  const result: SweepResult = { flows: flows.length, enrolled: 0, failed: 0 };
  for (const flow of flows) {
    if (flow.steps.length === 0) continue;
    const kind = flow.kind as LifecycleKind;
    const row = {
      id: flow.id,
      shopId: flow.shopId,
      kind,
      settings: parseFlowSettings(kind, flow.settings),
      steps: flow.steps,
    } as LifecycleFlowRow;
    try {
      const enrolled = await lifecycleFlow(kind).enrol(row as never, now);
      result.enrolled += enrolled;
      if (enrolled > 0) logger.info({ shopId: flow.shopId, kind, enrolled }, "lifecycle flow enrolled customers");
    } catch (err) {
      // One flow's failure (a bad setting, an Admin API outage) never stops the others.
      result.failed++;
      logger.error({ shopId: flow.shopId, kind, err: (err as Error).message }, "lifecycle enrolment failed");
    }
  }
  return result;
}
