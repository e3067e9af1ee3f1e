// customers/redact: the customer's personal data goes everywhere we hold it,
// in one transaction, and running it twice changes nothing more.
//
// - The customer (and every customer merged into or from it, see
//   find-customer-records) is deleted; identities, conversations, messages,
//   timeline events, consent and flow runs cascade.
// - Suggested knowledge drafts mined from their conversations are deleted.
// - Merge records naming them go (their snapshot holds message previews), as do
//   consent write-backs queued for Shopify and stored data-request exports.
// - Orders and checkouts stay for the merchant's figures but lose every
//   personal field.
// - Their addresses are blanked where they appear on other rows (a message
//   another customer's conversation received from them, a reply address).
// - Raw webhook payloads that name them are emptied (purge-receipts).
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { findCustomerRecords, type ComplianceSubject, type CustomerRecords } from "./find-customer-records.server";
import { purgeReceiptsNaming } from "./purge-receipts.server";
import { deleteSuggestedDraftsOf } from "../knowledge/articles.server";

const NO_RECORDS: CustomerRecords = {
  customerIds: [],
  shopifyCustomerIds: [],
  orderIds: [],
  shopifyOrderIds: [],
  checkoutIds: [],
  checkoutTokens: [],
  shopifyCheckoutIds: [],
  emails: [],
  phones: [],
};

export async function redactCustomer(
  shopDomain: string,
  subject: ComplianceSubject,
  options: { keepReceiptId?: string } = {},
): Promise<void> {
  const counts = await inRetryingTransaction(async (tx) => {
    const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
    // Without a shop (uninstalled, shop/redact done) only receipts can still name the customer.
    const records = shop ? await findCustomerRecords(tx, shop.id, subject) : recordsOfSubject(subject);
    const rows = shop ? await redactWithinShop(tx, shop.id, records) : {};
    const receipts = await purgeReceiptsNaming(tx, shopDomain, records, options.keepReceiptId);
    return { ...rows, receipts };
  });
  logger.info({ shop: shopDomain, ...counts }, "customer redacted");
}

function recordsOfSubject(subject: ComplianceSubject): CustomerRecords {
  return {
    ...NO_RECORDS,
    shopifyCustomerIds: subject.shopifyCustomerId != null ? [subject.shopifyCustomerId.toString()] : [],
    shopifyOrderIds: (subject.shopifyOrderIds ?? []).map(String),
    emails: [subject.email?.trim().toLowerCase()].filter((v): v is string => !!v),
    phones: [subject.phone?.trim()].filter((v): v is string => !!v),
  };
}

async function redactWithinShop(tx: Tx, shopId: string, records: CustomerRecords) {
  const { customerIds, emails, phones } = records;
  const shopifyCustomerIds = records.shopifyCustomerIds.filter((v) => /^\d+$/.test(v)).map(BigInt);
  const orders = await tx.order.updateMany({
    where: { id: { in: records.orderIds } },
    // The order status link opens the buyer's own order page, address included.
    data: { email: null, phone: null, shippingAddress: Prisma.DbNull, customerId: null, orderStatusUrl: null },
  });
  const checkouts = await tx.checkout.updateMany({
    where: { id: { in: records.checkoutIds } },
    // The recovery link opens the buyer's own cart with their details filled in.
    data: { email: null, phone: null, shippingAddress: Prisma.DbNull, customerId: null, abandonedCheckoutUrl: null },
  });
  const merges = await tx.customerMerge.deleteMany({
    where: { shopId, OR: [{ survivorId: { in: customerIds } }, { mergedId: { in: customerIds } }] },
  });
  const consentSyncs = await tx.shopifyConsentSync.deleteMany({
    where: {
      shopId,
      OR: [{ customerId: { in: customerIds } }, { shopifyCustomerId: { in: shopifyCustomerIds } }],
    },
  });
  const conversations = await tx.conversation.findMany({
    where: { shopId, customerId: { in: customerIds } },
    select: { id: true },
  });
  const suggestedDrafts = await deleteSuggestedDraftsOf(
    tx,
    shopId,
    conversations.map((c) => c.id),
  );
  // Satisfaction surveys: the comment is the customer's own words (app/csat/).
  const csatSurveys = await tx.csatSurvey.deleteMany({
    where: {
      shopId,
      OR: [{ customerId: { in: customerIds } }, { conversationId: { in: conversations.map((c) => c.id) } }],
    },
  });
  // Shopify Flow triggers not yet sent (or kept after sending) carry their name and addresses (app/shopify-flow/).
  await tx.$executeRaw`
    DELETE FROM "FlowTriggerEvent"
     WHERE "shopId" = ${shopId}
       AND ("payload"->>'Conversation ID' = ANY(${conversations.map((c) => c.id)}::text[])
         OR "payload"->>'customer_id' = ANY(${records.shopifyCustomerIds}::text[]))`;
  // Web pixel events (app/storefront-events/): theirs, and every event of a browser tied to them
  // (its anonymous ones too), read before the STOREFRONT_CLIENT identities cascade away.
  await tx.$executeRaw`
    DELETE FROM "StorefrontEvent"
     WHERE "shopId" = ${shopId}
       AND ("customerId" = ANY(${customerIds}::text[])
         OR "clientId" IN (SELECT "value" FROM "CustomerIdentity"
                            WHERE "shopId" = ${shopId} AND "kind" = 'STOREFRONT_CLIENT'::"IdentityKind"
                              AND "customerId" = ANY(${customerIds}::text[])))`;
  const customers = await tx.customer.deleteMany({ where: { shopId, id: { in: customerIds } } });

  // What survives elsewhere: their address on a message another customer's conversation holds.
  const addresses = [...emails, ...phones];
  const fromAddresses = await tx.message.updateMany({
    where: { shopId, fromAddress: { in: addresses, mode: "insensitive" } },
    data: { fromAddress: null },
  });
  const toAddresses = await tx.message.updateMany({
    where: { shopId, toAddress: { in: addresses, mode: "insensitive" } },
    data: { toAddress: null },
  });
  // A merge with someone who stays (another Shopify customer's row) names them in its timeline entry.
  await tx.$executeRaw`
    UPDATE "TimelineEvent"
       SET "title" = CASE WHEN "type" = 'CUSTOMER_MERGED'::"TimelineEventType"
                          THEN 'Merged a redacted customer into this customer'
                          ELSE 'Undid a merge with a redacted customer' END,
           "data" = "data" - 'mergedName'
     WHERE "shopId" = ${shopId}
       AND "type" IN ('CUSTOMER_MERGED'::"TimelineEventType", 'CUSTOMER_UNMERGED'::"TimelineEventType")
       AND ("data"->>'mergedId' = ANY(${customerIds}::text[]) OR "data"->>'survivorId' = ANY(${customerIds}::text[]))`;
  await tx.conversation.updateMany({
    where: { shopId, visitorReplyEmail: { in: emails, mode: "insensitive" } },
    data: { visitorReplyEmail: null },
  });

  // Exports are found by who they were about and by what they contain.
  const needles = [...new Set([...emails.map((e) => e.toLowerCase()), ...customerIds])];
  const exports = await tx.$executeRaw`
    DELETE FROM "DataRequest" d
     WHERE d."shopId" = ${shopId}
       AND (d."shopifyCustomerId"::text = ANY(${records.shopifyCustomerIds}::text[])
         OR lower(d."email") = ANY(${emails.map((e) => e.toLowerCase())}::text[])
         OR d."phone" = ANY(${phones}::text[])
         OR EXISTS (SELECT 1 FROM unnest(${needles}::text[]) AS n(v) WHERE position(n.v in lower(d."export"::text)) > 0))`;
  return {
    customers: customers.count,
    orders: orders.count,
    checkouts: checkouts.count,
    merges: merges.count,
    consentSyncs: consentSyncs.count,
    messageAddresses: fromAddresses.count + toAddresses.count,
    exports,
    suggestedDrafts,
    csatSurveys: csatSurveys.count,
  };
}
