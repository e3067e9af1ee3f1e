// The customer's conversations, each linking to the inbox.
import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDateTime, type ShopFormat } from "../format";
import { ConversationStatusBadge } from "../StatusBadges";
import type { CustomerPageData } from "./page-data";
import { SectionTitle } from "./SectionTitle";

export function ConversationsCard({
  conversations,
  format,
}: {
  conversations: CustomerPageData["conversations"];
  format: ShopFormat;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <SectionTitle>Conversations</SectionTitle>
        {conversations.length === 0 ? (
          <Text as="p" tone="subdued">
            This customer has not messaged you yet.
          </Text>
        ) : (
          conversations.map((c) => (
            <BlockStack key={c.id} gap="100">
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Link url={`/app/inbox/${c.id}`}>{formatDateTime(c.lastActivityAt, format)}</Link>
                <ConversationStatusBadge status={c.status} />
              </InlineStack>
              {c.lastMessagePreview ? (
                <Text as="p" tone="subdued" truncate>
                  {c.lastMessagePreview}
                </Text>
              ) : null}
            </BlockStack>
          ))
        )}
      </BlockStack>
    </Card>
  );
}
