// The lifecycle flows every shop starts with (off): name, settings and steps with their default
// copy, one file per flow under ./copy/.
import type { DefaultStep } from "../copy-blocks";
import { browseAbandonmentSteps } from "./copy/browse-abandonment";
import { crossSellSteps } from "./copy/cross-sell";
import { locationPromotionSteps } from "./copy/location-promotion";
import { replenishmentSteps } from "./copy/replenishment";
import { welcomeSeriesSteps } from "./copy/welcome-series";
import { winBackSteps } from "./copy/win-back";
import type { LifecycleKind } from "./kinds";
import {
  BROWSE_ABANDONMENT_SETTINGS,
  CROSS_SELL_SETTINGS,
  LOCATION_PROMOTION_SETTINGS,
  REPLENISHMENT_SETTINGS,
  WELCOME_SERIES_SETTINGS,
  WIN_BACK_SETTINGS,
  type LifecycleSettings,
} from "./settings";

export interface LifecycleDefault<K extends LifecycleKind> {
  kind: K;
  name: string;
  settings: LifecycleSettings[K];
  steps: DefaultStep[];
}

export const LIFECYCLE_DEFAULTS: { [K in LifecycleKind]: LifecycleDefault<K> } = {
  WELCOME_SERIES: {
    kind: "WELCOME_SERIES",
    name: "Welcome series",
    settings: { ...WELCOME_SERIES_SETTINGS },
    steps: welcomeSeriesSteps,
  },
  BROWSE_ABANDONMENT: {
    kind: "BROWSE_ABANDONMENT",
    name: "Browse abandonment",
    settings: { ...BROWSE_ABANDONMENT_SETTINGS },
    steps: browseAbandonmentSteps,
  },
  CROSS_SELL: {
    kind: "CROSS_SELL",
    name: "Post-purchase cross-sell",
    settings: { ...CROSS_SELL_SETTINGS },
    steps: crossSellSteps,
  },
  REPLENISHMENT: {
    kind: "REPLENISHMENT",
    name: "Replenishment reminder",
    settings: { ...REPLENISHMENT_SETTINGS },
    steps: replenishmentSteps,
  },
  WIN_BACK: {
    kind: "WIN_BACK",
    name: "Win-back",
    settings: { ...WIN_BACK_SETTINGS },
    steps: winBackSteps,
  },
  LOCATION_PROMOTION: {
    kind: "LOCATION_PROMOTION",
    name: "Location promotion",
    settings: { ...LOCATION_PROMOTION_SETTINGS },
    steps: locationPromotionSteps,
  },
};
