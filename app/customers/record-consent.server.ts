// Keeps Consent as the current state per customer, channel and purpose. A row is
// only rewritten, and a CONSENT_CHANGED event only recorded, when the state
// really changes; a report older than the one we hold never wins.
import type { Channel, ConsentSource, ConsentState } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { recordTimelineEvent } from "../timeline/record-event.server";

export interface ConsentReport {
  shopId: string;
  customerId: string;
  channel: Channel;
  state: ConsentState;
  source: ConsentSource;
  occurredAt: Date;
}

const CHANNEL_LABEL: Partial<Record<Channel, string>> = { EMAIL: "Email", SMS: "SMS", WHATSAPP: "WhatsApp" };

/** Returns true when the consent state changed. */
export async function recordMarketingConsent(tx: Tx, report: ConsentReport): Promise<boolean> {
  const key = { customerId: report.customerId, channel: report.channel, purpose: "MARKETING" as const };
  const current = await tx.consent.findUnique({ where: { customerId_channel_purpose: key } });
  if (current && (current.state === report.state || current.occurredAt > report.occurredAt)) return false;

  const values = { state: report.state, source: report.source, occurredAt: report.occurredAt };
  await tx.consent.upsert({
    where: { customerId_channel_purpose: key },
    create: { ...key, ...values, shopId: report.shopId },
    update: values,
  });
  const label = CHANNEL_LABEL[report.channel] ?? report.channel;
  await recordTimelineEvent(tx, {
    shopId: report.shopId,
    customerId: report.customerId,
    type: "CONSENT_CHANGED",
    occurredAt: report.occurredAt,
    dedupeKey: `consent:${report.customerId}:${report.channel}:MARKETING:${report.state}:${report.occurredAt.toISOString()}`,
    title: `${label} marketing ${report.state === "GRANTED" ? "subscribed" : "unsubscribed"}`,
    data: {
      channel: report.channel,
      purpose: "MARKETING",
      state: report.state,
      previousState: current?.state ?? null,
      source: report.source,
    },
  });
  return true;
}
