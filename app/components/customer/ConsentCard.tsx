// The customer's consent per channel and purpose, with where it came from.
import { BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { formatDate, humanize, type ShopFormat } from "../format";
import { channelLabel, ConsentBadge } from "../StatusBadges";
import type { CustomerPageData } from "./page-data";
import { SectionTitle } from "./SectionTitle";

export function ConsentCard({ consents, format }: { consents: CustomerPageData["consents"]; format: ShopFormat }) {
  return (
    <Card>
      <BlockStack gap="300">
        <SectionTitle>Consent</SectionTitle>
        {consents.length === 0 ? (
          <Text as="p" tone="subdued">
            No consent has been recorded. Marketing messages are only sent once a customer opts in.
          </Text>
        ) : (
          consents.map((consent) => (
            <BlockStack key={consent.id} gap="050">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="span">
                  {channelLabel(consent.channel)} · {humanize(consent.purpose)}
                </Text>
                <ConsentBadge state={consent.state} />
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                {humanize(consent.source)}, {formatDate(consent.occurredAt, format)}
              </Text>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
