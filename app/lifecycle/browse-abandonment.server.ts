// PLACEHOLDER: the browse-abandonment flow's helper replaces this file (enrol, stopReason, templateExtras).
import type { LifecycleFlow } from "./lifecycle-flow";

export const browseAbandonment: LifecycleFlow<"BROWSE_ABANDONMENT"> = {
  kind: "BROWSE_ABANDONMENT",
  enrol: async () => 0,
  stopReason: async () => null,
};
