// customers/redact: the customer's personal data goes everywhere we hold it.
// The Customer row is deleted (identities, conversations, messages, timeline and
// consent cascade); orders and checkouts stay for the merchant's figures but
// lose every personal field; stored exports and raw webhook payloads that name
// the customer are deleted too.
import { db } from "../db/client.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { findCustomerRecords, type ComplianceSubject } from "./find-customer-records.server";

export async function redactCustomer(
  shopDomain: string,
  subject: ComplianceSubject,
  options: { keepReceiptId?: string } = {},
): Promise<void> {
  const shop = await db().shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  const summary = shop ? await redactWithinShop(shop.id, subject) : null;
  const receipts = await deleteReceiptsNaming(shopDomain, summary?.addresses ?? [], options.keepReceiptId);
  logger.info({ shop: shopDomain, ...summary?.counts, receipts }, "customer redacted");
}

async function redactWithinShop(shopId: string, subject: ComplianceSubject) {
  return inRetryingTransaction(async (tx) => {
    const records = await findCustomerRecords(tx, shopId, subject);
    const orders = await tx.order.updateMany({
      where: { id: { in: records.orderIds } },
      data: { email: null, phone: null, shippingAddress: Prisma.DbNull, customerId: null },
    });
    const checkouts = await tx.checkout.updateMany({
      where: { id: { in: records.checkoutIds } },
      // The recovery link opens the buyer's own cart with their details filled in.
      data: { email: null, phone: null, shippingAddress: Prisma.DbNull, customerId: null, abandonedCheckoutUrl: null },
    });
    const customers = await tx.customer.deleteMany({ where: { id: { in: records.customerIds } } });
    const exportFilters = [
      ...(subject.shopifyCustomerId != null ? [{ shopifyCustomerId: subject.shopifyCustomerId }] : []),
      ...(records.emails.length ? [{ email: { in: records.emails } }] : []),
      ...(records.phones.length ? [{ phone: { in: records.phones } }] : []),
    ];
    const exports = exportFilters.length
      ? await tx.dataRequest.deleteMany({ where: { shopId, OR: exportFilters } })
      : { count: 0 };
    return {
      addresses: [...records.emails, ...records.phones],
      counts: { customers: customers.count, orders: orders.count, checkouts: checkouts.count, exports: exports.count },
    };
  });
}

/** Raw payloads keep what Shopify sent; any that contain the customer's addresses go. */
async function deleteReceiptsNaming(shopDomain: string, addresses: string[], keepReceiptId?: string): Promise<number> {
  let deleted = 0;
  for (const address of addresses) {
    deleted += await db().$executeRaw`
      DELETE FROM "WebhookReceipt"
       WHERE "shopDomain" = ${shopDomain}
         AND "id" <> ${keepReceiptId ?? ""}
         AND position(lower(${address}) in lower("payload"::text)) > 0`;
  }
  return deleted;
}
