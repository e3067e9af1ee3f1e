// Every lifecycle flow by kind: the flow engine and the sweep look them up here.
import type { LifecycleKind } from "../flows/lifecycle/kinds";
import { browseAbandonment } from "./browse-abandonment.server";
import { crossSell } from "./cross-sell.server";
import type { LifecycleFlow } from "./lifecycle-flow";
import { locationPromotion } from "./location-promotion.server";
import { replenishment } from "./replenishment.server";
import { welcomeSeries } from "./welcome-series.server";
import { winBack } from "./win-back.server";

export const LIFECYCLE_FLOWS: { [K in LifecycleKind]: LifecycleFlow<K> } = {
  WELCOME_SERIES: welcomeSeries,
  BROWSE_ABANDONMENT: browseAbandonment,
  CROSS_SELL: crossSell,
  REPLENISHMENT: replenishment,
  WIN_BACK: winBack,
  LOCATION_PROMOTION: locationPromotion,
};

export function lifecycleFlow<K extends LifecycleKind>(kind: K): LifecycleFlow<K> {
  return LIFECYCLE_FLOWS[kind] as LifecycleFlow<K>;
}
