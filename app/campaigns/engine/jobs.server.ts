// The campaign's jobs, on the "campaigns" queue, payloads ids only, rows the truth:
// - campaign-start-<id>: delayed to the start time (sendAt, or 26 h earlier for recipient time);
//   resolves the audience once (Campaign.resolvedAt), then dispatch begins;
// - campaign-batch-<id>-<key>: one dispatch batch. The key is derived from the rows (the first due
//   recipient's id; at<ms> when waiting for a later dueAt; settle<slot> while messages settle), so
//   the same state always names the same job and two workers deciding "what next" enqueue it once.
import type { Job } from "bullmq";
import { getQueue } from "../../jobs/enqueue.server";
import { JOB, QUEUE, jobIdFor } from "../../jobs/queues.server";

const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

async function addUnlessLive(
  name: typeof JOB.startCampaign | typeof JOB.dispatchCampaign,
  data: { campaignId: string; batch?: string },
  delay: number,
): Promise<boolean> {
  const queue = getQueue(QUEUE.campaigns);
  const jobId =
    name === JOB.startCampaign
      ? jobIdFor(JOB.startCampaign, { campaignId: data.campaignId })
      : jobIdFor(JOB.dispatchCampaign, { campaignId: data.campaignId, batch: data.batch ?? "0" });
  const existing = await queue.getJob(jobId);
  if (existing) {
    if (LIVE.has(await existing.getState())) return false;
    // A finished job keeps its id a while; add() under a taken id would do nothing.
    await existing.remove().catch(() => undefined);
  }
  await queue.add(name, data, {
    jobId,
    delay: Math.max(0, delay),
    attempts: 8,
    backoff: { type: "exponential", delay: 1000, jitter: 0.5 },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
  return true;
}

export function enqueueCampaignStart(campaignId: string, startAt: Date, now: Date = new Date()): Promise<boolean> {
  return addUnlessLive(JOB.startCampaign, { campaignId }, startAt.getTime() - now.getTime());
}

export function enqueueCampaignBatch(campaignId: string, batch: string, delayMs = 0): Promise<boolean> {
  return addUnlessLive(JOB.dispatchCampaign, { campaignId, batch }, delayMs);
}

/** Removes the waiting start job (reschedule, cancel); a running one finds the row changed. */
export async function removeCampaignStart(campaignId: string): Promise<void> {
  const job = await getQueue(QUEUE.campaigns).getJob(jobIdFor(JOB.startCampaign, { campaignId }));
  if (job && ["waiting", "delayed", "prioritized"].includes(await job.getState()))
    await job.remove().catch(() => undefined);
}

/** Campaign ids with a start or batch job queued or running (the reconciler leaves those alone). */
export async function campaignsWithLiveJobs(): Promise<Set<string>> {
  const jobs: Job[] = await getQueue(QUEUE.campaigns).getJobs(
    ["waiting", "active", "delayed", "prioritized"],
    0,
    10_000,
  );
  return new Set(jobs.filter(Boolean).map((j) => (j.data as { campaignId?: string }).campaignId ?? ""));
}
