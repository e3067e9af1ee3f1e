// One customer in the merge preview: contact details, identities, record counts and consent.
import { BlockStack, Card, Divider, InlineStack, Link, Text } from "@shopify/polaris";
import { IdentityList } from "../CustomerIdentities";
import { humanize } from "../format";
import { channelLabel, ConsentBadge } from "../StatusBadges";
import type { MergeSideData } from "./page-data";

export function MergeSideCard({ title, side }: { title: string; side: MergeSideData }) {
  const rows: Array<[string, number]> = [
    ["Conversations", side.counts.conversations],
    ["Messages", side.counts.messages],
    ["Orders", side.counts.orders],
    ["Checkouts", side.counts.checkouts],
    ["Timeline events", side.counts.timelineEvents],
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingSm" tone="subdued">
          {title}
        </Text>
        <BlockStack gap="050">
          <Link url={`/app/customers/${side.id}`}>{side.name}</Link>
          <Text as="span" variant="bodySm" tone="subdued">
            {[side.email, side.phone].filter(Boolean).join(" · ") || "No email or phone"}
          </Text>
          {side.shopifyCustomerId ? (
            <Text as="span" variant="bodySm" tone="subdued">
              Shopify customer {side.shopifyCustomerId}
            </Text>
          ) : null}
        </BlockStack>
        <Divider />
        <BlockStack gap="100">
          {side.identities.length === 0 ? (
            <Text as="p" tone="subdued">
              No identities.
            </Text>
          ) : (
            <IdentityList identities={side.identities.map((i) => ({ ...i, label: null }))} />
          )}
        </BlockStack>
        <Divider />
        {rows.map(([label, value]) => (
          <InlineStack key={label} align="space-between">
            <Text as="span" tone="subdued">
              {label}
            </Text>
            <Text as="span" numeric>
              {value}
            </Text>
          </InlineStack>
        ))}
        <Divider />
        {side.consents.length === 0 ? (
          <Text as="p" tone="subdued">
            No consent recorded.
          </Text>
        ) : (
          side.consents.map((c) => (
            <InlineStack key={`${c.channel}:${c.purpose}`} align="space-between" blockAlign="center">
              <Text as="span">
                {channelLabel(c.channel)} · {humanize(c.purpose)}
              </Text>
              <ConsentBadge state={c.state} />
            </InlineStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
