// customers/data_request: a DataRequest row whose export holds everything we
// keep about the customer, for the merchant to send on. One row per Shopify
// data request id, so a retried job does not write a second export.
import { db } from "../db/client.server";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { normaliseEmail } from "../customers/addresses";
import { logger } from "../lib/logger.server";
import { findCustomerRecords, type ComplianceSubject } from "./find-customer-records.server";

export interface DataRequestSubject extends ComplianceSubject {
  shopifyDataRequestId?: string | null;
}

/** BigInt and Decimal are not JSON; they are written as strings. */
function toJson(value: unknown): object {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
}

async function collect(tx: Tx, shopId: string, subject: ComplianceSubject) {
  const records = await findCustomerRecords(tx, shopId, subject);
  const customers = await tx.customer.findMany({
    where: { id: { in: records.customerIds } },
    include: {
      identities: true,
      consents: true,
      timelineEvents: { orderBy: { occurredAt: "asc" } },
      conversations: { include: { messages: { orderBy: { createdAt: "asc" } } } },
    },
  });
  const orders = await tx.order.findMany({ where: { id: { in: records.orderIds } }, orderBy: { processedAt: "asc" } });
  const checkouts = await tx.checkout.findMany({ where: { id: { in: records.checkoutIds } } });
  const fulfillments = await tx.fulfillment.findMany({
    where: { shopId, shopifyOrderId: { in: orders.map((o) => o.shopifyOrderId) } },
  });
  // What the web pixel recorded of them (app/storefront-events/).
  const storefrontEvents = await tx.storefrontEvent.findMany({
    where: { shopId, customerId: { in: records.customerIds } },
    orderBy: { occurredAt: "asc" },
  });
  return { customers, orders, checkouts, fulfillments, storefrontEvents };
}

export async function exportCustomerData(shopDomain: string, subject: DataRequestSubject): Promise<string | null> {
  const shop = await db().shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return null;
  return inRetryingTransaction(async (tx) => {
    if (subject.shopifyDataRequestId) {
      const earlier = await tx.dataRequest.findFirst({
        where: { shopId: shop.id, export: { path: ["shopifyDataRequestId"], equals: subject.shopifyDataRequestId } },
        select: { id: true },
      });
      if (earlier) return earlier.id;
    }
    const data = await collect(tx, shop.id, subject);
    const row = await tx.dataRequest.create({
      data: {
        shopId: shop.id,
        shopifyCustomerId: subject.shopifyCustomerId ?? null,
        email: normaliseEmail(subject.email) ?? subject.email ?? null,
        phone: subject.phone ?? null,
        export: toJson({
          shopifyDataRequestId: subject.shopifyDataRequestId ?? null,
          generatedAt: new Date(),
          subject: {
            shopifyCustomerId: subject.shopifyCustomerId,
            email: subject.email,
            phone: subject.phone,
            shopifyOrderIds: subject.shopifyOrderIds,
          },
          ...data,
        }),
      },
      select: { id: true },
    });
    logger.info(
      { shop: shopDomain, dataRequestId: row.id, customers: data.customers.length, orders: data.orders.length },
      "customer data exported",
    );
    return row.id;
  });
}
