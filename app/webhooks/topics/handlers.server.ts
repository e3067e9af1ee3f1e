import type { WebhookTopic } from "../known-topics";
import { handleAppUninstalled, handleScopesUpdate } from "./app-lifecycle.server";
import { handleCheckoutWebhook } from "./checkouts.server";
import { handleCustomersDataRequest, handleCustomersRedact, handleShopRedact } from "./compliance.server";
import { handleCustomerWebhook } from "./customers.server";
import { handleConsentWebhook } from "./customer-consent.server";
import { handleFulfillmentWebhook } from "./fulfillments.server";
import { handleOrderWebhook } from "./orders.server";
import { handleProductDeleteWebhook, handleProductWebhook } from "./products.server";
import type { TopicHandler } from "./webhook-context";

export const TOPIC_HANDLERS: Record<WebhookTopic, TopicHandler> = {
  "orders/create": handleOrderWebhook,
  "orders/updated": handleOrderWebhook,
  "checkouts/create": handleCheckoutWebhook,
  "checkouts/update": handleCheckoutWebhook,
  "fulfillments/create": handleFulfillmentWebhook,
  "fulfillments/update": handleFulfillmentWebhook,
  "customers/create": handleCustomerWebhook,
  "customers/update": handleCustomerWebhook,
  "customers/email_marketing_consent_update": handleConsentWebhook,
  "customers/marketing_consent_update": handleConsentWebhook,
  "products/create": handleProductWebhook,
  "products/update": handleProductWebhook,
  "products/delete": handleProductDeleteWebhook,
  "app/uninstalled": handleAppUninstalled,
  "app/scopes_update": handleScopesUpdate,
  "customers/data_request": handleCustomersDataRequest,
  "customers/redact": handleCustomersRedact,
  "shop/redact": handleShopRedact,
};
