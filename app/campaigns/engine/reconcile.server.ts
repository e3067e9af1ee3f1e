// After Redis forgot its jobs (FLUSHALL, a restart without persistence) the rows say what must run:
// a SCHEDULED campaign gets its start job back (delayed to its start time, or now when due); a
// SENDING campaign with no job queued or running gets its next batch (continueCampaign: due
// recipients, a later dueAt, or settling). Recipients left SENDING by a dead worker keep their
// claimed Message: its send job (rebuilt by the flow-step reconciler for every PENDING message)
// runs the crash recovery (Twilio asked, else NEEDS_REVIEW), never a second send.
import { db } from "../../db/client.server";
import { logger } from "../../lib/logger.server";
import { campaignsWithLiveJobs, enqueueCampaignStart } from "./jobs.server";
import { continueCampaign } from "./run-campaign.server";
import { campaignStartAt, sendModeOf } from "./start-time";

export async function reconcileCampaigns(now: Date = new Date()): Promise<number> {
  const campaigns = await db().campaign.findMany({
    where: { status: { in: ["SCHEDULED", "SENDING"] } },
    select: { id: true, status: true, sendAt: true, sendMode: true },
    take: 1000,
  });
  if (campaigns.length === 0) return 0;
  const live = await campaignsWithLiveJobs();
  let repaired = 0;
  for (const c of campaigns) {
    if (live.has(c.id)) continue;
    if (c.status === "SCHEDULED") {
      await enqueueCampaignStart(c.id, campaignStartAt(c.sendAt ?? now, sendModeOf(c.sendMode)), now);
      repaired += 1;
    } else {
      const next = await continueCampaign(c.id, now);
      if (next !== "idle" && next !== "completed") repaired += 1;
    }
  }
  if (repaired > 0) logger.info({ repaired }, "campaign reconciler re-enqueued jobs");
  return repaired;
}
