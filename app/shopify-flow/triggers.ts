// The Shopify Flow triggers Threadline sends and the exact payload each carries. The keys are the
// `[[settings.fields]]` keys of extensions/flow-trigger-<handle>/shopify.extension.toml (Flow
// allows only letters and spaces in a trigger's custom keys); tests/extension/flow-extensions.test.ts
// keeps the two in step.

export const FLOW_TRIGGER_HANDLES = [
  "conversation-created",
  "conversation-handed-off",
  "conversation-resolved",
  "csat-received",
  "sla-breached",
  "cart-recovered",
] as const;

export type FlowTriggerHandle = (typeof FLOW_TRIGGER_HANDLES)[number];

const CONVERSATION_KEYS = [
  "Conversation ID",
  "Channel",
  "Conversation URL",
  "Customer name",
  "Customer email",
  "Customer phone",
  "Shopify customer ID",
] as const;

/** Every key each trigger's payload carries, as its extension declares them (reference fields first). */
export const TRIGGER_KEYS: Record<FlowTriggerHandle, readonly string[]> = {
  "conversation-created": [...CONVERSATION_KEYS, "Message preview"],
  "conversation-handed-off": [...CONVERSATION_KEYS, "Reason", "Priority"],
  "conversation-resolved": [...CONVERSATION_KEYS, "Assignee", "Tags"],
  "csat-received": [...CONVERSATION_KEYS, "Score", "Comment"],
  "sla-breached": [...CONVERSATION_KEYS, "Target", "Due at"],
  "cart-recovered": [
    "customer_id",
    "order_id",
    "Conversation ID",
    "Channel",
    "Recovered amount",
    "Currency",
    "Flow name",
  ],
};

/** The app's handle in shopify.app.toml: admin links are /store/<store>/apps/<handle>/... */
const APP_HANDLE = "threadline";

/** The conversation in the Shopify admin (the embedded app's inbox page). */
export function conversationAdminUrl(shopDomain: string, conversationId: string): string {
  const store = shopDomain.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${store}/apps/${APP_HANDLE}/app/inbox/${conversationId}`;
}

export interface ConversationFacts {
  shopDomain: string;
  conversationId: string;
  channel: string | null;
  customer: {
    firstName: string | null;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    shopifyCustomerId: bigint | null;
  };
}

/** The fields every conversation trigger carries (empty strings, never null: Flow conditions compare text). */
export function conversationFields(facts: ConversationFacts): Record<string, string> {
  const { customer } = facts;
  return {
    "Conversation ID": facts.conversationId,
    Channel: facts.channel ?? "",
    "Conversation URL": conversationAdminUrl(facts.shopDomain, facts.conversationId),
    "Customer name": [customer.firstName, customer.lastName].filter(Boolean).join(" "),
    "Customer email": customer.email ?? "",
    "Customer phone": customer.phone ?? "",
    "Shopify customer ID":
      customer.shopifyCustomerId === null ? "" : `gid://shopify/Customer/${customer.shopifyCustomerId.toString()}`,
  };
}
