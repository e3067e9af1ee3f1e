// What happens to one due recipient, decided on facts read once for the batch (pure):
// - the channel: the campaign's channel order, narrowed to the channels this variant has a message
//   for, then the first where the customer has an address, the shop a connection, marketing consent
//   (app/consent/ rules, consentFromRows), and for WhatsApp outside the 24-hour window an approved
//   template (chooseChannel, the flows' own rule); none → SKIPPED with a reason;
// - quiet hours in the recipient's zone (the flows' window, Shop.settings.quietHours): the
//   recipient stays PENDING with dueAt moved to the next allowed minute.
// The frequency cap is decided later, under its lock (dispatch-batch.server.ts).
import type { Channel, Consent } from "../../generated/prisma/client";
import { consentFromRows } from "../../consent/effective-consent.server";
import { chooseChannel, type ChannelCustomerFacts } from "../../flows/choose-channel";
import { hasQuietHours, nextAllowedTime, type QuietHoursWindow } from "../../flows/quiet-hours";
import { CAMPAIGN_CHANNELS, type CampaignChannel, type CampaignVariant } from "../content";

export type SkipReason = "no_consent" | "opted_out" | "no_channel" | "capped" | "template_error" | "no_variant";

export type RecipientDecision =
  | { kind: "send"; channel: CampaignChannel; to: string; useWhatsappTemplate: boolean }
  | { kind: "skip"; reason: SkipReason; detail: string }
  | { kind: "defer"; until: Date; detail: string };

export interface RecipientFacts {
  variant: CampaignVariant | undefined;
  customer: ChannelCustomerFacts;
  consents: Pick<Consent, "channel" | "purpose" | "state" | "source">[];
  /** The recipient's zone, asked for only when the shop has quiet hours (parsing a phone is not free). */
  zone: () => string;
}

export interface CampaignRules {
  channels: Channel[];
  connected: Partial<Record<Channel, boolean>>;
  quietHours: QuietHoursWindow;
  now: Date;
}

function isCampaignChannel(channel: Channel): channel is CampaignChannel {
  return (CAMPAIGN_CHANNELS as readonly string[]).includes(channel);
}

/** A REVOKED row that stops marketing on this channel (WhatsApp also honours an SMS opt-out). */
function optedOut(consents: RecipientFacts["consents"], channel: Channel): boolean {
  const channels: Channel[] = channel === "WHATSAPP" ? ["WHATSAPP", "SMS"] : [channel];
  return consents.some((c) => channels.includes(c.channel) && c.state === "REVOKED");
}

export function decideRecipient(facts: RecipientFacts, rules: CampaignRules): RecipientDecision {
  const { variant } = facts;
  if (!variant) return { kind: "skip", reason: "no_variant", detail: "The campaign has no such variant." };
  const preference = rules.channels.filter((c) => isCampaignChannel(c) && variant.messages[c]);
  const consent: Partial<Record<Channel, { allowed: boolean; reason: string }>> = {};
  for (const channel of preference) {
    consent[channel] = consentFromRows(facts.consents, channel, "MARKETING") ?? {
      allowed: false,
      reason: `The customer has not subscribed to ${channel} marketing.`,
    };
  }
  const choice = chooseChannel({
    preference,
    customer: facts.customer,
    consent,
    connected: rules.connected,
    whatsappTemplateApproved: !!variant.messages.WHATSAPP?.whatsappContentSid,
    now: rules.now,
  });
  if ("none" in choice) {
    const detail = choice.reasons.map((r) => `${r.channel}: ${r.reason}`).join("; ") || "no channel in the campaign";
    const consentRefusals = choice.reasons.filter((r) => r.reason.startsWith("no consent"));
    if (consentRefusals.length === 0) return { kind: "skip", reason: "no_channel", detail };
    const revoked = consentRefusals.some((r) => optedOut(facts.consents, r.channel));
    return { kind: "skip", reason: revoked ? "opted_out" : "no_consent", detail };
  }
  const zone = hasQuietHours(rules.quietHours) ? facts.zone() : null;
  const quietUntil = zone ? nextAllowedTime(rules.now, zone, rules.quietHours) : null;
  if (quietUntil)
    return {
      kind: "defer",
      until: quietUntil,
      detail: `quiet hours in ${zone} (${rules.quietHours.start}–${rules.quietHours.end})`,
    };
  return {
    kind: "send",
    channel: choice.channel as CampaignChannel,
    to: choice.to,
    useWhatsappTemplate: choice.useWhatsappTemplate,
  };
}
