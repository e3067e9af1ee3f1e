// The lifecycle flows: marketing flows the lifecycle sweep enrols customers in (app/lifecycle/),
// rather than a webhook starting them.
import type { FlowKind } from "../../generated/prisma/enums";

export const LIFECYCLE_KINDS = [
  "WELCOME_SERIES",
  "BROWSE_ABANDONMENT",
  "CROSS_SELL",
  "REPLENISHMENT",
  "WIN_BACK",
  "LOCATION_PROMOTION",
] as const satisfies readonly FlowKind[];

export type LifecycleKind = (typeof LIFECYCLE_KINDS)[number];

export function isLifecycleKind(kind: FlowKind): kind is LifecycleKind {
  return (LIFECYCLE_KINDS as readonly string[]).includes(kind);
}
