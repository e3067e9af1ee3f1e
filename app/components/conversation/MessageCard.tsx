// One message in the conversation thread: author, channel, delivery, body as text, attachments.
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { formatDateTime, humanize } from "../format";
import { ChannelBadge, DeliveryStatusBadge } from "../StatusBadges";
import type { ConversationAction, ConversationPageData, TimelineMessageItem } from "./page-data";

export function MessageCard({ m, data }: { m: TimelineMessageItem; data: ConversationPageData }) {
  const inbound = m.direction === "INBOUND";
  const other = m.conversationId !== data.conversation.id;
  return (
    <Box paddingInlineStart={inbound ? "0" : "1200"} paddingInlineEnd={inbound ? "1200" : "0"}>
      <Card background={m.internal ? "bg-surface-warning" : inbound ? "bg-surface" : "bg-surface-secondary"}>
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center" gap="200">
            <InlineStack gap="200" blockAlign="center" wrap>
              <Text as="span" fontWeight="semibold">
                {inbound
                  ? m.senderNote
                    ? "Unverified sender"
                    : data.conversation.customerName
                  : m.automatic
                    ? "Assistant"
                    : (m.authorName ?? humanize(m.author))}
              </Text>
              {m.internal ? <Badge tone="warning">Internal note</Badge> : <ChannelBadge channel={m.channel} />}
              {m.author === "FLOW" ? <Badge tone="magic">Flow</Badge> : null}
              {m.automatic ? <Badge tone="info">Automatic answer</Badge> : null}
              {!inbound && !m.internal ? <DeliveryStatusBadge status={m.deliveryStatus} /> : null}
              {other ? (
                <Link url={`/app/inbox/${m.conversationId}`} removeUnderline>
                  Other conversation
                </Link>
              ) : null}
            </InlineStack>
            <Text as="span" variant="bodySm" tone="subdued">
              {formatDateTime(m.at, data.format)}
            </Text>
          </InlineStack>
          {m.senderNote ? <UnverifiedSender note={m.senderNote} messageId={m.id} address={m.addableSender} /> : null}
          {m.subject ? (
            <Text as="p" fontWeight="semibold">
              {m.subject}
            </Text>
          ) : null}
          <div style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            <Text as="p">{m.body}</Text>
          </div>
          {m.mediaUrls.length > 0 ? (
            <InlineStack gap="200">
              {m.mediaUrls.map((u, i) => (
                <Link key={i} url={u} external>
                  {`Attachment ${i + 1}`}
                </Link>
              ))}
            </InlineStack>
          ) : null}
          {m.errorMessage ? (
            <Text as="p" tone="critical" variant="bodySm">
              {m.errorMessage}
            </Text>
          ) : null}
        </BlockStack>
      </Card>
    </Box>
  );
}

/** Who really wrote is unknown: say so (as text), and let staff vouch for the address. */
function UnverifiedSender({ note, messageId, address }: { note: string; messageId: string; address: string | null }) {
  const fetcher = useFetcher<ConversationAction>();
  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  return (
    <BlockStack gap="100">
      <InlineStack gap="200" blockAlign="center" wrap>
        <Text as="span" tone="critical" variant="bodySm" breakWord>
          {note}
        </Text>
        {address ? (
          <Button
            size="slim"
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "add-sender", messageId }, { method: "post" })}
          >
            {`Add ${address} to this customer`}
          </Button>
        ) : null}
      </InlineStack>
      {error ? (
        <Text as="p" tone="critical" variant="bodySm">
          {error}
        </Text>
      ) : null}
    </BlockStack>
  );
}
