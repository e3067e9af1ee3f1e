// Marketing consent as Shopify (customer consent webhooks, the backfill) or a checkout reports it.
// One writer for every source: app/consent/record-consent.server.ts applies the precedence rule
// (app/consent/consent-precedence.ts) and records the timeline event.
import type { Channel, ConsentSource, ConsentState } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { recordConsent } from "../consent/record-consent.server";

export interface ConsentReport {
  shopId: string;
  customerId: string;
  channel: Channel;
  state: ConsentState;
  source: ConsentSource;
  occurredAt: Date;
  detail?: Record<string, string>;
}

/** Returns true when the consent state changed. */
export async function recordMarketingConsent(tx: Tx, report: ConsentReport): Promise<boolean> {
  return recordConsent(tx, { ...report, purpose: "MARKETING" });
}
