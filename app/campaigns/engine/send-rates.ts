// How fast a campaign may go out through each sender (messages per second). Providers queue or
// refuse what goes faster: a Twilio US long code sends about 1 SMS/s, a toll-free number 3/s, a
// short code 100/s; a Messaging Service spreads over its pool (10/s assumed); WhatsApp senders
// start at 80/s; SendGrid takes far more than we send (100/s keeps a burst polite). A shop can
// set its own per channel in Shop.settings.campaignSendRates ({ "SMS": 30 }), e.g. once Twilio
// has raised its limit; 1 to 10,000 per second.
import { z } from "zod";
import type { CampaignChannel } from "../content";

export const MAX_SEND_RATE = 10_000;

const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;

export interface SenderFacts {
  fromNumber?: string | null;
  messagingServiceSid?: string | null;
}

export function defaultSendRate(channel: CampaignChannel, sender: SenderFacts = {}): number {
  if (channel === "EMAIL") return 100;
  if (channel === "WHATSAPP") return 80;
  const from = sender.fromNumber ?? "";
  if (/^\d{5,6}$/.test(from)) return 100;
  if (TOLL_FREE.test(from)) return 3;
  if (!from && sender.messagingServiceSid) return 10;
  return 1;
}

const rate = z.coerce.number().int().min(1).max(MAX_SEND_RATE);
const storedRates = z
  .object({
    SMS: rate.optional().catch(undefined),
    WHATSAPP: rate.optional().catch(undefined),
    EMAIL: rate.optional().catch(undefined),
  })
  .catch({});

/** Shop.settings.campaignSendRates, field by field: a bad value falls back to the default. */
export function shopSendRates(settings: unknown): Partial<Record<CampaignChannel, number>> {
  const raw = settings && typeof settings === "object" && !Array.isArray(settings) ? settings : {};
  const value = (raw as Record<string, unknown>).campaignSendRates;
  return storedRates.parse(value && typeof value === "object" ? value : {});
}

export function sendRateFor(channel: CampaignChannel, settings: unknown, sender: SenderFacts = {}): number {
  return shopSendRates(settings)[channel] ?? defaultSendRate(channel, sender);
}
