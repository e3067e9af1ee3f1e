// Raw webhook payloads that name a redacted customer lose their payload. A
// receipt is matched by what the customer is known by, not only by the literal
// email: an orders/create payload lists the buyer's name, street and phone under
// the order id and the customer id, and a checkout's under its token.
//
// The row itself stays (payload `{}`, payloadPurgedAt set) so that Shopify's
// retries of the same event are still recognised as duplicates and never
// re-import what was just redacted. One still waiting to be processed is marked
// PROCESSED: there is nothing left to run.
import type { Tx } from "../commerce/transaction.server";
import type { CustomerRecords } from "./find-customer-records.server";

const digits = (value: string) => value.replace(/\D/g, "");

/** The national part of each phone (its last 10 digits), which every written form of it ends with. */
function phoneKeys(phones: string[]): string[] {
  const keys = phones.map((p) => digits(p).slice(-10)).filter((d) => d.length >= 7);
  return [...new Set(keys)];
}

export async function purgeReceiptsNaming(
  tx: Tx,
  shopDomain: string,
  records: CustomerRecords,
  keepReceiptId: string | undefined,
): Promise<number> {
  const keep = keepReceiptId ?? "";
  const emails = [...new Set(records.emails.map((e) => e.toLowerCase()))];
  const phones = phoneKeys(records.phones);
  const now = new Date();
  return tx.$executeRaw`
    UPDATE "WebhookReceipt" r
       SET "payload" = '{}'::jsonb,
           "payloadPurgedAt" = ${now},
           "status" = CASE WHEN r."id" = ${keep} THEN r."status" ELSE 'PROCESSED'::"WebhookReceiptStatus" END,
           "processedAt" = CASE WHEN r."id" = ${keep} THEN r."processedAt" ELSE COALESCE(r."processedAt", ${now}) END,
           "error" = CASE WHEN r."id" <> ${keep} AND r."status" <> 'PROCESSED'::"WebhookReceiptStatus"
                          THEN 'not processed: its customer was redacted' ELSE r."error" END
     WHERE r."shopDomain" = ${shopDomain}
       AND r."payloadPurgedAt" IS NULL
       AND (
            r."id" = ${keep}
         OR r."payload"->'customer'->>'id' = ANY(${records.shopifyCustomerIds}::text[])
         OR r."payload"->>'customer_id' = ANY(${records.shopifyCustomerIds}::text[])
         OR (r."topic" LIKE 'customers/%' AND r."payload"->>'id' = ANY(${records.shopifyCustomerIds}::text[]))
         OR (r."topic" LIKE 'orders/%' AND r."payload"->>'id' = ANY(${records.shopifyOrderIds}::text[]))
         OR r."payload"->>'order_id' = ANY(${records.shopifyOrderIds}::text[])
         OR (r."topic" LIKE 'checkouts/%' AND r."payload"->>'token' = ANY(${records.checkoutTokens}::text[]))
         OR (r."topic" LIKE 'checkouts/%' AND r."payload"->>'id' = ANY(${records.shopifyCheckoutIds}::text[]))
         OR r."payload"->>'checkout_token' = ANY(${records.checkoutTokens}::text[])
         OR r."payload"->>'checkout_id' = ANY(${records.shopifyCheckoutIds}::text[])
         OR EXISTS (SELECT 1 FROM unnest(${emails}::text[]) AS e(v) WHERE position(e.v in lower(r."payload"::text)) > 0)
         OR (cardinality(${phones}::text[]) > 0 AND EXISTS (
              SELECT 1
                FROM jsonb_path_query(r."payload", 'strict $.**') AS s(v),
                     LATERAL (SELECT regexp_replace(s.v #>> '{}', '[^0-9]', '', 'g') AS d) AS n,
                     unnest(${phones}::text[]) AS k(v)
               WHERE jsonb_typeof(s.v) = 'string'
                 AND length(n.d) >= 7
                 AND right(n.d, least(length(n.d), length(k.v))) = right(k.v, least(length(n.d), length(k.v)))))
       )`;
}
