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

export async function reconcile() {
  const [webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings] = await Promise.all([
    reconcileWebhookReceipts(),
    reconcileBackfillRuns(),
    reconcileFlowSteps(),
    reconcileConsentSyncs(),
    reconcileAutoAnswers(),
    reconcileEmbeddings(),
  ]);
  if (webhooks + backfills + flowSteps + consentSyncs + autoAnswers + embeddings > 0)
    logger.info(
      { webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings },
      "reconciler re-enqueued lost jobs",
    );
  return { webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings };
}
