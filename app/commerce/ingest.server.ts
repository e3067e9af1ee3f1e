// Idempotent upserts shared by webhooks and the backfill: replaying any payload,
// in any order, leaves the same rows. Each runs in one transaction, retried
// whole when a concurrent job wins a race to create the same row.
import { applyCheckout } from "./ingest-checkout.server";
import { applyCustomerInput } from "./apply-customer.server";
import { applyFulfillment } from "./ingest-fulfillment.server";
import { applyOrder } from "./ingest-order.server";
import type { IngestSource } from "./ingest-source";
import { inRetryingTransaction } from "./transaction.server";
import type { CheckoutInput, CustomerInput, FulfillmentInput, OrderInput } from "./types";

export type { IngestSource } from "./ingest-source";

export async function ingestCustomer(
  shopId: string,
  input: CustomerInput,
  _source: IngestSource,
): Promise<{ customerId: string }> {
  const customerId = await inRetryingTransaction((tx) => applyCustomerInput(tx, shopId, input));
  return { customerId };
}

export async function ingestOrder(
  shopId: string,
  input: OrderInput,
  _source: IngestSource,
): Promise<{ orderId: string; customerId: string | null }> {
  const order = await inRetryingTransaction((tx) => applyOrder(tx, shopId, input));
  return { orderId: order.id, customerId: order.customerId };
}

export async function ingestCheckout(
  shopId: string,
  input: CheckoutInput,
  source: IngestSource,
): Promise<{ checkoutId: string; customerId: string | null }> {
  const checkout = await inRetryingTransaction((tx) => applyCheckout(tx, shopId, input, source));
  return { checkoutId: checkout.id, customerId: checkout.customerId };
}

export async function ingestFulfillment(
  shopId: string,
  input: FulfillmentInput,
  _source: IngestSource,
): Promise<{ fulfillmentId: string }> {
  const fulfillment = await inRetryingTransaction((tx) => applyFulfillment(tx, shopId, input));
  return { fulfillmentId: fulfillment.id };
}
