// PLACEHOLDER: the cross-sell flow's helper replaces this file (enrol, stopReason, templateExtras).
import type { LifecycleFlow } from "./lifecycle-flow";

export const crossSell: LifecycleFlow<"CROSS_SELL"> = {
  kind: "CROSS_SELL",
  enrol: async () => 0,
  stopReason: async () => null,
};
