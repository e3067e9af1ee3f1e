// The database is the truth and Redis may forget everything (a FLUSHALL, a
// restart without persistence). This rebuilds every job the database says
// should exist. Runs at start-up and every minute.
import { logger } from "../lib/logger.server";
import { reconcileWebhookReceipts } from "../webhooks/reconcile.server";
import { reconcileBackfillRuns } from "../shopify/backfill/reconcile.server";
import { reconcileFlowSteps } from "../flow-runs/reconcile-steps.server";
import { reconcileConsentSyncs } from "../consent/shopify-consent-sync.server";
import { reconcileAutoAnswers } from "../answers/reconcile.server";
import { reconcileEmbeddings } from "../knowledge/embed-sections.server";
import { reconcileCsatSurveys } from "../csat/reconcile.server";
import { reconcileFlowTriggers } from "../shopify-flow/outbox.server";
import { reconcileScheduledReplies } from "../send-later/run-scheduled-reply.server";
import { reconcileSegmentRefreshes } from "../segments/jobs.server";
import { reconcileCampaigns } from "../campaigns/engine/reconcile.server";
import { reconcileWebPixels } from "../storefront-events/web-pixel-activation.server";

export async function reconcile() {
  const [webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings, csat, flowTriggers] = await Promise.all(
    [
      reconcileWebhookReceipts(),
      reconcileBackfillRuns(),
      reconcileFlowSteps(),
      reconcileConsentSyncs(),
      reconcileAutoAnswers(),
      reconcileEmbeddings(),
      reconcileCsatSurveys(),
      reconcileFlowTriggers(),
    ],
  );
  // Send later (app/send-later/): SCHEDULED rows whose delayed job Redis lost.
  const scheduledReplies = await reconcileScheduledReplies();
  if (scheduledReplies > 0) logger.info({ scheduledReplies }, "reconciler re-enqueued lost scheduled replies");
  // Segments (app/segments/): rebuilds left REFRESHING whose job Redis lost.
  const segmentRefreshes = await reconcileSegmentRefreshes();
  if (segmentRefreshes > 0) logger.info({ segmentRefreshes }, "reconciler re-enqueued lost segment refreshes");
  // Campaigns (app/campaigns/engine/): start and batch jobs of SCHEDULED and SENDING campaigns.
  const campaigns = await reconcileCampaigns();
  // Web pixel (app/storefront-events/): shops whose pixel is still PENDING after install.
  const webPixels = await reconcileWebPixels();
  if (webPixels > 0) logger.info({ webPixels }, "reconciler re-enqueued lost web pixel activations");
  if (webhooks + backfills + flowSteps + consentSyncs + autoAnswers + embeddings + csat + flowTriggers > 0)
    logger.info(
      { webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings, csat, flowTriggers },
      "reconciler re-enqueued lost jobs",
    );
  return {
    webhooks,
    backfills,
    flowSteps,
    consentSyncs,
    autoAnswers,
    embeddings,
    csat,
    flowTriggers,
    scheduledReplies,
    segmentRefreshes,
    campaigns,
    webPixels,
  };
}
