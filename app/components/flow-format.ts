// Wording shared by the flow pages: delays and channel orders in plain English.
import { channelLabel } from "./StatusBadges";

/** The channels a flow step can use (Meta channels arrive with the inbox). */
export const EDITABLE_CHANNELS = ["SMS", "WHATSAPP", "EMAIL"] as const;
export type EditableChannel = (typeof EDITABLE_CHANNELS)[number];

/** "1 hour", "2 days", "90 minutes": the largest whole unit. */
function span(minutes: number): string {
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes % 1440 === 0) return count(minutes / 1440, "day");
  if (minutes % 60 === 0) return count(minutes / 60, "hour");
  return count(minutes, "minute");
}

export function describeDelay(minutes: number): string {
  return minutes <= 0 ? "at once" : `after ${span(minutes)}`;
}

export interface ScheduleSettings {
  reviewDelayDays: number;
  reviewDelayDaysWithoutDelivery: number;
}

/** What a lifecycle flow's step delays count from, and what "0" means (app/lifecycle/). */
const LIFECYCLE_ANCHORS: Record<string, { from: string; atOnce: string }> = {
  WELCOME_SERIES: { from: "they subscribe", atOnce: "as soon as they subscribe" },
  BROWSE_ABANDONMENT: { from: "their last product view", atOnce: "right after their last product view" },
  CROSS_SELL: { from: "delivery", atOnce: "on delivery" },
  REPLENISHMENT: { from: "the reminder date", atOnce: "on the reminder date" },
  WIN_BACK: { from: "they lapse", atOnce: "as soon as they lapse" },
  LOCATION_PROMOTION: { from: "they enter the promotion", atOnce: "as soon as they enter the promotion" },
};

/** When a step of this kind of flow goes, counted from what its due time counts from. */
function stepTiming(kind: string, minutes: number, settings: ScheduleSettings): string {
  const after = (what: string) => (minutes > 0 ? `${span(minutes)} after ${what}` : null);
  switch (kind) {
    case "CART_RECOVERY":
      return after("the checkout's last update") ?? "as soon as the checkout is left";
    case "ORDER_CONFIRMATION":
      return after("the order is placed") ?? "as soon as the order is placed";
    case "SHIPPING_UPDATE":
      return after("each shipment status") ?? "at each shipment status";
    case "REVIEW_REQUEST": {
      const delivered = span(settings.reviewDelayDays * 1440 + Math.max(0, minutes));
      const fulfilled = span(settings.reviewDelayDaysWithoutDelivery * 1440 + Math.max(0, minutes));
      return `${delivered} after delivery (${fulfilled} after fulfillment when no delivery is reported)`;
    }
    default: {
      const anchor = LIFECYCLE_ANCHORS[kind];
      if (anchor) return after(anchor.from) ?? anchor.atOnce;
      return describeDelay(minutes);
    }
  }
}

/** The editor's help under a step's wait: what the wait counts from for this kind of flow. */
export function describeWaitStart(kind: string, index: number): string {
  const notPrevious = index > 0 ? ", not from the previous step" : "";
  switch (kind) {
    case "CART_RECOVERY":
      return `Counted from the checkout's last update${notPrevious}.`;
    case "ORDER_CONFIRMATION":
      return index === 0 ? "After the order is placed. 0 sends at once." : `After the order is placed${notPrevious}.`;
    case "SHIPPING_UPDATE":
      return index === 0 ? "After each shipment status. 0 sends at once." : `After each shipment status${notPrevious}.`;
    case "REVIEW_REQUEST":
      return "Added to the days after delivery (or fulfillment) set above. 0 sends then.";
    default: {
      const anchor = LIFECYCLE_ANCHORS[kind];
      if (anchor) return `Counted from ${anchor.from}${notPrevious}. 0 sends ${anchor.atOnce}.`;
      return index === 0 ? "After the trigger. 0 sends at once." : "After the trigger, not the previous step.";
    }
  }
}

/**
 * The Flows page's one-line summary of when and how a flow sends, in the merchant's terms: a
 * review request "7 days after delivery", not "at once" (its wait lives in the flow's settings).
 */
export function describeFlowSchedule(
  kind: string,
  steps: readonly { delayMinutes: number; channels: readonly string[] }[],
  settings: ScheduleSettings,
): string {
  if (steps.length === 0) return "No steps.";
  return steps
    .map(
      (s, i) =>
        `${i === 0 ? "Sends" : "then"} ${stepTiming(kind, s.delayMinutes, settings)} by ${describeChannels(s.channels)}`,
    )
    .join("; ");
}

export function describeChannels(channels: readonly string[]): string {
  return channels.map(channelLabel).join(" → ");
}

export type DelayUnit = "minutes" | "hours" | "days";

/** Minutes → the largest whole unit, for the editor's value + unit fields. */
export function splitDelay(minutes: number): { value: number; unit: DelayUnit } {
  if (minutes > 0 && minutes % 1440 === 0) return { value: minutes / 1440, unit: "days" };
  if (minutes > 0 && minutes % 60 === 0) return { value: minutes / 60, unit: "hours" };
  return { value: minutes, unit: "minutes" };
}

export function toMinutes(value: number, unit: DelayUnit): number {
  return Math.round(value * (unit === "days" ? 1440 : unit === "hours" ? 60 : 1));
}
