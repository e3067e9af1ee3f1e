// What each lifecycle flow supplies (docs/decisions/0060): who enters it and when (enrol, run by
// the lifecycle sweep), what ends a run before a step is sent (stopReason, read when the step falls
// due), and any Liquid variables of its own (templateExtras). Everything else — consent, channel
// choice, quiet hours, the frequency cap, the claim before the send — is the flow engine's
// (app/flow-runs/run-flow-step.server.ts), exactly as for the other flows.
import type { LifecycleKind } from "../flows/lifecycle/kinds";
import type { LifecycleSettings } from "../flows/lifecycle/settings";
import type { RunContext } from "../flow-runs/flow-config.server";
import type { TemplateContext } from "../templates/context.server";

export interface LifecycleFlowRow<K extends LifecycleKind = LifecycleKind> {
  id: string;
  shopId: string;
  kind: K;
  settings: LifecycleSettings[K];
  /** The step definitions (position, delay after the run's anchor). */
  steps: { position: number; delayMinutes: number }[];
}

/** The run as a lifecycle rule sees it when a step falls due. */
export interface LifecycleRun {
  id: string;
  shopId: string;
  flowId: string;
  customerId: string;
  triggerKey: string;
  startedAt: Date;
  context: RunContext;
  /** The flow's settings when the step runs (the merchant may have changed them since). */
  settings: unknown;
}

/** Liquid variables only lifecycle flows fill in (documented in the README). */
export type LifecycleExtras = Pick<TemplateContext, "discount" | "product">;

export type ExtrasOutcome = { extras: LifecycleExtras } | { skip: string };

export interface LifecycleFlow<K extends LifecycleKind = LifecycleKind> {
  kind: K;
  /** Enrols whoever should enter the flow now (enrolCandidates); returns how many runs it created. */
  enrol(flow: LifecycleFlowRow<K>, now: Date): Promise<number>;
  /** A reason to end the run before a step is sent (the customer ordered, carted…), else null. */
  stopReason(run: LifecycleRun, now: Date): Promise<string | null>;
  /** This run's own Liquid variables, or a reason to skip the step (nothing to say). */
  templateExtras?(run: LifecycleRun, now: Date): Promise<ExtrasOutcome>;
  /** Stand-ins for templateExtras in the editor's validation and preview. */
  sampleExtras?(shopUrl: string): LifecycleExtras;
}
