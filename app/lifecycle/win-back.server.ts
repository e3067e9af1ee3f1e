// PLACEHOLDER: the win-back flow's helper replaces this file (enrol, stopReason, templateExtras).
import type { LifecycleFlow } from "./lifecycle-flow";

export const winBack: LifecycleFlow<"WIN_BACK"> = {
  kind: "WIN_BACK",
  enrol: async () => 0,
  stopReason: async () => null,
};
