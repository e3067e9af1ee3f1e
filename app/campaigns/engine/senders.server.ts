// The shop's senders for a campaign: which channels are connected (and the email sender, for
// threading), and for each channel the bucket its sends take tokens from and that bucket's rate.
import { db } from "../../db/client.server";
import { shopChannels, type EmailSender } from "../../flow-runs/step-facts.server";
import type { Channel } from "../../generated/prisma/client";
import type { CampaignChannel } from "../content";
import { sendRateFor } from "./send-rates";

export interface Sender {
  /** The bucket: one per connection and channel (a Twilio number's SMS and its WhatsApp sender differ). */
  key: string;
  ratePerSecond: number;
}

export interface CampaignSenders {
  connected: Partial<Record<Channel, boolean>>;
  emailSender: EmailSender | null;
  senders: Partial<Record<CampaignChannel, Sender>>;
}

export async function campaignSenders(shopId: string, shopSettings: unknown): Promise<CampaignSenders> {
  const [{ connected, emailSender }, rows] = await Promise.all([
    shopChannels(shopId),
    db().channelConnection.findMany({
      where: { shopId, provider: { in: ["TWILIO", "SENDGRID"] } },
      select: { id: true, provider: true, config: true },
    }),
  ]);
  const senders: Partial<Record<CampaignChannel, Sender>> = {};
  for (const row of rows) {
    const config = (row.config && typeof row.config === "object" ? row.config : {}) as Record<string, unknown>;
    const facts = {
      fromNumber: typeof config.fromNumber === "string" ? config.fromNumber : null,
      messagingServiceSid: typeof config.messagingServiceSid === "string" ? config.messagingServiceSid : null,
    };
    const channels: CampaignChannel[] = row.provider === "TWILIO" ? ["SMS", "WHATSAPP"] : ["EMAIL"];
    for (const channel of channels)
      senders[channel] = { key: `${row.id}:${channel}`, ratePerSecond: sendRateFor(channel, shopSettings, facts) };
  }
  return { connected, emailSender, senders };
}
