// One KPI: its figure, the previous period's beside it with the change, and its exact definition.
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";

export interface MetricCardProps {
  label: string;
  value: string;
  /** Secondary figures, e.g. the p90 or the wall-clock figure. */
  detail?: string;
  previous: string;
  change: { text: string; tone: "success" | "critical" | "subdued" } | null;
  definition: string;
}

export function MetricCard({ label, value, detail, previous, change, definition }: MetricCardProps) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <InlineStack gap="200" blockAlign="baseline" wrap>
          <Text as="p" variant="heading2xl">
            {value}
          </Text>
          {change ? (
            <Text as="span" variant="bodySm" tone={change.tone}>
              {change.text}
            </Text>
          ) : null}
        </InlineStack>
        {detail ? (
          <Text as="p" variant="bodySm">
            {detail}
          </Text>
        ) : null}
        <Text as="p" variant="bodySm" tone="subdued">
          Previous period: {previous}
        </Text>
        <details>
          <summary>
            <Text as="span" variant="bodySm" tone="subdued">
              Definition
            </Text>
          </summary>
          <Text as="p" variant="bodySm" tone="subdued">
            {definition}
          </Text>
        </details>
      </BlockStack>
    </Card>
  );
}
