// Which product views browse abandonment may act on. Everything the web pixel sends is the
// browser's word (decision 0054): its signed-in customer id and its checkout contact arrive through
// a public endpoint with a key that is not secret, so anyone could file views under a customer.
// That was harmless while views only landed on a timeline; a message to the customer is not. So a
// view counts only when it comes from a browser the customer has proven theirs through Shopify's
// own word: a checkout_completed from that browser (clientId), tied to the same customer, stored
// around the time of an order Shopify's webhook reports for that customer. A forger would need the
// customer's contact and the moment of one of their real orders; the customer's own browser gets
// there simply by buying once. Tie sources are not stored per event, so this is read from rows.
import { Prisma } from "../generated/prisma/client";
import { PROVEN_CHECKOUT_AFTER_ORDER_MINUTES, PROVEN_CHECKOUT_BEFORE_ORDER_MINUTES } from "./browse-rules";

/**
 * SQL: the browser `clientId` is proven to belong to the customer `customerId` (a survivor id:
 * a merge moves orders to the survivor, not storefront events, so events compare by survivor).
 * Served by StorefrontEvent(shopId, clientId, occurredAt), the Customer key and
 * Order(customerId, processedAt).
 */
export function provenBrowser(shopId: string, clientId: Prisma.Sql, customerId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "StorefrontEvent" k
      JOIN "Customer" kc ON kc."id" = k."customerId"
     WHERE k."shopId" = ${shopId} AND k."clientId" = ${clientId}
       AND k."kind" = 'checkout_completed'
       AND coalesce(kc."mergedIntoId", kc."id") = ${customerId}
       AND EXISTS (
         SELECT 1 FROM "Order" o
          WHERE o."shopId" = ${shopId} AND o."customerId" = ${customerId}
            AND k."createdAt" >= coalesce(o."processedAt", o."createdAt") - make_interval(mins => ${PROVEN_CHECKOUT_BEFORE_ORDER_MINUTES}::int)
            AND k."createdAt" <= coalesce(o."processedAt", o."createdAt") + make_interval(mins => ${PROVEN_CHECKOUT_AFTER_ORDER_MINUTES}::int)))`;
}
