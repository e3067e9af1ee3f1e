// Wording shared by the flow pages: delays and channel orders in plain English.
import { channelLabel } from "./StatusBadges";

/** The channels a flow step can use (Meta channels arrive with the inbox). */
export const EDITABLE_CHANNELS = ["SMS", "WHATSAPP", "EMAIL"] as const;
export type EditableChannel = (typeof EDITABLE_CHANNELS)[number];

export function describeDelay(minutes: number): string {
  if (minutes <= 0) return "at once";
  if (minutes % 1440 === 0) return `after ${minutes / 1440} ${minutes === 1440 ? "day" : "days"}`;
  if (minutes % 60 === 0) return `after ${minutes / 60} ${minutes === 60 ? "hour" : "hours"}`;
  return `after ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
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
