// The two job processors. start: resolve the audience once, then begin dispatch. batch: claim one
// batch of due recipients (claim-recipients.server.ts), queue what comes next, send the claims under
// each sender's rate, settle the recipients, and decide again what comes next:
// - more recipients due → the next batch now;
// - none due, some later (recipient time, quiet hours) → a batch delayed to the earliest dueAt;
// - none PENDING, some still SENDING (a retry, a crash recovery) → a look again in 15 s;
// - none PENDING or SENDING → the campaign is COMPLETED.
// A paused or cancelled campaign picks nothing; resuming queues a batch again.
import { db } from "../../db/client.server";
import { logger } from "../../lib/logger.server";
import { claimDueRecipients, type BatchClaim } from "./claim-recipients.server";
import { enqueueCampaignBatch, enqueueCampaignStart } from "./jobs.server";
import { resolveCampaignAudience } from "./resolve-audience.server";
import { campaignSenders } from "./senders.server";
import { sendThrottled } from "./send-throttled.server";
import { settleCampaignRecipients } from "./settle-recipients.server";
import { campaignStartAt, sendModeOf } from "./start-time";

/** At most this many recipients per batch. */
export const MAX_BATCH = 500;
/** A throttled sender's batch holds about this many seconds of its sends (pause takes effect within that). */
const BATCH_SECONDS = 5;
/** Above this rate the next batch is claimed while this one sends, and a batch claims in CLAIM_LANES. */
const PIPELINE_RATE = 100;
/**
 * Transactions a fast batch claims in, side by side (FOR UPDATE SKIP LOCKED keeps them apart): a
 * claim is mostly database round trips, and with one lane the worker waited a third of the time
 * (bench:campaigns, decision 0057).
 */
const CLAIM_LANES = 2;
const SETTLE_AGAIN_MS = 15_000;
const EARLY_TOLERANCE_MS = 1000;

export async function runCampaignStart(campaignId: string, now: Date = new Date()): Promise<string> {
  const campaign = await db().campaign.findUnique({ where: { id: campaignId } });
  if (!campaign || campaign.status !== "SCHEDULED") return "noop";
  const startAt = campaignStartAt(campaign.sendAt ?? now, sendModeOf(campaign.sendMode));
  if (startAt.getTime() - now.getTime() > EARLY_TOLERANCE_MS) {
    // Re-timed while this job waited: the job for the new time replaces it.
    setTimeout(() => void enqueueCampaignStart(campaignId, startAt).catch(() => undefined), 200).unref?.();
    return "early";
  }
  const outcome = await resolveCampaignAudience(campaignId, now);
  if (outcome === "resolved" || outcome === "already-resolved") await continueCampaign(campaignId);
  return outcome;
}

/** Queues what the rows say comes next (see the header); the reconciler calls it too. */
export async function continueCampaign(campaignId: string, now: Date = new Date()): Promise<string> {
  const campaign = await db().campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
  if (campaign?.status !== "SENDING") return "idle";
  // Index look-ups only ("campaignId", "state", "dueAt"): this runs after every batch of a 100,000
  // recipient campaign. The first due recipient names the next batch: the same rows, the same job.
  const [firstDue] = await db().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "CampaignRecipient"
     WHERE "campaignId" = ${campaignId} AND "state" = 'PENDING' AND "dueAt" <= ${now}
     ORDER BY "dueAt" LIMIT 1`;
  if (firstDue) {
    await enqueueCampaignBatch(campaignId, firstDue.id);
    return "next";
  }
  // Accepted sends settled their recipients as they were recorded; failures, crash recoveries and
  // late answers are settled here, at the campaign's tail (and whenever progress is read), rather
  // than by a scan of every in-flight recipient after each batch.
  await settleCampaignRecipients(campaignId);
  const [nextDue] = await db().$queryRaw<{ dueAt: Date }[]>`
    SELECT "dueAt" FROM "CampaignRecipient"
     WHERE "campaignId" = ${campaignId} AND "state" = 'PENDING'
     ORDER BY "dueAt" LIMIT 1`;
  if (nextDue) {
    const at = nextDue.dueAt.getTime();
    await enqueueCampaignBatch(campaignId, `at${at}`, at - now.getTime());
    return "waiting";
  }
  const [sending] = await db().$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "CampaignRecipient" WHERE "campaignId" = ${campaignId} AND "state" = 'SENDING' LIMIT 1`;
  if (sending) {
    const slot = Math.floor(now.getTime() / SETTLE_AGAIN_MS);
    await enqueueCampaignBatch(campaignId, `settle${slot}`, SETTLE_AGAIN_MS);
    return "settling";
  }
  const { count } = await db().campaign.updateMany({
    where: { id: campaignId, status: "SENDING" },
    data: { status: "COMPLETED", completedAt: now },
  });
  if (count) logger.info({ campaignId }, "campaign completed");
  return "completed";
}

function mergeClaims(claims: BatchClaim[]): BatchClaim {
  return {
    picked: claims.reduce((n, c) => n + c.picked, 0),
    claimed: claims.flatMap((c) => c.claimed),
    skipped: claims.reduce((n, c) => n + c.skipped, 0),
    deferred: claims.reduce((n, c) => n + c.deferred, 0),
  };
}

export async function runCampaignBatch(campaignId: string, now: Date = new Date()): Promise<string> {
  const campaign = await db().campaign.findUnique({ where: { id: campaignId }, include: { shop: true } });
  if (!campaign || campaign.status !== "SENDING") return "idle";
  const { connected, emailSender, senders } = await campaignSenders(campaign.shopId, campaign.shop.settings);
  const rates = campaign.channels.map((c) => senders[c as keyof typeof senders]?.ratePerSecond ?? MAX_BATCH);
  const slowest = Math.min(...rates, MAX_BATCH);
  const limit = Math.max(5, Math.min(MAX_BATCH, slowest * BATCH_SECONDS));

  const claimStarted = performance.now();
  const lanes = slowest >= PIPELINE_RATE ? CLAIM_LANES : 1;
  const batch = mergeClaims(
    await Promise.all(
      Array.from({ length: lanes }, () =>
        claimDueRecipients({
          campaign,
          shop: campaign.shop,
          connected,
          emailSender,
          limit: Math.ceil(limit / lanes),
          now,
        }),
      ),
    ),
  );
  if (batch.claimed.length > 0 && slowest >= PIPELINE_RATE) await continueCampaign(campaignId);
  const sendStarted = performance.now();
  await sendThrottled(batch.claimed, senders);
  const settleStarted = performance.now();
  const next = await continueCampaign(campaignId);
  if (batch.picked > 0)
    logger.info(
      {
        campaignId,
        picked: batch.picked,
        claimed: batch.claimed.length,
        skipped: batch.skipped,
        deferred: batch.deferred,
        next,
        ms: {
          claim: Math.round(sendStarted - claimStarted),
          send: Math.round(settleStarted - sendStarted),
          settle: Math.round(performance.now() - settleStarted),
        },
      },
      "campaign batch dispatched",
    );
  return next;
}
