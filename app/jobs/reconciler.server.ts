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
  if (webhooks + backfills + flowSteps + consentSyncs + autoAnswers + embeddings + csat + flowTriggers > 0)
    logger.info(
      { webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings, csat, flowTriggers },
      "reconciler re-enqueued lost jobs",
    );
  return { webhooks, backfills, flowSteps, consentSyncs, autoAnswers, embeddings, csat, flowTriggers };
}
