// A campaign message sent by its own send job (a retry after a 429, a send the crash recovery
// released, one the reconciler found claimed but never attempted) takes its token from the same
// sender bucket as the batches, so no path around the batch can exceed the sender's rate.
import { db } from "../../db/client.server";
import type { Message } from "../../generated/prisma/client";
import { CAMPAIGN_CHANNELS, type CampaignChannel } from "../content";
import { campaignSenders } from "./senders.server";
import { takeSendTokens } from "./throttle.server";

export async function waitForCampaignSendSlot(message: Pick<Message, "shopId" | "channel" | "campaignId">) {
  if (!message.campaignId || !(CAMPAIGN_CHANNELS as readonly string[]).includes(message.channel)) return;
  const shop = await db().shop.findUnique({ where: { id: message.shopId }, select: { settings: true } });
  const { senders } = await campaignSenders(message.shopId, shop?.settings);
  const sender = senders[message.channel as CampaignChannel];
  if (sender) await takeSendTokens(sender.key, sender.ratePerSecond, 1);
}
