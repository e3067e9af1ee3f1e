// PLACEHOLDER: the replenishment flow's helper replaces this file (enrol, stopReason, templateExtras).
import type { LifecycleFlow } from "./lifecycle-flow";

export const replenishment: LifecycleFlow<"REPLENISHMENT"> = {
  kind: "REPLENISHMENT",
  enrol: async () => 0,
  stopReason: async () => null,
};
