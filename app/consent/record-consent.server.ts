// Consent rows for either purpose (marketing and transactional). Every writer comes through here
// (Shopify ingest too, via app/customers/record-consent.server.ts): a row is rewritten, and a
// CONSENT_CHANGED timeline event recorded, only when consentReportWins says so (the later report
// wins; an opt-out is never undone by an older or equally old grant), so a replayed STOP cannot
// undo a later START and a stale Shopify webhook cannot undo an unsubscribe. A change of our own
// making that Shopify must learn of is queued in the same transaction (shopify-consent-sync).
import type { Channel, ConsentPurpose, ConsentSource, ConsentState } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { recordTimelineEvent } from "../timeline/record-event.server";
import { consentReportWins } from "./consent-precedence";
import { queueShopifyConsentSyncTx } from "./shopify-consent-sync.server";

export interface ConsentChange {
  shopId: string;
  customerId: string;
  channel: Channel;
  purpose: ConsentPurpose;
  state: ConsentState;
  source: ConsentSource;
  occurredAt: Date;
  /** Extra facts for the timeline (keyword, provider event...). */
  detail?: Record<string, string>;
}

export const CHANNEL_LABEL: Partial<Record<Channel, string>> = {
  EMAIL: "Email",
  SMS: "SMS",
  WHATSAPP: "WhatsApp",
  MESSENGER: "Messenger",
  INSTAGRAM: "Instagram",
  CHAT: "Chat",
};

/** Returns true when the consent state changed. */
export async function recordConsent(tx: Tx, change: ConsentChange): Promise<boolean> {
  const key = { customerId: change.customerId, channel: change.channel, purpose: change.purpose };
  const current = await tx.consent.findUnique({ where: { customerId_channel_purpose: key } });
  if (!consentReportWins(current, change)) return false;

  const values = { state: change.state, source: change.source, occurredAt: change.occurredAt };
  await tx.consent.upsert({
    where: { customerId_channel_purpose: key },
    create: { ...key, ...values, shopId: change.shopId },
    update: values,
  });
  const label = CHANNEL_LABEL[change.channel] ?? change.channel;
  const what = change.purpose === "MARKETING" ? "marketing" : "messages";
  await recordTimelineEvent(tx, {
    shopId: change.shopId,
    customerId: change.customerId,
    type: "CONSENT_CHANGED",
    occurredAt: change.occurredAt,
    dedupeKey: `consent:${change.customerId}:${change.channel}:${change.purpose}:${change.state}:${change.occurredAt.toISOString()}`,
    title: `${label} ${what} ${change.state === "GRANTED" ? "subscribed" : "unsubscribed"}`,
    data: {
      channel: change.channel,
      purpose: change.purpose,
      state: change.state,
      previousState: current?.state ?? null,
      source: change.source,
      ...(change.detail ?? {}),
    },
  });
  await queueShopifyConsentSyncTx(tx, change);
  return true;
}

/** Records the same state for several purposes; returns the purposes that changed. */
export async function recordConsents(
  tx: Tx,
  base: Omit<ConsentChange, "purpose">,
  purposes: ConsentPurpose[],
): Promise<ConsentPurpose[]> {
  const changed: ConsentPurpose[] = [];
  for (const purpose of purposes) if (await recordConsent(tx, { ...base, purpose })) changed.push(purpose);
  return changed;
}
