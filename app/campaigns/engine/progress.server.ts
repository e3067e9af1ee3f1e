// A campaign's progress from its recipient rows (the bar and the counts the UI shows).
import { db } from "../../db/client.server";
import { CampaignNotFoundError } from "./errors";
import { settleCampaignRecipients } from "./settle-recipients.server";

export interface CampaignProgress {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  skipped: number;
  failed: number;
  cancelled: number;
  /** SKIPPED and FAILED recipients by reason: no_consent, opted_out, no_channel, capped, template_error, needs_review, <provider error code>… */
  skipReasons: Record<string, number>;
}

export async function campaignProgress(shopId: string, campaignId: string): Promise<CampaignProgress> {
  const campaign = await db().campaign.findFirst({ where: { id: campaignId, shopId }, select: { id: true } });
  if (!campaign) throw new CampaignNotFoundError(campaignId);
  // Messages settled by their own jobs since the last batch show as sent, not sending.
  await settleCampaignRecipients(campaignId);
  const [byState, byReason] = await Promise.all([
    db().campaignRecipient.groupBy({ by: ["state"], where: { campaignId, shopId }, _count: { _all: true } }),
    db().campaignRecipient.groupBy({
      by: ["skipReason"],
      where: { campaignId, shopId, state: { in: ["SKIPPED", "FAILED"] }, skipReason: { not: null } },
      _count: { _all: true },
    }),
  ]);
  const count = (state: string) => byState.find((s) => s.state === state)?._count._all ?? 0;
  const progress: CampaignProgress = {
    total: byState.reduce((sum, s) => sum + s._count._all, 0),
    pending: count("PENDING"),
    sending: count("SENDING"),
    sent: count("SENT"),
    skipped: count("SKIPPED"),
    failed: count("FAILED"),
    cancelled: count("CANCELLED"),
    skipReasons: {},
  };
  for (const r of byReason) if (r.skipReason) progress.skipReasons[r.skipReason] = r._count._all;
  return progress;
}
