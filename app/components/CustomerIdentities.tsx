// A customer's addresses and accounts. Email, phone and WhatsApp numbers are shown as they are;
// platform ids (storefront visitor ids, Instagram and Messenger ids, the Shopify customer id) mean
// nothing to staff, so they sit behind "Show ids" and the customer is named by their label instead.
import { useId, useState } from "react";
import { Badge, BlockStack, Button, Collapsible, InlineStack, Text } from "@shopify/polaris";
import { humanize } from "./format";

export interface IdentityRow {
  id: string;
  kind: string;
  value: string;
  label: string | null;
}

const IDENTITY_LABELS: Record<string, string> = {
  EMAIL: "Email",
  PHONE: "Phone",
  WHATSAPP: "WhatsApp",
  SHOPIFY_CUSTOMER: "Shopify",
  CHAT_VISITOR: "Chat visitor",
  STOREFRONT_CLIENT: "Storefront browser",
  INSTAGRAM: "Instagram",
  MESSENGER: "Messenger",
};

const PLATFORM_WORDS: Record<string, string> = {
  SHOPIFY_CUSTOMER: "Shopify customer account",
  CHAT_VISITOR: "Storefront chat in a browser",
  // The web pixel's browser id (issue 15): where their storefront views come from.
  STOREFRONT_CLIENT: "Storefront visits in a browser",
  INSTAGRAM: "Instagram account",
  MESSENGER: "Messenger account",
};

export const identityKindLabel = (kind: string) => IDENTITY_LABELS[kind] ?? humanize(kind);

const isPlatformId = (kind: string) => kind in PLATFORM_WORDS;

export function IdentityList({
  identities,
  variant = "bodyMd",
  shopifyCustomerId = null,
}: {
  identities: IdentityRow[];
  variant?: "bodyMd" | "bodySm";
  /** Shown among the ids when no SHOPIFY_CUSTOMER identity carries it. */
  shopifyCustomerId?: string | null;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const contacts = identities.filter((i) => !isPlatformId(i.kind));
  const platform = identities.filter((i) => isPlatformId(i.kind));
  const ids: Array<{ key: string; kind: string; value: string }> = platform.map((i) => ({
    key: i.id,
    kind: i.kind,
    value: i.value,
  }));
  if (shopifyCustomerId && !platform.some((i) => i.kind === "SHOPIFY_CUSTOMER" && i.value === shopifyCustomerId)) {
    ids.unshift({ key: "shopify-customer-id", kind: "SHOPIFY_CUSTOMER", value: shopifyCustomerId });
  }
  return (
    <BlockStack gap="100">
      {contacts.map((identity) => (
        <InlineStack key={identity.id} gap="200" blockAlign="center" wrap={false}>
          <Badge>{identityKindLabel(identity.kind)}</Badge>
          <Text as="span" variant={variant} breakWord>
            {identity.label ? `${identity.label}: ${identity.value}` : identity.value}
          </Text>
        </InlineStack>
      ))}
      {platform.map((identity) => (
        <InlineStack key={identity.id} gap="200" blockAlign="center" wrap={false}>
          <Badge>{identityKindLabel(identity.kind)}</Badge>
          <Text as="span" variant={variant} breakWord>
            {identity.label ?? PLATFORM_WORDS[identity.kind]}
          </Text>
        </InlineStack>
      ))}
      {ids.length > 0 ? (
        <BlockStack gap="100">
          <InlineStack>
            <Button
              variant="plain"
              onClick={() => setOpen((o) => !o)}
              ariaExpanded={open}
              ariaControls={detailsId}
              disclosure={open ? "up" : "down"}
            >
              {open ? "Hide ids" : "Show ids"}
            </Button>
          </InlineStack>
          <Collapsible id={detailsId} open={open}>
            <BlockStack gap="100">
              {ids.map((i) => (
                <InlineStack key={i.key} gap="200" blockAlign="center" wrap={false}>
                  <Text as="span" variant="bodySm" tone="subdued">
                    {identityKindLabel(i.kind)} id
                  </Text>
                  <Text as="span" variant="bodySm" breakWord>
                    {i.value}
                  </Text>
                </InlineStack>
              ))}
            </BlockStack>
          </Collapsible>
        </BlockStack>
      ) : null}
    </BlockStack>
  );
}
