// PLACEHOLDER: the location-promotion flow's helper replaces this file (enrol, stopReason, templateExtras).
import type { LifecycleFlow } from "./lifecycle-flow";

export const locationPromotion: LifecycleFlow<"LOCATION_PROMOTION"> = {
  kind: "LOCATION_PROMOTION",
  enrol: async () => 0,
  stopReason: async () => null,
};
