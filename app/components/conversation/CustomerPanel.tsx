// The customer beside their conversation: value, identities, consent, orders, open carts.
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { IdentityList } from "../CustomerIdentities";
import { formatDateTime, formatMoney, humanize } from "../format";
import { ConsentBadge, FulfillmentBadge, channelLabel } from "../StatusBadges";
import { Detail } from "./Detail";
import type { ConversationPageData } from "./page-data";

export function CustomerPanel({
  customer: detail,
  format,
}: {
  customer: ConversationPageData["customer"];
  format: ConversationPageData["format"];
}) {
  const { customer, identities, consents, orders, openCheckouts } = detail;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer
        </Text>
        <Detail label="Lifetime value" value={formatMoney(customer.totalSpent, format.currency, format.locale)} />
        <Detail label="Orders" value={String(customer.ordersCount)} />
        {identities.length > 0 ? (
          <BlockStack gap="100">
            <Text as="h3" variant="headingSm">
              Identities
            </Text>
            <IdentityList identities={identities} variant="bodySm" />
          </BlockStack>
        ) : null}
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Consent
          </Text>
          {consents.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No consent recorded.
            </Text>
          ) : (
            consents.map((c) => (
              <InlineStack key={c.id} gap="200" align="space-between">
                <Text as="span" variant="bodySm">
                  {channelLabel(c.channel)} · {humanize(c.purpose)}
                </Text>
                <ConsentBadge state={c.state} />
              </InlineStack>
            ))
          )}
        </BlockStack>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Orders
          </Text>
          {orders.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No orders.
            </Text>
          ) : (
            orders.slice(0, 5).map((o) => (
              <InlineStack key={o.id} gap="200" align="space-between" blockAlign="center">
                <Text as="span" variant="bodySm">
                  {o.name} · {formatMoney(o.totalPrice, o.currency, format.locale)}
                </Text>
                <FulfillmentBadge status={o.fulfillmentStatus} cancelled={o.cancelledAt !== null} />
              </InlineStack>
            ))
          )}
        </BlockStack>
        <BlockStack gap="100">
          <Text as="h3" variant="headingSm">
            Open carts
          </Text>
          {openCheckouts.length === 0 ? (
            <Text as="p" variant="bodySm" tone="subdued">
              No open carts.
            </Text>
          ) : (
            openCheckouts.slice(0, 5).map((c) => (
              <Text key={c.id} as="p" variant="bodySm">
                {formatMoney(c.totalPrice, c.currency, format.locale)} · {c.itemCount} item
                {c.itemCount === 1 ? "" : "s"} · {formatDateTime(c.updatedAt, format)}
              </Text>
            ))
          )}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
