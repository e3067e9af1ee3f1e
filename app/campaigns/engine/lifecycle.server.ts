// What staff do to a campaign, each scoped to the shop (another shop's id is not found):
//   DRAFT ──schedule──▶ SCHEDULED ──start time──▶ SENDING ──nothing left──▶ COMPLETED
//   SCHEDULED|SENDING ──pause──▶ PAUSED ──resume──▶ SENDING (SCHEDULED if never started)
//   SCHEDULED|SENDING|PAUSED ──cancel──▶ CANCELLED (PENDING recipients CANCELLED)
// Each change is one conditional write on the row (the status it expects in its WHERE), so two
// clicks, or a click racing the start job, leave one outcome; the loser gets CampaignStateError.
import { db } from "../../db/client.server";
import type { Campaign, CampaignStatus, Prisma } from "../../generated/prisma/client";
import { logger } from "../../lib/logger.server";
import { CAMPAIGN_CHANNELS, readCampaignContent } from "../content";
import { CampaignNotFoundError, CampaignStateError } from "./errors";
import { enqueueCampaignStart, removeCampaignStart } from "./jobs.server";
import { continueCampaign } from "./run-campaign.server";
import { campaignStartAt, sendModeOf } from "./start-time";

async function load(shopId: string, campaignId: string): Promise<Campaign> {
  const campaign = await db().campaign.findFirst({ where: { id: campaignId, shopId } });
  if (!campaign) throw new CampaignNotFoundError(campaignId);
  return campaign;
}

async function transition(
  campaign: Campaign,
  from: CampaignStatus[],
  data: Prisma.CampaignUpdateManyMutationInput,
  verb: string,
): Promise<Campaign> {
  if (!from.includes(campaign.status))
    throw new CampaignStateError(
      campaign.id,
      campaign.status,
      `A ${campaign.status.toLowerCase()} campaign cannot be ${verb}.`,
    );
  const { count } = await db().campaign.updateMany({
    where: { id: campaign.id, shopId: campaign.shopId, status: campaign.status },
    data,
  });
  if (count === 0) {
    const now = await load(campaign.shopId, campaign.id);
    throw new CampaignStateError(
      campaign.id,
      now.status,
      `The campaign changed meanwhile (now ${now.status.toLowerCase()}).`,
    );
  }
  return load(campaign.shopId, campaign.id);
}

/** Why the campaign cannot be sent as it is, or null. */
function notReadyReason(campaign: Campaign): string | null {
  if (!campaign.segmentId) return "Choose a segment before scheduling.";
  const channels = campaign.channels.filter((c) => (CAMPAIGN_CHANNELS as readonly string[]).includes(c));
  if (channels.length === 0) return "Choose at least one channel (SMS, WhatsApp or email).";
  const { variants } = readCampaignContent(campaign.content);
  if (variants.length === 0) return "Write the message before scheduling.";
  for (const v of variants)
    if (!channels.some((c) => v.messages[c as keyof typeof v.messages]))
      return `Variant ${v.key} has no message for the campaign's channels.`;
  return null;
}

/**
 * DRAFT (or SCHEDULED, to re-time it) → SCHEDULED at sendAt; a null or past sendAt starts now
 * (the start job resolves the audience at once and the campaign becomes SENDING).
 */
export async function scheduleCampaign(
  shopId: string,
  campaignId: string,
  options: { sendAt?: Date | null } = {},
): Promise<Campaign> {
  const campaign = await load(shopId, campaignId);
  if (campaign.status !== "DRAFT" && campaign.status !== "SCHEDULED")
    throw new CampaignStateError(
      campaignId,
      campaign.status,
      `A ${campaign.status.toLowerCase()} campaign cannot be scheduled.`,
    );
  const reason = notReadyReason(campaign);
  if (reason) throw new CampaignStateError(campaignId, campaign.status, reason);
  const now = new Date();
  const sendAt = options.sendAt && options.sendAt.getTime() > now.getTime() ? options.sendAt : now;
  const updated = await transition(campaign, ["DRAFT", "SCHEDULED"], { status: "SCHEDULED", sendAt }, "scheduled");
  await removeCampaignStart(campaignId);
  await enqueueCampaignStart(campaignId, campaignStartAt(sendAt, sendModeOf(updated.sendMode)), now);
  logger.info({ shopId, campaignId, sendAt, sendMode: updated.sendMode }, "campaign scheduled");
  return updated;
}

/** Stops picking recipients; the batch already claimed (at most a few seconds of sends) still goes. */
export async function pauseCampaign(shopId: string, campaignId: string): Promise<Campaign> {
  const campaign = await load(shopId, campaignId);
  const updated = await transition(
    campaign,
    ["SCHEDULED", "SENDING"],
    { status: "PAUSED", pausedAt: new Date() },
    "paused",
  );
  logger.info({ shopId, campaignId, was: campaign.status }, "campaign paused");
  return updated;
}

/** Back to SENDING where it stopped (SCHEDULED when paused before its start). */
export async function resumeCampaign(shopId: string, campaignId: string): Promise<Campaign> {
  const campaign = await load(shopId, campaignId);
  const status: CampaignStatus = campaign.resolvedAt ? "SENDING" : "SCHEDULED";
  const updated = await transition(campaign, ["PAUSED"], { status, pausedAt: null }, "resumed");
  if (status === "SENDING") {
    await continueCampaign(campaignId);
  } else {
    const sendAt = updated.sendAt ?? new Date();
    await enqueueCampaignStart(campaignId, campaignStartAt(sendAt, sendModeOf(updated.sendMode)));
  }
  logger.info({ shopId, campaignId, status }, "campaign resumed");
  return updated;
}

/** CANCELLED, with every recipient still PENDING marked CANCELLED in the same transaction. */
export async function cancelCampaign(shopId: string, campaignId: string): Promise<Campaign> {
  const campaign = await load(shopId, campaignId);
  const allowed: CampaignStatus[] = ["SCHEDULED", "SENDING", "PAUSED"];
  if (!allowed.includes(campaign.status))
    throw new CampaignStateError(
      campaignId,
      campaign.status,
      `A ${campaign.status.toLowerCase()} campaign cannot be cancelled.`,
    );
  const now = new Date();
  const cancelled = await db().$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaignId, shopId, status: { in: allowed } },
      data: { status: "CANCELLED", cancelledAt: now },
    });
    if (count === 0) return 0;
    return tx.campaignRecipient.updateMany({
      where: { campaignId, shopId, state: "PENDING" },
      data: { state: "CANCELLED" },
    });
  });
  if (cancelled === 0) {
    const current = await load(shopId, campaignId);
    throw new CampaignStateError(
      campaignId,
      current.status,
      `The campaign changed meanwhile (now ${current.status.toLowerCase()}).`,
    );
  }
  await removeCampaignStart(campaignId);
  logger.info({ shopId, campaignId, recipientsCancelled: cancelled.count }, "campaign cancelled");
  return load(shopId, campaignId);
}

export { campaignProgress } from "./progress.server";
