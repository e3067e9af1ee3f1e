// Our own opt-outs and opt-ins (STOP / START, the unsubscribe link and SendGrid's unsubscribe
// events, staff) written back to Shopify, so that an opt-out anywhere is an opt-out everywhere.
//
// Durable like every other job here (decision 0003): the ShopifyConsentSync row is inserted in the
// transaction that changed our Consent; after the commit a job `consent-sync-<rowId>` (ids only)
// calls the mutation through the throttle-aware Admin API client; the reconciler re-enqueues PENDING
// rows that Redis forgot. A change that came FROM Shopify never gets a row, so nothing echoes.
// WhatsApp is not written to Shopify's SMS consent: see docs/decisions/0025.
import type { Job } from "bullmq";
import type { Channel, ConsentSource } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import { enqueue, requeueUnlessLive } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { adminClientForShop } from "../shopify/admin-client.server";
import { AdminApiError } from "../shopify/graphql/errors";
import type { ConsentChange } from "./record-consent.server";
import { consentMutation, consentMutationRefusal, type ShopifyConsentChannel } from "./shopify-consent-adapter.server";

/** Sources that are ours: Shopify must hear about them. SHOPIFY_CUSTOMER, CHECKOUT, MERGE, WIDGET never sync. */
const OUR_SOURCES = new Set<ConsentSource>(["KEYWORD", "UNSUBSCRIBE_LINK", "STAFF"]);
const SHOPIFY_CHANNELS = new Set<Channel>(["EMAIL", "SMS"]);

export type SyncableChange = Omit<ConsentChange, "detail">;

export function syncIdempotencyKey(change: Pick<SyncableChange, "customerId" | "channel" | "state" | "occurredAt">) {
  return `${change.customerId}:${change.channel}:${change.state}:${change.occurredAt.getTime()}`;
}

/**
 * Inside the transaction that changed Consent. Shopify holds marketing consent for email and SMS
 * only, and only for customers it knows; anything else has nothing to write.
 */
export async function queueShopifyConsentSyncTx(tx: Tx, change: SyncableChange): Promise<string | null> {
  if (change.purpose !== "MARKETING" || !SHOPIFY_CHANNELS.has(change.channel) || !OUR_SOURCES.has(change.source))
    return null;
  const customer = await tx.customer.findFirst({
    where: { id: change.customerId, shopId: change.shopId },
    select: { shopifyCustomerId: true },
  });
  if (customer?.shopifyCustomerId == null) return null;
  const row = await tx.shopifyConsentSync.upsert({
    where: { idempotencyKey: syncIdempotencyKey(change) },
    create: {
      shopId: change.shopId,
      customerId: change.customerId,
      shopifyCustomerId: customer.shopifyCustomerId,
      channel: change.channel,
      state: change.state,
      occurredAt: change.occurredAt,
      idempotencyKey: syncIdempotencyKey(change),
    },
    update: {},
    select: { id: true },
  });
  return row.id;
}

/**
 * After the commit: a job for each of the customer's PENDING writes. Safe to call again (same job
 * ids); a failure here is only logged, because the reconciler enqueues what is left.
 */
export async function enqueuePendingConsentSyncs(shopId: string, customerId: string): Promise<number> {
  const rows = await db().shopifyConsentSync.findMany({
    where: { shopId, customerId, status: "PENDING" },
    orderBy: { occurredAt: "asc" },
    select: { id: true },
  });
  try {
    for (const { id } of rows) await enqueue(JOB.syncShopifyConsent, { syncId: id });
  } catch (err) {
    logger.warn(
      { shopId, customerId, err: (err as Error).message },
      "consent sync enqueue failed; reconciler will retry",
    );
  }
  return rows.length;
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);
}

/** Errors no retry can cure: Shopify understood the request and refused it (scope, bad input). */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof AdminApiError)) return false;
  const status = error.details.status;
  if (status !== undefined) return status >= 400 && status < 500 && status !== 429;
  return (error.details.graphQLErrors?.length ?? 0) > 0;
}

async function finish(id: string, status: "DONE" | "SKIPPED" | "FAILED", lastError: string | null) {
  await db().shopifyConsentSync.updateMany({
    where: { id, status: "PENDING" },
    data: { status, lastError, doneAt: status === "FAILED" ? null : new Date() },
  });
}

/** The sync-shopify-consent job. Runs the write at most once per row; a DONE row is never sent again. */
export async function syncConsentToShopify(syncId: string, job?: Job): Promise<void> {
  const row = await db().shopifyConsentSync.findUnique({
    where: { id: syncId },
    include: { shop: { select: { domain: true, uninstalledAt: true } } },
  });
  if (!row || row.status !== "PENDING") return;

  if (row.shop.uninstalledAt) return finish(row.id, "SKIPPED", "the shop uninstalled the app");
  // A later change (ours, with its own row, or Shopify's own) already speaks for this channel.
  const current = await db().consent.findUnique({
    where: { customerId_channel_purpose: { customerId: row.customerId, channel: row.channel, purpose: "MARKETING" } },
    select: { state: true, occurredAt: true },
  });
  if (!current || current.state !== row.state || current.occurredAt.getTime() !== row.occurredAt.getTime())
    return finish(row.id, "SKIPPED", "superseded by a later consent change");

  await db().shopifyConsentSync.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
  const mutation = consentMutation({
    shopifyCustomerId: row.shopifyCustomerId,
    channel: row.channel as ShopifyConsentChannel,
    state: row.state,
    occurredAt: row.occurredAt,
  });
  let data: unknown;
  try {
    // The client waits out THROTTLED answers and retries 5xx with backoff itself.
    const client = await adminClientForShop(row.shop.domain);
    data = await client.query(mutation.document, mutation.variables);
  } catch (error) {
    const reason = describe(error);
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (isPermanent(error) || lastAttempt) {
      logger.warn({ syncId, shopId: row.shopId, err: reason }, "consent write to Shopify failed");
      return finish(row.id, "FAILED", reason);
    }
    await db().shopifyConsentSync.updateMany({ where: { id: row.id, status: "PENDING" }, data: { lastError: reason } });
    throw error; // BullMQ retries with exponential backoff
  }
  const refusal = consentMutationRefusal(mutation, data);
  if (refusal) {
    logger.warn({ syncId, shopId: row.shopId, reason: refusal }, "Shopify refused the consent write");
    return finish(row.id, "FAILED", refusal);
  }
  await finish(row.id, "DONE", null);
}

const BATCH = 500;

/** PENDING rows whose job Redis no longer holds get it back. */
export async function reconcileConsentSyncs(): Promise<number> {
  const rows = await db().shopifyConsentSync.findMany({
    where: { status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  let requeued = 0;
  for (const { id } of rows) if (await requeueUnlessLive(JOB.syncShopifyConsent, { syncId: id })) requeued++;
  if (requeued) logger.info({ requeued }, "consent syncs re-enqueued");
  return requeued;
}
