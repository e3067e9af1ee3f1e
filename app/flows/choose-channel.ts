// Which channel a flow step goes out on: the first in the step's preference where
// the customer can be reached, consent allows it, and (for WhatsApp outside the
// 24-hour customer-service window) an approved template exists.
import type { Channel } from "../generated/prisma/enums";

export const WHATSAPP_WINDOW_MS = 24 * 3600_000;

export interface ChannelCustomerFacts {
  email: string | null;
  phone: string | null;
  /** A WHATSAPP identity (E.164), when the customer has written to us on WhatsApp. */
  whatsapp: string | null;
  /** The customer's last inbound WhatsApp message. */
  lastWhatsappInboundAt: Date | null;
}

export interface ChannelChoiceInput {
  preference: Channel[];
  customer: ChannelCustomerFacts;
  /** consentFor's answer per channel; a channel missing here counts as not allowed. */
  consent: Partial<Record<Channel, { allowed: boolean; reason: string }>>;
  /** Channels the shop has a working connection for; when given, a channel missing here is skipped. */
  connected?: Partial<Record<Channel, boolean>>;
  /** The step's WhatsApp template has an approved ContentSid. */
  whatsappTemplateApproved: boolean;
  now: Date;
}

export type ChannelChoice =
  | { channel: Channel; to: string; useWhatsappTemplate: boolean; skipped: { channel: Channel; reason: string }[] }
  | { none: true; reasons: { channel: Channel; reason: string }[] };

function addressFor(channel: Channel, c: ChannelCustomerFacts): string | null {
  switch (channel) {
    case "EMAIL":
      return c.email;
    case "SMS":
      return c.phone;
    case "WHATSAPP":
      return c.whatsapp ?? c.phone;
    default:
      return null;
  }
}

export function chooseChannel(input: ChannelChoiceInput): ChannelChoice {
  const skipped: { channel: Channel; reason: string }[] = [];
  const seen = new Set<Channel>();
  for (const channel of input.preference) {
    if (seen.has(channel)) continue;
    seen.add(channel);
    if (channel !== "EMAIL" && channel !== "SMS" && channel !== "WHATSAPP") {
      skipped.push({ channel, reason: "channel not supported by flows" });
      continue;
    }
    const to = addressFor(channel, input.customer);
    if (!to) {
      skipped.push({ channel, reason: channel === "EMAIL" ? "no email address" : "no phone number" });
      continue;
    }
    if (input.connected && !input.connected[channel]) {
      skipped.push({ channel, reason: "channel not connected" });
      continue;
    }
    const consent = input.consent[channel];
    if (!consent?.allowed) {
      skipped.push({ channel, reason: `no consent: ${consent?.reason ?? "unknown"}` });
      continue;
    }
    let useWhatsappTemplate = false;
    if (channel === "WHATSAPP") {
      const last = input.customer.lastWhatsappInboundAt;
      const insideWindow = !!last && input.now.getTime() - last.getTime() < WHATSAPP_WINDOW_MS;
      if (!insideWindow) {
        if (!input.whatsappTemplateApproved) {
          skipped.push({ channel, reason: "outside the 24-hour WhatsApp window and no approved template" });
          continue;
        }
        useWhatsappTemplate = true;
      }
    }
    return { channel, to, useWhatsappTemplate, skipped };
  }
  return { none: true, reasons: skipped };
}
