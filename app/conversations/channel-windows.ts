// When staff may write free-form text to a customer on a channel (pure; unit-tested).
// - WhatsApp: free-form only within 24 hours of the customer's last WhatsApp message; after
//   that Meta accepts only approved templates.
// - Messenger and Instagram: free-form within 24 hours of the customer's last message on that
//   channel; from 24 hours up to 7 days with the HUMAN_AGENT message tag; beyond 7 days, nothing.
// - SMS, email and chat have no provider window.
// The words come from reply-reasons.ts, the one mapping the composer and the admin block share.
import type { Channel } from "../generated/prisma/enums";
import { replyReasonText, type ReplyReason } from "./reply-reasons";

export const HOUR_MS = 60 * 60 * 1000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export type ChannelWindow =
  | { allowed: true; metaTag: null; reason: null; explanation: null }
  | { allowed: true; metaTag: "HUMAN_AGENT"; reason: "HUMAN_AGENT_TAG"; explanation: string }
  | { allowed: false; metaTag: null; reason: "NEVER_WROTE" | "WINDOW_CLOSED"; explanation: string };

const OPEN: ChannelWindow = { allowed: true, metaTag: null, reason: null, explanation: null };

function closed(channel: Channel, reason: "NEVER_WROTE" | "WINDOW_CLOSED"): ChannelWindow {
  return { allowed: false, metaTag: null, reason, explanation: replyReasonText(channel, reason) };
}

/**
 * @param lastInboundAt when the customer last wrote to us on THIS channel (null: never).
 */
export function channelWindow(channel: Channel, lastInboundAt: Date | null, now: Date = new Date()): ChannelWindow {
  if (channel === "WHATSAPP") {
    if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < STANDARD_WINDOW_MS) return OPEN;
    return closed(channel, lastInboundAt ? "WINDOW_CLOSED" : "NEVER_WROTE");
  }
  if (channel === "INSTAGRAM" || channel === "MESSENGER") {
    if (!lastInboundAt) return closed(channel, "NEVER_WROTE");
    const age = now.getTime() - lastInboundAt.getTime();
    if (age < STANDARD_WINDOW_MS) return OPEN;
    if (age < HUMAN_AGENT_WINDOW_MS) {
      const reason: ReplyReason = "HUMAN_AGENT_TAG";
      return { allowed: true, metaTag: "HUMAN_AGENT", reason, explanation: replyReasonText(channel, reason) };
    }
    return closed(channel, "WINDOW_CLOSED");
  }
  return OPEN;
}
