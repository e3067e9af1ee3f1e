// What a dispatch batch needs to know about its recipients, read set-based inside the batch's
// transaction: the customers, their consent rows, WhatsApp addresses and last inbound WhatsApp
// message (the 24-hour window), and, under the frequency-cap locks, their recent marketing sends.
import type { Tx } from "../../commerce/transaction.server";
import type { Channel, Consent, Customer } from "../../generated/prisma/client";
import { isValidTimeZone } from "../../flows/quiet-hours";
import { recipientTimezone } from "../../flows/recipient-timezone";

/** The customer columns a batch decides and renders with. */
export type BatchCustomer = Pick<
  Customer,
  | "id"
  | "shopId"
  | "firstName"
  | "lastName"
  | "email"
  | "phone"
  | "locale"
  | "ianaTimezone"
  | "mergedIntoId"
  | "redactedAt"
>;
type BatchConsent = Pick<Consent, "customerId" | "channel" | "purpose" | "state" | "source">;

export interface BatchFacts {
  customers: Map<string, BatchCustomer>;
  consents: Map<string, BatchConsent[]>;
  whatsapp: Map<string, string>;
  lastWhatsappInbound: Map<string, Date>;
}

function group<T extends { customerId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.customerId, [...(map.get(row.customerId) ?? []), row]);
  return map;
}

export async function loadBatchFacts(
  tx: Tx,
  shopId: string,
  customerIds: string[],
  withWhatsapp: boolean,
): Promise<BatchFacts> {
  const [customers, consents, identities, inbound] = await Promise.all([
    // Raw, with one array parameter: Prisma's `in` sends one parameter per id, which PostgreSQL then
    // parses and plans as a list of hundreds.
    tx.$queryRaw<BatchCustomer[]>`
      SELECT "id", "shopId", "firstName", "lastName", "email", "phone", "locale", "ianaTimezone",
             "mergedIntoId", "redactedAt"
        FROM "Customer" WHERE "shopId" = ${shopId} AND "id" = ANY(${customerIds}::text[])`,
    tx.$queryRaw<BatchConsent[]>`
      SELECT "customerId", "channel"::text, "purpose"::text, "state"::text, "source"::text
        FROM "Consent" WHERE "shopId" = ${shopId} AND "customerId" = ANY(${customerIds}::text[])`,
    withWhatsapp
      ? tx.$queryRaw<{ customerId: string; value: string }[]>`
          SELECT DISTINCT ON ("customerId") "customerId", "value" FROM "CustomerIdentity"
           WHERE "shopId" = ${shopId} AND "customerId" = ANY(${customerIds}::text[]) AND "kind" = 'WHATSAPP'
           ORDER BY "customerId", "createdAt" DESC`
      : [],
    withWhatsapp
      ? tx.$queryRaw<{ customerId: string; createdAt: Date }[]>`
          SELECT DISTINCT ON ("customerId") "customerId", "createdAt" FROM "Message"
           WHERE "shopId" = ${shopId} AND "customerId" = ANY(${customerIds}::text[])
             AND "channel" = 'WHATSAPP' AND "direction" = 'INBOUND'
           ORDER BY "customerId", "createdAt" DESC`
      : [],
  ]);
  return {
    customers: new Map(customers.map((c) => [c.id, c])),
    consents: group(consents),
    whatsapp: new Map(identities.map((i) => [i.customerId, i.value])),
    lastWhatsappInbound: new Map(inbound.map((i) => [i.customerId, i.createdAt])),
  };
}

/** The recipient's zone: Customer.ianaTimezone, else their phone's country, else the shop's. */
export function zoneOfCustomer(customer: Pick<Customer, "ianaTimezone" | "phone">, shopZone: string): string {
  if (isValidTimeZone(customer.ianaTimezone)) return customer.ianaTimezone;
  const zone = recipientTimezone({
    shippingCountryCode: null,
    shippingProvince: null,
    phone: customer.phone,
    shopTimezone: isValidTimeZone(shopZone) ? shopZone : "UTC",
  }).timeZone;
  return isValidTimeZone(zone) ? zone : "UTC";
}

export function capLockKey(customerId: string, channel: Channel): string {
  // The flows' key (run-flow-step.server.ts): a campaign and a flow message to the same customer
  // and channel are admitted one after the other against the same cap.
  return `frequency-cap:${customerId}:${channel}`;
}

/** Takes every cap lock of the batch in one statement, in a fixed order (no deadlock between batches). */
export async function lockCaps(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const sorted = [...new Set(keys)].sort();
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
      FROM (SELECT k FROM unnest(${sorted}::text[]) AS k ORDER BY k) AS ordered`;
}

/**
 * The batch's recent automated marketing sends per customer and channel since `from`: the set-based
 * form of recentMarketingSends (app/flow-runs/step-facts.server.ts), same rows counted (author
 * FLOW, not failed, purpose MARKETING or a marketing flow's). Read after lockCaps.
 */
export async function recentMarketingSendsOf(
  tx: Tx,
  shopId: string,
  customerIds: string[],
  from: Date,
): Promise<Map<string, Date[]>> {
  // One index probe per customer ("customerId", "createdAt"); OFFSET 0 keeps the planner from
  // flattening it into a scan of the shop's recent messages (what a plain ANY() got, on a table a
  // running campaign makes larger with every batch).
  const rows = await tx.$queryRaw<{ customerId: string; channel: string; at: Date }[]>`
    SELECT m."customerId", m."channel"::text AS "channel", COALESCE(m."sentAt", m."createdAt") AS "at"
      FROM unnest(${[...new Set(customerIds)]}::text[]) AS c("id")
      JOIN LATERAL (
        SELECT * FROM "Message" WHERE "customerId" = c."id" AND "createdAt" >= ${from} OFFSET 0
      ) m ON true
      LEFT JOIN "Flow" f ON f."id" = m."flowId"
     WHERE m."shopId" = ${shopId}
       AND m."direction" = 'OUTBOUND' AND m."author" = 'FLOW'
       AND m."deliveryStatus" NOT IN ('FAILED', 'UNDELIVERED')
       AND (m."metadata"->>'purpose' = 'MARKETING'
            OR (m."metadata"->>'purpose' IS NULL AND f."kind" IN ('CART_RECOVERY', 'REVIEW_REQUEST')))`;
  const map = new Map<string, Date[]>();
  for (const r of rows) {
    const key = `${r.customerId}:${r.channel}`;
    map.set(key, [...(map.get(key) ?? []), r.at]);
  }
  return map;
}
