// When staff may write free-form text to a customer on a channel (pure; unit-tested).
// - WhatsApp: free-form only within 24 hours of the customer's last WhatsApp message; after
//   that Meta accepts only approved templates.
// - Messenger and Instagram: free-form within 24 hours of the customer's last message on that
//   channel; from 24 hours up to 7 days with the HUMAN_AGENT message tag; beyond 7 days, nothing.
// - SMS, email and chat have no provider window.
import type { Channel } from "../generated/prisma/enums";

export const HOUR_MS = 60 * 60 * 1000;
export const STANDARD_WINDOW_MS = 24 * HOUR_MS;
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;

export type ChannelWindow =
  | { allowed: true; metaTag: null; explanation: null }
  | { allowed: true; metaTag: "HUMAN_AGENT"; explanation: string }
  | { allowed: false; metaTag: null; explanation: string };

const LABEL: Record<string, string> = { INSTAGRAM: "Instagram", MESSENGER: "Messenger" };

/**
 * @param lastInboundAt when the customer last wrote to us on THIS channel (null: never).
 */
export function channelWindow(channel: Channel, lastInboundAt: Date | null, now: Date = new Date()): ChannelWindow {
  if (channel === "WHATSAPP") {
    if (lastInboundAt && now.getTime() - lastInboundAt.getTime() < STANDARD_WINDOW_MS) {
      return { allowed: true, metaTag: null, explanation: null };
    }
    return {
      allowed: false,
      metaTag: null,
      explanation: lastInboundAt
        ? "WhatsApp allows free-form replies only within 24 hours of the customer's last WhatsApp message. It has been longer, so this reply needs an approved template."
        : "The customer has not written to you on WhatsApp, so a WhatsApp message needs an approved template.",
    };
  }
  if (channel === "INSTAGRAM" || channel === "MESSENGER") {
    const label = LABEL[channel];
    if (!lastInboundAt) {
      return {
        allowed: false,
        metaTag: null,
        explanation: `${label} only lets you reply to a customer who has messaged you there first.`,
      };
    }
    const age = now.getTime() - lastInboundAt.getTime();
    if (age < STANDARD_WINDOW_MS) return { allowed: true, metaTag: null, explanation: null };
    if (age < HUMAN_AGENT_WINDOW_MS) {
      return {
        allowed: true,
        metaTag: "HUMAN_AGENT",
        explanation: `More than 24 hours have passed since the customer's last ${label} message: this reply is sent with the human agent tag, allowed up to 7 days.`,
      };
    }
    return {
      allowed: false,
      metaTag: null,
      explanation: `${label} allows replies only up to 7 days after the customer's last message there. It has been longer, so you cannot reply on ${label}; pick another channel.`,
    };
  }
  return { allowed: true, metaTag: null, explanation: null };
}
