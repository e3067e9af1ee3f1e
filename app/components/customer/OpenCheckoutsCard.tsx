// The customer's unfinished checkouts, with their recovery links.
import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDateTime, formatMoney, type ShopFormat } from "../format";
import type { CustomerPageData } from "./page-data";
import { SectionTitle } from "./SectionTitle";

export function OpenCheckoutsCard({
  checkouts,
  format,
}: {
  checkouts: CustomerPageData["openCheckouts"];
  format: ShopFormat;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <SectionTitle>Open checkouts</SectionTitle>
        {checkouts.length === 0 ? (
          <Text as="p" tone="subdued">
            No unfinished checkouts.
          </Text>
        ) : (
          checkouts.map((c) => (
            <InlineStack key={c.id} align="space-between" blockAlign="center" gap="200">
              <BlockStack gap="050">
                <Text as="span" fontWeight="semibold">
                  {formatMoney(c.totalPrice, c.currency, format.locale)} · {c.itemCount}{" "}
                  {c.itemCount === 1 ? "item" : "items"}
                </Text>
                <Text as="span" variant="bodySm" tone="subdued">
                  Started {formatDateTime(c.startedAt, format)}, last updated {formatDateTime(c.updatedAt, format)}
                </Text>
              </BlockStack>
              {c.abandonedCheckoutUrl && /^https:\/\//.test(c.abandonedCheckoutUrl) ? (
                <Link url={c.abandonedCheckoutUrl} external>
                  Checkout link
                </Link>
              ) : null}
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
