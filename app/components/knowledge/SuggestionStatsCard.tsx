// "Suggested replies, last 30 days" on the Knowledge page: how many drafts staff were shown in the
// conversation composer and the order-page block, and what they did with them (app/suggestions).
import { BlockStack, Card, InlineGrid, Text } from "@shopify/polaris";
import type { SuggestionStats } from "../../suggestions/stats.server";

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg">
        {value}
      </Text>
    </BlockStack>
  );
}

export function SuggestionStatsCard({ stats }: { stats: SuggestionStats }) {
  const rate = stats.acceptanceRate === null ? "—" : `${Math.round(stats.acceptanceRate * 100)} %`;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Suggested replies, last {stats.days} days
        </Text>
        <div data-testid="suggestion-stats">
          <InlineGrid columns={{ xs: 2, sm: 5 }} gap="300">
            <Figure label="Shown" value={String(stats.shown)} />
            <Figure label="Accepted" value={String(stats.accepted)} />
            <Figure label="Edited" value={String(stats.edited)} />
            <Figure label="Dismissed" value={String(stats.dismissed)} />
            <Figure label="Acceptance rate" value={rate} />
          </InlineGrid>
        </div>
        <Text as="p" variant="bodySm" tone="subdued">
          Drafts from your FAQ and the customer&apos;s order, offered to staff in conversations and on the order page.
          Accepted: sent unchanged; edited: changed, then sent. The acceptance rate counts both.
        </Text>
      </BlockStack>
    </Card>
  );
}
