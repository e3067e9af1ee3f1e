// One timeline event; a message event shows who sent it, how it went and its text (React text only).
import { BlockStack, Box, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDateTime, humanize, type ShopFormat } from "../format";
import { ChannelBadge, DeliveryStatusBadge, TimelineTypeBadge } from "../StatusBadges";
import type { TimelineEvent } from "./page-data";

function sender(message: NonNullable<TimelineEvent["message"]>): string {
  if (message.internal) return "Internal note";
  if (message.direction === "INBOUND") return "Received";
  if (message.automatic) return "Automatic answer";
  return message.authorName ? `Sent by ${message.authorName}` : `Sent (${humanize(message.author)})`;
}

export function TimelineEventLine({ event, format }: { event: TimelineEvent; format: ShopFormat }) {
  return (
    <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center" wrap>
          <TimelineTypeBadge type={event.type} />
          {event.message ? (
            <>
              <ChannelBadge channel={event.message.channel} />
              <Text as="span" variant="bodySm" tone="subdued">
                {sender(event.message)}
              </Text>
              {event.message.direction === "OUTBOUND" ? (
                <DeliveryStatusBadge status={event.message.deliveryStatus} />
              ) : null}
            </>
          ) : null}
        </InlineStack>
        <Text as="p" fontWeight="medium">
          {event.title}
        </Text>
        {event.message ? (
          <Box maxWidth="60ch">
            {event.message.subject ? (
              <Text as="p" fontWeight="semibold">
                {event.message.subject}
              </Text>
            ) : null}
            <Text as="p" tone="subdued" breakWord>
              {event.message.body.length > 280 ? `${event.message.body.slice(0, 280)}…` : event.message.body}
            </Text>
            {event.message.errorMessage ? (
              <Text as="p" tone="critical" variant="bodySm">
                {event.message.errorMessage}
              </Text>
            ) : null}
            <Link url={`/app/inbox/${event.message.conversationId}`} removeUnderline>
              Open conversation
            </Link>
          </Box>
        ) : null}
      </BlockStack>
      <Box minWidth="max-content">
        <Text as="span" variant="bodySm" tone="subdued">
          {formatDateTime(event.occurredAt, format)}
        </Text>
      </Box>
    </InlineStack>
  );
}
