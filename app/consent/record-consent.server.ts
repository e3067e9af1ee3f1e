// Consent rows for either purpose (marketing and transactional), written the same way as
// app/customers/record-consent.server.ts does for marketing: a row is rewritten, and a
// CONSENT_CHANGED timeline event recorded, only when the state really changes, and a report
// older than the one we hold never wins (so a replayed STOP cannot undo a later START).
import type { Channel, ConsentPurpose, ConsentSource, ConsentState } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { recordTimelineEvent } from "../timeline/record-event.server";

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
  if (current && (current.state === change.state || current.occurredAt > change.occurredAt)) return false;

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
