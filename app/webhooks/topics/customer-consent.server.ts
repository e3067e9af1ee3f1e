// customers/email_marketing_consent_update, customers/marketing_consent_update.
import { db } from "../../db/client.server";
import { logger } from "../../lib/logger.server";
import { applyShopifyConsent } from "../../consent/apply-shopify-consent.server";
import {
  ConsentPayloadError,
  consentFromWebhook,
  type ConsentWebhookTopic,
} from "../../consent/shopify-consent-adapter.server";
import { installedShopId } from "./installed-shop.server";
import type { WebhookContext } from "./webhook-context";

export async function handleConsentWebhook({ receiptId, shopDomain, topic, payload }: WebhookContext): Promise<void> {
  const shopId = await installedShopId(shopDomain, topic);
  if (!shopId) return;
  let consent;
  try {
    consent = consentFromWebhook(topic as ConsentWebhookTopic, payload);
  } catch (error) {
    // Retrying cannot make a malformed payload readable: record why and move on.
    if (!(error instanceof ConsentPayloadError)) throw error;
    logger.warn({ receiptId, shop: shopDomain, topic, err: error.message }, "consent webhook ignored");
    return;
  }
  const receipt = await db().webhookReceipt.findUnique({
    where: { id: receiptId },
    select: { triggeredAt: true, receivedAt: true },
  });
  await applyShopifyConsent(shopId, consent, receipt?.triggeredAt ?? receipt?.receivedAt ?? new Date());
}
