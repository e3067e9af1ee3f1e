// The consent each channel and purpose ends up with after a merge (the most restrictive wins).
import { Badge, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import { humanize } from "../format";
import { channelLabel, ConsentBadge } from "../StatusBadges";
import type { Preview } from "./page-data";

export function MergeConsentCard({ consent }: { consent: Extract<Preview, { ok: true }>["consent"] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Consent after the merge
        </Text>
        <Text as="p" tone="subdued">
          For each channel the most restrictive choice wins: if either customer unsubscribed, the merged customer is
          unsubscribed, so nobody is messaged against a refusal.
        </Text>
        {consent.length === 0 ? (
          <Text as="p" tone="subdued">
            Neither customer has recorded consent.
          </Text>
        ) : (
          consent.map((c) => (
            <BlockStack key={`${c.channel}:${c.purpose}`} gap="100">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="span" fontWeight="semibold">
                  {channelLabel(c.channel)} · {humanize(c.purpose)}
                </Text>
                <InlineStack gap="200" blockAlign="center">
                  {c.conflict ? <Badge tone="warning">Conflict</Badge> : null}
                  <ConsentBadge state={c.result} />
                </InlineStack>
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                This customer: {c.survivor ? humanize(c.survivor) : "none"} · Other:{" "}
                {c.merged ? humanize(c.merged) : "none"}. {c.explanation}
              </Text>
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
