import { BlockStack, Text } from "@shopify/polaris";

/** A labelled detail of the latest import (mode, throttling, start and finish). */
export function ImportFact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span">{value}</Text>
    </BlockStack>
  );
}
