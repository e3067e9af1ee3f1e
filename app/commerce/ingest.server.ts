// Idempotent upserts shared by webhooks and the backfill. (Being implemented.)
import type { CheckoutInput, CustomerInput, FulfillmentInput, OrderInput } from "./types";

export type IngestSource = "webhook" | "backfill";

export async function ingestCustomer(shopId: string, input: CustomerInput, source: IngestSource): Promise<{ customerId: string }> {
  throw new Error(`TODO ${shopId} ${input.shopifyCustomerId} ${source}`);
}
export async function ingestOrder(shopId: string, input: OrderInput, source: IngestSource): Promise<{ orderId: string; customerId: string | null }> {
  throw new Error(`TODO ${shopId} ${input.shopifyOrderId} ${source}`);
}
export async function ingestCheckout(shopId: string, input: CheckoutInput, source: IngestSource): Promise<{ checkoutId: string; customerId: string | null }> {
  throw new Error(`TODO ${shopId} ${input.token} ${source}`);
}
export async function ingestFulfillment(shopId: string, input: FulfillmentInput, source: IngestSource): Promise<{ fulfillmentId: string }> {
  throw new Error(`TODO ${shopId} ${input.shopifyFulfillmentId} ${source}`);
}
