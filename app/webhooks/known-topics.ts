// Every topic Threadline subscribes to. Shopify's header says "orders/create";
// the GraphQL-style spelling ORDERS_CREATE is accepted too.
export const KNOWN_TOPICS = [
  "orders/create",
  "orders/updated",
  "checkouts/create",
  "checkouts/update",
  "fulfillments/create",
  "fulfillments/update",
  "customers/create",
  "customers/update",
  // Consent left customers/* payloads in 2025-01: these two are the only way Shopify tells us.
  "customers/email_marketing_consent_update",
  "customers/marketing_consent_update",
  "products/create",
  "products/update",
  "products/delete",
  "app/uninstalled",
  "app/scopes_update",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;

export type WebhookTopic = (typeof KNOWN_TOPICS)[number];

const BY_SPELLING = new Map<string, WebhookTopic>(
  KNOWN_TOPICS.flatMap((topic) => [
    [topic, topic],
    [topic.replace("/", "_").toUpperCase(), topic],
  ]),
);

export function normaliseTopic(raw: string | null | undefined): WebhookTopic | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  return BY_SPELLING.get(trimmed.toLowerCase()) ?? BY_SPELLING.get(trimmed.toUpperCase()) ?? null;
}
