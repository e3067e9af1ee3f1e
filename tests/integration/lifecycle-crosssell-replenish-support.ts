// Rows the cross-sell and replenishment tests start from: catalogue products, customers with (or
// without) a marketing consent, orders and deliveries, written as ingest would store them.
import { db } from "../../app/db/client.server";
import type { Channel } from "../../app/generated/prisma/client";
import { createCustomer } from "./sending-helpers";
import { nextId } from "./flows-engine-support";

export const DAY_MS = 86_400_000;
export const daysAgo = (days: number, now: Date) => new Date(now.getTime() - days * DAY_MS);

let phoneSeq = 0;
/** A fresh phone per customer, in a block no other test file uses. */
export const newPhone = () => `+1415556${String(1000 + phoneSeq++).padStart(4, "0")}`;

export async function addProduct(shopId: string, id: bigint, title: string, price: string, available = true) {
  const handle = title.toLowerCase().replace(/ /g, "-");
  return db().product.create({
    data: {
      shopId,
      shopifyProductId: id,
      title,
      handle,
      url: `https://threadline-demo.myshopify.com/products/${handle}`,
      variants: { create: { shopId, shopifyVariantId: id * 10n, title: "Default", price, available } },
    },
  });
}

/** A customer with a phone and email; `marketing` lists the channels with a GRANTED marketing consent. */
export async function addCustomer(shopId: string, marketing: Channel[] = ["SMS"], firstName = "Ada") {
  const phone = newPhone();
  const customer = await createCustomer(shopId, { phone, email: `${phone.slice(1)}@example.com`, firstName });
  for (const channel of marketing) {
    await db().consent.create({
      data: {
        shopId,
        customerId: customer.id,
        channel,
        purpose: "MARKETING",
        state: "GRANTED",
        source: "STAFF",
        occurredAt: new Date(Date.now() - 90 * DAY_MS),
      },
    });
  }
  return customer;
}

export interface OrderRow {
  customerId?: string | null;
  products: bigint[];
  at: Date;
  country?: string;
  cancelledAt?: Date | null;
  financialStatus?: string | null;
}

export async function addOrder(shopId: string, o: OrderRow) {
  const shopifyOrderId = BigInt(nextId());
  return db().order.create({
    data: {
      shopId,
      shopifyOrderId,
      customerId: o.customerId ?? null,
      name: `#${shopifyOrderId % 100000n}`,
      financialStatus: o.financialStatus === undefined ? "paid" : o.financialStatus,
      processedAt: o.at,
      createdAt: o.at,
      cancelledAt: o.cancelledAt ?? null,
      shippingAddress: { countryCode: o.country ?? "FR", province: null },
      lineItems: o.products.map((pid) => ({
        title: `Product ${pid}`,
        quantity: 1,
        price: "10.00",
        productId: String(pid),
      })),
    },
  });
}

/** A fulfillment of the order, delivered at `deliveredAt` (null: shipped, not delivered yet). */
export async function addFulfillment(shopId: string, shopifyOrderId: bigint, deliveredAt: Date | null) {
  return db().fulfillment.create({
    data: {
      shopId,
      shopifyFulfillmentId: BigInt(nextId()),
      shopifyOrderId,
      status: "success",
      shipmentStatus: deliveredAt ? "delivered" : "in_transit",
      deliveredAt,
    },
  });
}

export async function runsOf(flowId: string) {
  return db().flowRun.findMany({
    where: { flowId },
    include: { steps: { orderBy: { position: "asc" } } },
    orderBy: { startedAt: "asc" },
  });
}
