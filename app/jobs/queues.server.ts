// The one place that names queues, job types and their payloads. Payloads carry
// ids only; the database row behind each id is the truth (docs/decisions/0003).

export const QUEUE = {
  webhooks: "webhooks",
  backfill: "backfill",
  maintenance: "maintenance",
  flowSteps: "flow-steps",
  sends: "sends",
  shopifyWrites: "shopify-writes",
  answers: "answers",
  embeddings: "embeddings",
  segments: "segments",
  campaigns: "campaigns",
} as const;

export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const JOB = {
  processWebhook: "process-webhook",
  runBackfill: "run-backfill",
  sweepCheckouts: "sweep-checkouts",
  sweepAllShops: "sweep-all-shops",
  reconcile: "reconcile",
  runFlowStep: "run-flow-step",
  sendMessage: "send-message",
  wakeSnoozed: "wake-snoozed",
  purgeWebhookPayloads: "purge-webhook-payloads",
  syncShopifyConsent: "sync-shopify-consent",
  autoAnswer: "auto-answer",
  embedArticle: "embed-article",
  refreshShopPolicies: "refresh-shop-policies",
  refreshDueShopPolicies: "refresh-due-shop-policies",
  sendCsatSurvey: "send-csat-survey",
  sendFlowTrigger: "send-flow-trigger",
  checkSlaBreaches: "check-sla-breaches",
  routingSweep: "routing-sweep",
  routingSavedReply: "routing-saved-reply",
  activateWebPixel: "activate-web-pixel",
  refreshSegment: "refresh-segment",
  refreshAllSegments: "refresh-all-segments",
  refreshCustomerSegments: "refresh-customer-segments",
  sendScheduledReply: "send-scheduled-reply",
  startCampaign: "start-campaign",
  dispatchCampaign: "dispatch-campaign",
  lifecycleSweep: "lifecycle-sweep",
} as const;

export interface JobPayloads {
  [JOB.processWebhook]: { receiptId: string };
  [JOB.runBackfill]: { backfillRunId: string };
  [JOB.sweepCheckouts]: { shopId: string };
  [JOB.sweepAllShops]: Record<string, never>;
  [JOB.reconcile]: Record<string, never>;
  [JOB.runFlowStep]: { flowStepId: string };
  [JOB.sendMessage]: { messageId: string };
  [JOB.wakeSnoozed]: Record<string, never>;
  [JOB.purgeWebhookPayloads]: Record<string, never>;
  [JOB.syncShopifyConsent]: { syncId: string };
  /** The inbound customer message to answer automatically (its AutoAnswer row is the truth). */
  [JOB.autoAnswer]: { messageId: string };
  /** The article whose published sections need vectors of the shop's embedding model (the rows are the truth). */
  [JOB.embedArticle]: { shopId: string; articleId: string };
  /** Read the shop's policies into the knowledge base (Shop.policiesSyncedAt is the truth). */
  [JOB.refreshShopPolicies]: { shopId: string };
  [JOB.refreshDueShopPolicies]: Record<string, never>;
  /** The CsatSurvey row to send or skip (its state is the truth; app/csat/). */
  [JOB.sendCsatSurvey]: { surveyId: string };
  /** A Shopify Flow trigger to send (its FlowTriggerEvent row is the truth; app/shopify-flow/). */
  [JOB.sendFlowTrigger]: { triggerId: string };
  /** Due times past on unresolved conversations become SlaBreach rows (app/sla/). */
  [JOB.checkSlaBreaches]: Record<string, never>;
  /** Reassignment and escalation of assigned conversations nobody answered (app/routing/). */
  [JOB.routingSweep]: Record<string, never>;
  /** A routing rule's saved reply (the "routed" ConversationActivity row is the truth; app/routing/). */
  [JOB.routingSavedReply]: { activityId: string };
  /** Create or update the shop's web pixel (Shop.settings.webPixel PENDING is the truth; app/storefront-events/). */
  [JOB.activateWebPixel]: { shopId: string };
  /** Rebuild a segment's members (Segment.refreshState REFRESHING is the truth; app/segments/). */
  [JOB.refreshSegment]: { segmentId: string };
  [JOB.refreshAllSegments]: Record<string, never>;
  /** Enrol customers in the enabled lifecycle flows, of one shop or all (the rows are the truth; app/lifecycle/). */
  [JOB.lifecycleSweep]: { shopId?: string };
  /** These customers against every segment of the shop, after an order or consent change (app/segments/). */
  [JOB.refreshCustomerSegments]: { shopId: string; customerIds: string[] };
  /** A staff reply sent later (its ScheduledReply row is the truth; app/send-later/). */
  [JOB.sendScheduledReply]: { scheduledReplyId: string };
  /** Resolve a campaign's audience once and begin dispatch (Campaign.status/resolvedAt are the truth; app/campaigns/engine/). */
  [JOB.startCampaign]: { campaignId: string };
  /** One dispatch batch of a campaign; batch is a key derived from its recipient rows (app/campaigns/engine/jobs.server.ts). */
  [JOB.dispatchCampaign]: { campaignId: string; batch: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JOB.processWebhook]: QUEUE.webhooks,
  [JOB.runBackfill]: QUEUE.backfill,
  [JOB.sweepCheckouts]: QUEUE.backfill,
  [JOB.sweepAllShops]: QUEUE.maintenance,
  [JOB.reconcile]: QUEUE.maintenance,
  [JOB.runFlowStep]: QUEUE.flowSteps,
  [JOB.sendMessage]: QUEUE.sends,
  [JOB.wakeSnoozed]: QUEUE.maintenance,
  [JOB.purgeWebhookPayloads]: QUEUE.maintenance,
  [JOB.syncShopifyConsent]: QUEUE.shopifyWrites,
  [JOB.autoAnswer]: QUEUE.answers,
  [JOB.embedArticle]: QUEUE.embeddings,
  // Admin API reads share the shop's cost bucket with the backfill and the checkout sweep.
  [JOB.refreshShopPolicies]: QUEUE.backfill,
  [JOB.refreshDueShopPolicies]: QUEUE.maintenance,
  [JOB.sendCsatSurvey]: QUEUE.answers,
  // flowTriggerReceive is an Admin API call: it shares the shop's cost bucket with the other writes.
  [JOB.sendFlowTrigger]: QUEUE.shopifyWrites,
  [JOB.checkSlaBreaches]: QUEUE.maintenance,
  [JOB.routingSweep]: QUEUE.maintenance,
  [JOB.routingSavedReply]: QUEUE.answers,
  // webPixelCreate/webPixelUpdate are Admin API writes: the shop's cost bucket with the other writes.
  [JOB.activateWebPixel]: QUEUE.shopifyWrites,
  [JOB.refreshSegment]: QUEUE.segments,
  // Enrolment creates up to 500 runs per flow (seconds): beside the segment rebuilds, it keeps the
  // maintenance queue's minute-by-minute jobs (reconciler, SLA breaches) prompt.
  [JOB.lifecycleSweep]: QUEUE.segments,
  [JOB.refreshAllSegments]: QUEUE.segments,
  [JOB.refreshCustomerSegments]: QUEUE.segments,
  [JOB.sendScheduledReply]: QUEUE.sends,
  [JOB.startCampaign]: QUEUE.campaigns,
  [JOB.dispatchCampaign]: QUEUE.campaigns,
};

/** policies-<shopId>-<UTC day>: at most one scheduled policy refresh per shop and day. */
export function dailyPolicyJobId(shopId: string, now: Date = new Date()): string {
  return `policies-${shopId}-${now.toISOString().slice(0, 10)}`;
}

/**
 * Deterministic job ids: the same database row always maps to the same job, so
 * enqueueing twice (a retry, the reconciler) never runs the work twice.
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  switch (name) {
    case JOB.processWebhook:
      return `webhook-${(payload as JobPayloads["process-webhook"]).receiptId}`;
    case JOB.runBackfill:
      return `backfill-${(payload as JobPayloads["run-backfill"]).backfillRunId}`;
    case JOB.runFlowStep:
      // The step's own id: its FlowStep row is the truth behind the delayed job.
      return (payload as JobPayloads["run-flow-step"]).flowStepId;
    case JOB.sendMessage:
      return `send-${(payload as JobPayloads["send-message"]).messageId}`;
    case JOB.syncShopifyConsent:
      // The ShopifyConsentSync row's id: one write per consent change of ours.
      return `consent-sync-${(payload as JobPayloads["sync-shopify-consent"]).syncId}`;
    case JOB.autoAnswer:
      // The inbound message's id: one decision per customer message (app/answers/).
      return `auto-answer-${(payload as JobPayloads["auto-answer"]).messageId}`;
    case JOB.refreshShopPolicies:
      // One refresh per shop per UTC day (the after-backfill refresh passes its own id).
      return dailyPolicyJobId((payload as JobPayloads["refresh-shop-policies"]).shopId);
    case JOB.embedArticle:
      // One per article: a second edit while it waits is picked up by the same job.
      return `embed-article-${(payload as JobPayloads["embed-article"]).articleId}`;
    case JOB.sendCsatSurvey:
      // One survey per conversation (CsatSurvey.conversationId is unique), one job per survey.
      return `csat-${(payload as JobPayloads["send-csat-survey"]).surveyId}`;
    case JOB.sendFlowTrigger:
      // The FlowTriggerEvent row's id: one flowTriggerReceive per event.
      return `flow-trigger-${(payload as JobPayloads["send-flow-trigger"]).triggerId}`;
    case JOB.sendScheduledReply:
      // The row's id: one send per scheduled reply, claimed under scheduled-reply:<id>.
      return `scheduled-reply-${(payload as JobPayloads["send-scheduled-reply"]).scheduledReplyId}`;
    case JOB.activateWebPixel:
      // One per shop: the pixel's settings are read fresh when it runs (requeueUnlessLive re-adds it).
      return `web-pixel-${(payload as JobPayloads["activate-web-pixel"]).shopId}`;
    case JOB.routingSavedReply:
      // One send per routing activity; the reply itself is keyed staff:<conversationId>:rule-<activityId>.
      return `routing-reply-${(payload as JobPayloads["routing-saved-reply"]).activityId}`;
    case JOB.startCampaign:
      // One start per campaign: its audience is resolved once (Campaign.resolvedAt).
      return `campaign-start-${(payload as JobPayloads["start-campaign"]).campaignId}`;
    case JOB.dispatchCampaign: {
      const p = payload as JobPayloads["dispatch-campaign"];
      return `campaign-batch-${p.campaignId}-${p.batch}`;
    }
    case JOB.refreshSegment:
      // One rebuild per segment at a time; a save while it runs is picked up by the same job.
      return `refresh-segment-${(payload as JobPayloads["refresh-segment"]).segmentId}`;
    case JOB.lifecycleSweep: {
      // One sweep per shop (or of all shops) per minute: saving a flow twice sweeps once.
      const shopId = (payload as JobPayloads["lifecycle-sweep"]).shopId ?? "all";
      return `lifecycle-sweep-${shopId}-${Math.floor(Date.now() / 60_000)}`;
    }
    case JOB.sweepCheckouts:
      // One sweep per shop per time slot; a later slot may run again.
      return `sweep-${(payload as JobPayloads["sweep-checkouts"]).shopId}-${Math.floor(Date.now() / 60_000)}`;
    default:
      return `${name}-${Math.floor(Date.now() / 60_000)}`;
  }
}
