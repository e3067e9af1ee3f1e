import { config } from "../config.server";
import { getQueue } from "./enqueue.server";
import { JOB, QUEUE } from "./queues.server";
import { REFRESH_DUE_POLICIES_EVERY_MS } from "../knowledge/shop-policy-jobs.server";
import { SEGMENTS_REFRESH_EVERY_MS } from "../segments/jobs.server";

export const PURGE_WEBHOOK_PAYLOADS_EVERY_MS = 60 * 60_000;

/** Repeatable jobs: the reconciler and the abandoned-checkout sweep. Idempotent by scheduler id. */
export async function scheduleRepeatableJobs() {
  const maintenance = getQueue(QUEUE.maintenance);
  await maintenance.upsertJobScheduler(
    JOB.reconcile,
    { every: config().RECONCILE_EVERY_MS },
    { name: JOB.reconcile, data: {} },
  );
  await maintenance.upsertJobScheduler(
    JOB.sweepAllShops,
    { every: config().CHECKOUT_SWEEP_EVERY_MINUTES * 60_000 },
    { name: JOB.sweepAllShops, data: {} },
  );
  // Snoozed conversations come back to the inbox within a minute of their time.
  await maintenance.upsertJobScheduler(JOB.wakeSnoozed, { every: 60_000 }, { name: JOB.wakeSnoozed, data: {} });
  // SLA due times that passed are recorded as breaches and escalated within a minute (app/sla/).
  await maintenance.upsertJobScheduler(
    JOB.checkSlaBreaches,
    { every: 60_000 },
    { name: JOB.checkSlaBreaches, data: {} },
  );
  // Routing: reassignment and escalation of unanswered assigned conversations (app/routing/sweep.server.ts).
  await maintenance.upsertJobScheduler(JOB.routingSweep, { every: 60_000 }, { name: JOB.routingSweep, data: {} });
  // Webhook payloads past WEBHOOK_PAYLOAD_RETENTION_DAYS, and any a shop no longer installed left behind.
  await maintenance.upsertJobScheduler(
    JOB.purgeWebhookPayloads,
    { every: PURGE_WEBHOOK_PAYLOADS_EVERY_MS },
    { name: JOB.purgeWebhookPayloads, data: {} },
  );
  // Shop policies not read for 23 hours are read again (one job per shop and day).
  await maintenance.upsertJobScheduler(
    JOB.refreshDueShopPolicies,
    { every: REFRESH_DUE_POLICIES_EVERY_MS },
    { name: JOB.refreshDueShopPolicies, data: {} },
  );
  // Lifecycle flows enrol whoever should enter them now (app/lifecycle/sweep.server.ts).
  await getQueue(QUEUE.segments).upsertJobScheduler(
    JOB.lifecycleSweep,
    { every: config().LIFECYCLE_SWEEP_EVERY_MINUTES * 60_000 },
    { name: JOB.lifecycleSweep, data: {} },
  );
  // Every segment rebuilt from scratch, after the fallback RFM (app/segments/jobs.server.ts).
  await getQueue(QUEUE.segments).upsertJobScheduler(
    JOB.refreshAllSegments,
    { every: SEGMENTS_REFRESH_EVERY_MS },
    { name: JOB.refreshAllSegments, data: {} },
  );
}
