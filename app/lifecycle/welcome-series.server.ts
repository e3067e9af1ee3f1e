// PLACEHOLDER: the welcome-series flow's helper replaces this file (enrol, stopReason, templateExtras).
import type { LifecycleFlow } from "./lifecycle-flow";

export const welcomeSeries: LifecycleFlow<"WELCOME_SERIES"> = {
  kind: "WELCOME_SERIES",
  enrol: async () => 0,
  stopReason: async () => null,
};
