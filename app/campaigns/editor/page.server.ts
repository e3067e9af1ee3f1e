// What /app/campaigns/<id | new> shows: the editor's form state and choices, the audience estimate
// while the campaign can still change, and once it has started the engine's progress and the results.
import type { Shop } from "../../generated/prisma/client";
import { shopChannels } from "../../flow-runs/step-facts.server";
import { estimateAudience, type AudienceEstimate } from "../audience/estimate.server";
import type { CampaignChannel } from "../content";
import { campaignResults, type CampaignResults } from "../results/results.server";
import { draftOf, isEditable, requireCampaign, segmentOptions } from "./campaigns.server";
import { emptyDraft, type CampaignDraftInput } from "./draft";
import { campaignProgress, type CampaignProgress } from "./lifecycle.server";

export interface CampaignPageData {
  id: string | null;
  status: "DRAFT" | "SCHEDULED" | "SENDING" | "PAUSED" | "COMPLETED" | "CANCELLED";
  editable: boolean;
  draft: CampaignDraftInput;
  sendAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  segments: Array<{ id: string; name: string; memberCount: number; refreshState: string }>;
  connected: Partial<Record<CampaignChannel, boolean>>;
  estimate: AudienceEstimate | null;
  progress: CampaignProgress | null;
  results: CampaignResults | null;
}

export async function campaignPage(
  shop: Pick<Shop, "id" | "ianaTimezone">,
  id: string | null,
): Promise<CampaignPageData> {
  const [campaign, segments, { connected }] = await Promise.all([
    id ? requireCampaign(shop.id, id) : null,
    segmentOptions(shop.id),
    shopChannels(shop.id),
  ]);
  const channels = { SMS: !!connected.SMS, WHATSAPP: !!connected.WHATSAPP, EMAIL: !!connected.EMAIL };
  if (!campaign) {
    return {
      id: null,
      status: "DRAFT",
      editable: true,
      draft: emptyDraft(),
      sendAt: null,
      startedAt: null,
      completedAt: null,
      cancelledAt: null,
      segments,
      connected: channels,
      estimate: null,
      progress: null,
      results: null,
    };
  }
  const editable = isEditable(campaign.status);
  const draft = draftOf(campaign, shop.ianaTimezone);
  const started = !editable || campaign.startedAt !== null;
  // Progress settles the recipient rows first (messages settled by their own jobs), so the results
  // count the same recipients the progress bar shows.
  const progress = started ? await campaignProgress(shop.id, campaign.id) : null;
  const [estimate, results] = await Promise.all([
    editable && campaign.segmentId
      ? estimateAudience(shop.id, {
          segmentId: campaign.segmentId,
          channels: draft.channels,
          sendMode: draft.sendMode,
          sendAt: campaign.sendAt,
        })
      : null,
    started ? campaignResults(shop.id, campaign.id) : null,
  ]);
  return {
    id: campaign.id,
    status: campaign.status,
    editable,
    draft,
    sendAt: campaign.sendAt?.toISOString() ?? null,
    startedAt: campaign.startedAt?.toISOString() ?? null,
    completedAt: campaign.completedAt?.toISOString() ?? null,
    cancelledAt: campaign.cancelledAt?.toISOString() ?? null,
    segments,
    connected: channels,
    estimate,
    progress,
    results,
  };
}
