// One entry point for every opt-out and opt-in we learn of outside Shopify ingest: keywords,
// the unsubscribe link, provider reports (Twilio 21610, SendGrid unsubscribe/spam report).
// Writes the Consent rows in one transaction, then tells the flow engine when marketing stopped
// and hands Shopify's copy of the change to its write-back job (shopify-consent-sync).
import type { Channel, ConsentPurpose, ConsentSource } from "../generated/prisma/client";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { onMarketingConsentRevoked } from "../flow-runs/triggers.server";
import { logger } from "../lib/logger.server";
import { recordConsents } from "./record-consent.server";
import { enqueuePendingConsentSyncs } from "./shopify-consent-sync.server";
import { afterConsentChangedForSegments } from "../segments/jobs.server";

export interface ConsentUpdateInput {
  shopId: string;
  customerId: string;
  channel: Channel;
  purposes: ConsentPurpose[];
  source: ConsentSource;
  occurredAt?: Date;
  detail?: Record<string, string>;
}

/** Inside a caller's transaction. Returns the purposes whose state changed. */
export async function revokeConsentTx(tx: Tx, input: ConsentUpdateInput): Promise<ConsentPurpose[]> {
  const { purposes, occurredAt, ...rest } = input;
  return recordConsents(tx, { ...rest, state: "REVOKED", occurredAt: occurredAt ?? new Date() }, purposes);
}

export async function grantConsentTx(tx: Tx, input: ConsentUpdateInput): Promise<ConsentPurpose[]> {
  const { purposes, occurredAt, ...rest } = input;
  return recordConsents(tx, { ...rest, state: "GRANTED", occurredAt: occurredAt ?? new Date() }, purposes);
}

/**
 * After the transaction that revoked consent committed: stops marketing runs. Called whenever
 * marketing is revoked or already was (the engine's handler is idempotent), so that a retry after
 * a crash between the commit and this call still stops the runs.
 */
export async function afterConsentRevoked(shopId: string, customerId: string, channel: Channel): Promise<void> {
  try {
    await onMarketingConsentRevoked(shopId, customerId, channel);
  } catch (err) {
    logger.error({ shopId, customerId, channel, err: (err as Error).message }, "onMarketingConsentRevoked failed");
    throw err;
  }
}

/** After any committed consent change of ours: Shopify's copy is written by its own durable job. */
export async function afterConsentCommitted(shopId: string, customerId: string): Promise<void> {
  await enqueuePendingConsentSyncs(shopId, customerId);
  // Segments on consent re-evaluate this customer (never throws; app/segments/jobs.server.ts).
  await afterConsentChangedForSegments(shopId, customerId);
}

/** Revokes and notifies the engine. Returns the purposes whose state changed. */
export async function revokeConsent(input: ConsentUpdateInput): Promise<ConsentPurpose[]> {
  const changed = await inRetryingTransaction((tx) => revokeConsentTx(tx, input));
  await afterConsentCommitted(input.shopId, input.customerId);
  if (input.purposes.includes("MARKETING")) await afterConsentRevoked(input.shopId, input.customerId, input.channel);
  return changed;
}

export async function grantConsent(input: ConsentUpdateInput): Promise<ConsentPurpose[]> {
  const changed = await inRetryingTransaction((tx) => grantConsentTx(tx, input));
  await afterConsentCommitted(input.shopId, input.customerId);
  return changed;
}
