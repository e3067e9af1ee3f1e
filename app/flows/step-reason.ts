// Why a flow step is waiting or was not sent, in the merchant's words. The engine
// stores short internal reasons on FlowStep (deferredReason for a wait, lastError
// for a skip or a cancellation); they are built here and read back here, so the
// stored wording and the words staff see cannot drift apart.
import type { Channel } from "../generated/prisma/enums";
import type { FrequencyCap } from "./frequency-cap";
import type { QuietHoursWindow } from "./quiet-hours";

const NO_CHANNEL_PREFIX = "No channel could be used. ";
const STAFF_CANCEL_PREFIX = "cancelled by ";

export function quietHoursReason(zone: string, window: QuietHoursWindow): string {
  return `quiet hours in ${zone} (${window.start}–${window.end})`;
}

export function frequencyCapReason(cap: FrequencyCap, channel: Channel): string {
  return `frequency cap: ${cap.maxPerWindow} marketing message(s) per ${cap.windowHours} h on ${channel}`;
}

export function noChannelReason(reasons: { channel: Channel; reason: string }[]): string {
  const list = reasons.map((r) => `${r.channel}: ${r.reason}`).join("; ") || "no channel in the step";
  return `${NO_CHANNEL_PREFIX}${list}`;
}

export function checkoutTooOldReason(maxAgeDays: number): string {
  return `checkout older than ${maxAgeDays} days`;
}

export function isCheckoutTooOldReason(reason: string): boolean {
  return /^checkout older than \d+ days$/.test(reason);
}

export function cancelledByStaffReason(staffName: string): string {
  return `${STAFF_CANCEL_PREFIX}${staffName}`;
}

export interface StepReasonFacts {
  state: string;
  dueAt: Date;
  deferredReason: string | null;
  lastError: string | null;
}

export interface DescribeOptions {
  /** The shop's zone: due times are shown in it, except quiet hours (the recipient's zone, named). */
  shopTimeZone: string;
  now?: Date;
}

const CHANNEL_WORDS: Record<string, string> = { SMS: "SMS", WHATSAPP: "WhatsApp", EMAIL: "email" };

function channelWord(channel: string): string {
  return CHANNEL_WORDS[channel] ?? channel.toLowerCase();
}

/** "08:00" today (in that zone), else "Thu 3 Dec, 08:00". */
export function formatDueTime(at: Date, timeZone: string, now: Date = new Date()): string {
  const zone = safeZone(timeZone);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "numeric", month: "short" });
  const sameDay = day.format(at) === day.format(now) && Math.abs(at.getTime() - now.getTime()) < 86_400_000;
  return sameDay ? time : `${day.format(at).replace(",", "")}, ${time}`;
}

function safeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}

/** One "CH: reason" of a no-channel skip, in the merchant's words. */
function channelProblem(channel: string, reason: string): string {
  const word = channelWord(channel);
  if (reason.startsWith("no consent")) return `no ${word} consent`;
  if (reason === "no email address" || reason === "no phone number") return reason;
  if (reason === "channel not connected") return `${word} not connected`;
  if (reason.startsWith("outside the 24-hour WhatsApp window"))
    return "WhatsApp: outside the 24-hour window and no approved template";
  return `${word}: ${reason}`;
}

function notSentBecause(reason: string | null): string {
  if (!reason) return "not sent";
  if (reason.startsWith(NO_CHANNEL_PREFIX)) {
    const list = reason.slice(NO_CHANNEL_PREFIX.length);
    if (list === "no channel in the step") return "not sent: the step has no channel";
    const parts = list.split("; ").map((part) => {
      const at = part.indexOf(": ");
      return at < 0 ? part : channelProblem(part.slice(0, at), part.slice(at + 2));
    });
    return `not sent: ${parts.join(", ")}`;
  }
  if (reason.startsWith(STAFF_CANCEL_PREFIX)) return `not sent: ${reason}`;
  const known: [RegExp, string][] = [
    [/^customer replied/, "customer replied"],
    [/^customer opted out \((\w+)\)/, "customer opted out"],
    [/^order placed/, "order placed"],
    [/^checkout completed/, "checkout completed"],
    [/^superseded/, "a later reminder was already due"],
    [/^the flow no longer has this step/, "the flow no longer has this step"],
    [/^run ended|^all steps done/, "the flow run ended"],
  ];
  for (const [pattern, words] of known) if (pattern.test(reason)) return `not sent: ${words}`;
  return `not sent: ${reason}`;
}

function scheduledBecause(step: StepReasonFacts, options: DescribeOptions): string {
  const now = options.now ?? new Date();
  const reason = step.deferredReason;
  const quiet = reason ? /^quiet hours in (\S+)/.exec(reason) : null;
  if (quiet) return `Scheduled for ${formatDueTime(step.dueAt, quiet[1], now)} ${quiet[1]}: quiet hours`;
  const when = `${formatDueTime(step.dueAt, options.shopTimeZone, now)} ${safeZone(options.shopTimeZone)}`;
  const cap = reason ? /^frequency cap: (\d+) marketing message\(s\) per (\d+) h/.exec(reason) : null;
  if (cap) return `Scheduled for ${when}: frequency cap (${cap[1]} per ${cap[2]} h)`;
  return reason ? `Scheduled for ${when}: ${reason}` : `Scheduled for ${when}`;
}

/** The sentence staff see for a step that is waiting or did not go out (null for one that was sent). */
export function describeStepReason(step: StepReasonFacts, options: DescribeOptions): string | null {
  switch (step.state) {
    case "PENDING":
    case "DEFERRED":
      return scheduledBecause(step, options);
    case "SKIPPED":
    case "CANCELLED":
      return notSentBecause(step.lastError);
    case "FAILED":
      return `not sent: ${step.lastError ?? "failed"}`;
    default:
      return null;
  }
}
