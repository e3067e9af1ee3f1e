import type { Job } from "bullmq";
import { JOB, type JobName, type JobPayloads } from "../queues.server";
import { reconcile } from "../reconciler.server";
import { processWebhookInBatch } from "../../dispatch/receipt-batches.server";
import { runBackfill } from "../../shopify/backfill/run-backfill.server";
import { sweepAbandonedCheckouts, sweepAllShops } from "../../shopify/backfill/sweep-checkouts.server";
import { runFlowStep } from "../../flow-runs/run-flow-step.server";
import { sendMessage } from "../../messages/send-message.server";
import { wakeSnoozedConversations } from "../../conversations/state.server";
import { purgeWebhookPayloads } from "../../webhooks/payload-retention.server";
import { syncConsentToShopify } from "../../consent/shopify-consent-sync.server";
import { runAutoAnswer } from "../../answers/run-auto-answer.server";
import { embedArticleSections } from "../../knowledge/embed-sections.server";
import { refreshDueShopPolicies, runShopPoliciesJob } from "../../knowledge/shop-policy-jobs.server";
import { sendCsatSurvey } from "../../csat/send-survey.server";
import { sendFlowTrigger } from "../../shopify-flow/outbox.server";
import { checkSlaBreaches } from "../../sla/breaches.server";
import { runRoutingSweep } from "../../routing/sweep.server";
import { sendRoutingSavedReply } from "../../routing/saved-reply.server";
import { activateWebPixel } from "../../storefront-events/web-pixel-activation.server";
import { refreshAllSegments, runCustomerSegmentsJob, runSegmentRefreshJob } from "../../segments/jobs.server";
import { runScheduledReply } from "../../send-later/run-scheduled-reply.server";
import { runCampaignBatch, runCampaignStart } from "../../campaigns/engine/run-campaign.server";
import { runLifecycleSweep } from "../../lifecycle/sweep.server";

type Processor<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<unknown>;

export const processors: { [N in JobName]: Processor<N> } = {
  [JOB.processWebhook]: ({ receiptId }) => processWebhookInBatch(receiptId),
  [JOB.runBackfill]: ({ backfillRunId }) => runBackfill(backfillRunId),
  [JOB.sweepCheckouts]: ({ shopId }) => sweepAbandonedCheckouts(shopId),
  [JOB.sweepAllShops]: () => sweepAllShops(),
  [JOB.reconcile]: () => reconcile(),
  [JOB.runFlowStep]: ({ flowStepId }, job) => runFlowStep(flowStepId, { job }),
  [JOB.sendMessage]: ({ messageId }, job) => sendMessage(messageId, job),
  [JOB.wakeSnoozed]: () => wakeSnoozedConversations(),
  [JOB.purgeWebhookPayloads]: () => purgeWebhookPayloads(),
  [JOB.syncShopifyConsent]: ({ syncId }, job) => syncConsentToShopify(syncId, job),
  [JOB.autoAnswer]: ({ messageId }) => runAutoAnswer(messageId),
  [JOB.embedArticle]: ({ shopId, articleId }) => embedArticleSections(shopId, articleId),
  [JOB.refreshShopPolicies]: ({ shopId }) => runShopPoliciesJob(shopId),
  [JOB.refreshDueShopPolicies]: () => refreshDueShopPolicies(),
  [JOB.sendCsatSurvey]: ({ surveyId }) => sendCsatSurvey(surveyId),
  [JOB.sendFlowTrigger]: ({ triggerId }, job) => sendFlowTrigger(triggerId, job),
  [JOB.checkSlaBreaches]: () => checkSlaBreaches(),
  [JOB.routingSweep]: () => runRoutingSweep(),
  [JOB.routingSavedReply]: ({ activityId }) => sendRoutingSavedReply(activityId),
  [JOB.activateWebPixel]: ({ shopId }) => activateWebPixel(shopId),
  [JOB.refreshSegment]: ({ segmentId }) => runSegmentRefreshJob(segmentId),
  [JOB.refreshAllSegments]: () => refreshAllSegments(),
  [JOB.lifecycleSweep]: ({ shopId }) => runLifecycleSweep({ shopId }),
  [JOB.refreshCustomerSegments]: ({ shopId, customerIds }) => runCustomerSegmentsJob(shopId, customerIds),
  [JOB.sendScheduledReply]: ({ scheduledReplyId }) => runScheduledReply(scheduledReplyId),
  [JOB.startCampaign]: ({ campaignId }) => runCampaignStart(campaignId),
  [JOB.dispatchCampaign]: ({ campaignId }) => runCampaignBatch(campaignId),
};
