// May we send this customer a message of this purpose on this channel? The one answer every
// automated send asks for (the flow engine before it claims a send; the send job re-checks
// revocations just before the provider call).
//
// Rules:
// - A REVOKED row always wins. A channel's TRANSACTIONAL revocation (STOP on SMS/WhatsApp) stops
//   every message on that channel, marketing included.
// - TRANSACTIONAL is allowed unless that channel's consent is REVOKED.
// - MARKETING needs a GRANTED row for that channel (Shopify's consent webhooks and backfill, and
//   checkout buyer_accepts_*, are written there with sources SHOPIFY_CUSTOMER / CHECKOUT; STOP /
//   START keywords and the unsubscribe link write them too), or, when a checkout is given, its
//   buyerAcceptsMarketing (EMAIL) / buyerAcceptsSmsMarketing (SMS) ticked and no REVOKED row.
// - WhatsApp marketing: Shopify has no WhatsApp consent field. We accept a WHATSAPP GRANTED row
//   (START sent on WhatsApp, staff) or SMS marketing consent that the merchant collected through
//   Shopify (an SMS GRANTED row with source SHOPIFY_CUSTOMER / CHECKOUT, or the checkout's
//   buyerAcceptsSmsMarketing): the customer gave us their mobile number for marketing, and
//   WhatsApp reaches that same number. An SMS opt-out (REVOKED SMS row) therefore also blocks the
//   fallback, while an SMS opt-in by keyword does not extend to WhatsApp.
import type { Channel, Consent, ConsentPurpose } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { CHANNEL_LABEL } from "./record-consent.server";

export interface ConsentQuery {
  shopId: string;
  customerId: string;
  channel: Channel;
  purpose: ConsentPurpose;
  checkoutId?: string | null;
}

export interface ConsentAnswer {
  allowed: boolean;
  reason: string;
}

const SHOPIFY_SOURCES = new Set(["SHOPIFY_CUSTOMER", "CHECKOUT"]);

type Row = Pick<Consent, "channel" | "purpose" | "state" | "source">;

function rowOf(rows: Row[], channel: Channel, purpose: ConsentPurpose): Row | undefined {
  return rows.find((r) => r.channel === channel && r.purpose === purpose);
}

export type ConsentRow = Row;

/**
 * consentFor's answer from the customer's consent rows (of `channel`, and SMS for WhatsApp);
 * null when only the checkout's own consent boxes could still allow it (marketing).
 */
export function consentFromRows(rows: Row[], channel: Channel, purpose: ConsentPurpose): ConsentAnswer | null {
  const label = CHANNEL_LABEL[channel] ?? channel;
  const transactional = rowOf(rows, channel, "TRANSACTIONAL");
  if (transactional?.state === "REVOKED")
    return { allowed: false, reason: `The customer opted out of all ${label} messages (${transactional.source}).` };
  if (purpose === "TRANSACTIONAL") return { allowed: true, reason: `${label} transactional messages are allowed.` };

  const marketing = rowOf(rows, channel, "MARKETING");
  if (marketing?.state === "REVOKED")
    return { allowed: false, reason: `The customer unsubscribed from ${label} marketing (${marketing.source}).` };
  if (marketing?.state === "GRANTED")
    return { allowed: true, reason: `The customer subscribed to ${label} marketing (${marketing.source}).` };

  if (channel === "WHATSAPP") {
    const sms = rowOf(rows, "SMS", "MARKETING");
    const smsTransactional = rowOf(rows, "SMS", "TRANSACTIONAL");
    if (sms?.state === "REVOKED" || smsTransactional?.state === "REVOKED")
      return {
        allowed: false,
        reason: "The customer opted out of SMS, so their number is not used for WhatsApp marketing.",
      };
    if (sms?.state === "GRANTED" && SHOPIFY_SOURCES.has(sms.source))
      return { allowed: true, reason: `The customer subscribed to SMS marketing in Shopify (${sms.source}).` };
  }
  return null;
}

export async function consentFor(input: ConsentQuery): Promise<ConsentAnswer> {
  const { shopId, customerId, channel, purpose } = input;
  const label = CHANNEL_LABEL[channel] ?? channel;
  const channels: Channel[] = channel === "WHATSAPP" ? ["WHATSAPP", "SMS"] : [channel];
  const rows = await db().consent.findMany({
    where: { shopId, customerId, channel: { in: channels } },
    select: { channel: true, purpose: true, state: true, source: true },
  });
  const answer = consentFromRows(rows, channel, purpose);
  if (answer) return answer;

  if (input.checkoutId && (channel === "EMAIL" || channel === "SMS" || channel === "WHATSAPP")) {
    const checkout = await db().checkout.findFirst({
      where: { id: input.checkoutId, shopId },
      select: { buyerAcceptsMarketing: true, buyerAcceptsSmsMarketing: true },
    });
    const accepted = channel === "EMAIL" ? checkout?.buyerAcceptsMarketing : checkout?.buyerAcceptsSmsMarketing;
    if (accepted === true)
      return {
        allowed: true,
        reason:
          channel === "EMAIL"
            ? "The customer accepted email marketing at checkout."
            : "The customer accepted SMS marketing at checkout.",
      };
  }
  return { allowed: false, reason: `The customer has not subscribed to ${label} marketing.` };
}

/**
 * The last-moment check the send job makes: only revocations count here (the grant was checked
 * when the send was decided). Returns the reason when the message must not go out.
 */
export async function revokedConsentReason(input: {
  shopId: string;
  customerId: string;
  channel: Channel;
  purpose: ConsentPurpose;
}): Promise<string | null> {
  const rows = await db().consent.findMany({
    where: { shopId: input.shopId, customerId: input.customerId, channel: input.channel, state: "REVOKED" },
    select: { purpose: true, source: true },
  });
  return revokedReasonFromRows(rows, input.channel, input.purpose);
}

/** revokedConsentReason from the REVOKED rows of that customer and channel. */
export function revokedReasonFromRows(
  rows: Pick<Consent, "purpose" | "source">[],
  channel: Channel,
  purpose: ConsentPurpose,
): string | null {
  const label = CHANNEL_LABEL[channel] ?? channel;
  const all = rows.find((r) => r.purpose === "TRANSACTIONAL");
  if (all) return `The customer opted out of all ${label} messages (${all.source}); the message was not sent.`;
  const marketing = rows.find((r) => r.purpose === "MARKETING");
  if (purpose === "MARKETING" && marketing)
    return `The customer unsubscribed from ${label} marketing (${marketing.source}); the message was not sent.`;
  return null;
}
