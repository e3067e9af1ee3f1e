// Marketing consent as Shopify reports it (the two consent webhooks), written through the one
// precedence rule. The customer is found (or created) by their Shopify id, as customers/create
// would; a stale or duplicate report changes nothing.
import { inRetryingTransaction } from "../commerce/transaction.server";
import { resolveCustomer } from "../customers/resolve-customer.server";
import { recordMarketingConsent } from "../customers/record-consent.server";
import { afterConsentRevoked } from "./revoke-consent.server";
import type { ShopifyConsentWebhook } from "./shopify-consent-adapter.server";
import { afterConsentChangedForSegments } from "../segments/jobs.server";

export interface AppliedShopifyConsent {
  customerId: string;
  changed: boolean;
}

/**
 * `receivedAt` dates a report Shopify left undated (the webhook is itself the news of a change).
 * Returns null when the report carries a state we do not act on.
 */
export async function applyShopifyConsent(
  shopId: string,
  { shopifyCustomerId, report }: ShopifyConsentWebhook,
  receivedAt: Date,
): Promise<AppliedShopifyConsent | null> {
  const state = report.state;
  if (!state) return null;
  const result = await inRetryingTransaction(async (tx) => {
    const resolved = await resolveCustomer(tx, shopId, {
      shopifyCustomerId,
      emails: report.channel === "EMAIL" ? [report.address] : [],
      phones: report.channel === "SMS" ? [report.address] : [],
    });
    const customerId = resolved!.customerId;
    const detail: Record<string, string> = { shopifyState: report.shopifyState ?? "" };
    if (report.optInLevel) detail.optInLevel = report.optInLevel;
    if (report.collectedFrom) detail.collectedFrom = report.collectedFrom;
    const changed = await recordMarketingConsent(tx, {
      shopId,
      customerId,
      channel: report.channel,
      state,
      source: "SHOPIFY_CUSTOMER",
      occurredAt: report.occurredAt ?? receivedAt,
      detail,
    });
    return { customerId, changed };
  });
  // Idempotent: stops marketing runs whether or not this delivery was the one that changed the row.
  if (state === "REVOKED") await afterConsentRevoked(shopId, result.customerId, report.channel);
  if (result.changed) await afterConsentChangedForSegments(shopId, result.customerId);
  return result;
}
