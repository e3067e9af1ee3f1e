// When the assistant says nothing, decided from plain facts (pure; unit-testable). Two kinds:
// - "silent": nothing automatic happens at all — the channel is off, the shop is open and answers
//   only outside business hours, the message is itself automatic (out-of-office, bounce) or a
//   STOP/START keyword, the message belongs to a cycle that was resolved since, a person already
//   replied in this cycle, or the conversation is assigned;
// - "no_message": the decision is still made, so a hand-off still marks the conversation as
//   waiting for a person and raises its priority, but nothing is sent to the customer — the
//   conversation already waits for a person, the assistant already sent `maxInARow` messages in a
//   row, the channel cannot reach the customer now (window closed, opted out, not connected), or
//   the email's sender is not verified (it may be forged: never answer it).
import type { AutoAnswerMode } from "./settings";

export type SilentReason =
  "setting_off" | "business_hours" | "auto_reply" | "keyword" | "resolved_since" | "staff_replied" | "assigned";

export type NoMessageReason =
  "waiting_for_person" | "max_in_a_row" | "channel_unavailable" | "unverified_sender" | "empty_message";

export interface RuleFacts {
  mode: AutoAnswerMode;
  shopOpen: boolean;
  autoReply: boolean;
  keyword: boolean;
  /** The message was written before the conversation was last resolved. */
  resolvedSince: boolean;
  staffRepliedInCycle: boolean;
  assigned: boolean;
}

export function silentReason(f: RuleFacts): SilentReason | null {
  if (f.mode === "off") return "setting_off";
  if (f.mode === "outside_business_hours" && f.shopOpen) return "business_hours";
  if (f.autoReply) return "auto_reply";
  if (f.keyword) return "keyword";
  if (f.resolvedSince) return "resolved_since";
  if (f.staffRepliedInCycle) return "staff_replied";
  if (f.assigned) return "assigned";
  return null;
}

export interface MessageFacts {
  waitingForPerson: boolean;
  automaticInARow: number;
  maxInARow: number;
  channelAllowed: boolean;
  senderUnverified: boolean;
  empty: boolean;
}

export function noMessageReason(f: MessageFacts): NoMessageReason | null {
  if (f.empty) return "empty_message";
  if (f.senderUnverified) return "unverified_sender";
  if (f.waitingForPerson) return "waiting_for_person";
  if (f.automaticInARow >= f.maxInARow) return "max_in_a_row";
  if (!f.channelAllowed) return "channel_unavailable";
  return null;
}
