// The builder's live count and sample members, as plain text (customer names are never HTML).
import { Badge, BlockStack, Box, InlineStack, Spinner, Text } from "@shopify/polaris";
import type { PreviewResult } from "../../segments/segments.server";
import { formatMoney, formatNumber, type ShopFormat } from "../format";
import { RFM_LABELS } from "./conditions";

export function SegmentPreview({
  result,
  loading,
  format,
}: {
  result: PreviewResult | undefined;
  loading: boolean;
  format: ShopFormat;
}) {
  if (!result)
    return (
      <InlineStack gap="200" blockAlign="center">
        <Spinner size="small" accessibilityLabel="Counting customers" />
        <Text as="span" tone="subdued">
          Counting customers…
        </Text>
      </InlineStack>
    );
  if (!result.ok)
    return (
      <div role="alert">
        <Text as="p" tone="critical">
          {result.error}
        </Text>
      </div>
    );
  return (
    <BlockStack gap="300">
      <InlineStack gap="200" blockAlign="center">
        {/* Polaris Text keeps no data attributes: the count is marked on its own wrapper for tests. */}
        <span data-segment-count={result.count}>
          <Text as="p" variant="headingLg">
            {formatNumber(result.count, format.locale)} {result.count === 1 ? "customer" : "customers"}
          </Text>
        </span>
        {loading ? <Spinner size="small" accessibilityLabel="Updating the count" /> : null}
      </InlineStack>
      {result.shopifyMembers !== null ? (
        <Text as="p" tone="subdued">
          Shopify&apos;s segment query returned {formatNumber(result.shopifyMembers, format.locale)}; the count is those
          who also meet the conditions.
        </Text>
      ) : null}
      {result.sample.length ? (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Sample members">
          {result.sample.map((m) => (
            <li key={m.id}>
              <Box paddingBlock="200" borderBlockEndWidth="025" borderColor="border">
                <BlockStack gap="100">
                  <InlineStack gap="200" blockAlign="center" align="space-between" wrap={false}>
                    <Text as="span" fontWeight="semibold" truncate>
                      {m.name}
                    </Text>
                    {m.rfmGroup ? (
                      <Badge tone={m.rfmSource === "shopify" ? "info" : undefined}>
                        {`${RFM_LABELS[m.rfmGroup as keyof typeof RFM_LABELS] ?? m.rfmGroup}${m.rfmSource === "computed" ? " (computed)" : ""}`}
                      </Badge>
                    ) : null}
                  </InlineStack>
                  <Text as="span" tone="subdued" variant="bodySm" truncate>
                    {[
                      m.contact,
                      `${m.ordersCount} ${m.ordersCount === 1 ? "order" : "orders"}`,
                      formatMoney(m.totalSpent, format.currency, format.locale),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </Text>
                </BlockStack>
              </Box>
            </li>
          ))}
        </ul>
      ) : (
        <Text as="p" tone="subdued">
          No customer matches yet.
        </Text>
      )}
    </BlockStack>
  );
}
