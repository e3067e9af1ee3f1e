// What "Preview" answered: how many of the last 100 conversations the edited rule would have
// matched, and which (customer, channel, their first message as plain text).
import { Link as RemixLink } from "@remix-run/react";
import { BlockStack, Box, InlineStack, Text } from "@shopify/polaris";
import type { PreviewMatch } from "../../routing/preview.server";
import { ChannelBadge } from "../StatusBadges";

export function PreviewResults({
  checked,
  count,
  matches,
}: {
  checked: number;
  count: number;
  matches: PreviewMatch[];
}) {
  return (
    <BlockStack gap="200">
      <Text as="p" fontWeight="semibold" data-preview-count={count}>
        Would have matched {count} of the last {checked} {checked === 1 ? "conversation" : "conversations"}.
      </Text>
      {matches.length ? (
        <ul style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Conversations the rule would have matched">
          {matches.map((m) => (
            <li key={m.conversationId}>
              <Box paddingBlock="200" borderBlockEndWidth="025" borderColor="border">
                <InlineStack gap="200" blockAlign="center" wrap={false}>
                  <RemixLink to={`/app/inbox/${m.conversationId}`}>
                    <Text as="span" fontWeight="semibold">
                      {m.customerName}
                    </Text>
                  </RemixLink>
                  <ChannelBadge channel={m.channel} />
                  <Text as="span" tone="subdued" truncate>
                    {m.snippet}
                  </Text>
                </InlineStack>
              </Box>
            </li>
          ))}
        </ul>
      ) : null}
    </BlockStack>
  );
}
