// customers/create, customers/update.
import { ingestCustomer } from "../../commerce/ingest.server";
import type { CustomerInput } from "../../commerce/types";
import { installedShopId } from "./installed-shop.server";
import { restCustomer } from "./rest-fields";
import type { WebhookContext } from "./webhook-context";

export function customerInputFromRest(payload: unknown): CustomerInput {
  return restCustomer.parse(payload);
}

export async function handleCustomerWebhook({ shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  await ingestCustomer(shopId, customerInputFromRest(payload), "webhook");
}
