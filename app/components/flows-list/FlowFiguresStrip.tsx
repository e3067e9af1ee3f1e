// A flow's last-30-days figures on its card; a flow that did nothing says so in words rather than
// with a row of zeros.
import { BlockStack, Box, InlineGrid, Text } from "@shopify/polaris";
import { formatMoney, formatNumber, type ShopFormat } from "../format";
import type { FlowFigures } from "./page-data";

export function FlowFiguresStrip({ figures, format }: { figures: FlowFigures; format: ShopFormat }) {
  const idle = figures.sent + figures.failed + figures.orders === 0;
  if (idle) {
    return (
      <Text as="p" variant="bodySm" tone="subdued">
        Nothing sent and no orders in the last 30 days.
      </Text>
    );
  }
  const items: Array<[string, string]> = [
    ["Sent", formatNumber(figures.sent, format.locale)],
    ["Delivered", formatNumber(figures.delivered, format.locale)],
    ["Clicked", formatNumber(figures.clicked, format.locale)],
    ["Orders", formatNumber(figures.orders, format.locale)],
    ["Revenue", formatMoney(figures.revenue, format.currency, format.locale)],
  ];
  return (
    <Box background="bg-surface-secondary" borderRadius="200" padding="300">
      <InlineGrid columns={{ xs: 3, sm: 5 }} gap="200">
        {items.map(([label, value]) => (
          <BlockStack key={label} gap="050">
            <Text as="span" variant="bodySm" tone="subdued">
              {label}
            </Text>
            <Text as="span" variant="headingSm" numeric>
              {value}
            </Text>
          </BlockStack>
        ))}
      </InlineGrid>
    </Box>
  );
}
