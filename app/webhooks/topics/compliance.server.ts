// Mandatory compliance topics: customers/data_request, customers/redact, shop/redact.
import { z } from "zod";
import { deleteShopData } from "../../compliance/delete-shop-data.server";
import { exportCustomerData } from "../../compliance/export-customer-data.server";
import { redactCustomer } from "../../compliance/redact-customer.server";
import { restId } from "./rest-fields";
import type { WebhookContext } from "./webhook-context";

const subjectCustomer = z
  .object({ id: restId.nullish(), email: z.string().nullish(), phone: z.string().nullish() })
  .nullish();

const customersRedact = z.object({
  customer: subjectCustomer,
  orders_to_redact: z.array(restId).nullish(),
});

const customersDataRequest = z.object({
  customer: subjectCustomer,
  orders_requested: z.array(restId).nullish(),
  data_request: z.object({ id: z.union([z.number(), z.string()]).transform(String) }).nullish(),
});

export async function handleCustomersRedact({ shopDomain, payload, receiptId }: WebhookContext): Promise<void> {
  const { customer, orders_to_redact } = customersRedact.parse(payload);
  await redactCustomer(
    shopDomain,
    {
      shopifyCustomerId: customer?.id ?? null,
      email: customer?.email ?? null,
      phone: customer?.phone ?? null,
      shopifyOrderIds: orders_to_redact ?? [],
    },
    { keepReceiptId: receiptId },
  );
}

export async function handleCustomersDataRequest({ shopDomain, payload }: WebhookContext): Promise<void> {
  const { customer, orders_requested, data_request } = customersDataRequest.parse(payload);
  await exportCustomerData(shopDomain, {
    shopifyCustomerId: customer?.id ?? null,
    email: customer?.email ?? null,
    phone: customer?.phone ?? null,
    shopifyOrderIds: orders_requested ?? [],
    shopifyDataRequestId: data_request?.id ?? null,
  });
}

export async function handleShopRedact({ shopDomain, receiptId }: WebhookContext): Promise<void> {
  await deleteShopData(shopDomain, { keepReceiptId: receiptId });
}
