// The inbox list's table: one row per conversation, the customer's name linking to it (the
// row links carry data-inbox-row for the keyboard shortcuts).
import { Link as RemixLink } from "@remix-run/react";
import { Badge, Box, IndexTable, InlineStack, Text } from "@shopify/polaris";
import { formatDateTime, humanize, type ShopFormat } from "../format";
import { ChannelBadge, ConversationStatusBadge } from "../StatusBadges";
import type { InboxConversation } from "./page-data";
import { SlaTimerText } from "../SlaTimerText";

const HEADINGS: [{ title: string }, ...Array<{ title: string; alignment?: "end" }>] = [
  { title: "Customer" },
  { title: "Channel" },
  { title: "Status" },
  { title: "Last message" },
  { title: "Assignee" },
  { title: "Unread", alignment: "end" },
  { title: "Last activity" },
];

export function ConversationTable({
  conversations,
  loading,
  format,
}: {
  conversations: InboxConversation[];
  loading: boolean;
  format: ShopFormat;
}) {
  return (
    <IndexTable
      resourceName={{ singular: "conversation", plural: "conversations" }}
      itemCount={conversations.length}
      selectable={false}
      loading={loading}
      headings={HEADINGS}
    >
      {conversations.map((c, index) => (
        <IndexTable.Row id={c.id} key={c.id} position={index}>
          <IndexTable.Cell>
            <RemixLink to={`/app/inbox/${c.id}`} data-inbox-row="" data-primary-link="">
              <Text as="span" fontWeight={c.unreadCount > 0 ? "bold" : "semibold"}>
                {c.customerName}
              </Text>
            </RemixLink>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <ChannelBadge channel={c.lastInboundChannel} />
          </IndexTable.Cell>
          <IndexTable.Cell>
            <InlineStack gap="100">
              <ConversationStatusBadge status={c.status} />
              {c.priority === "HIGH" || c.priority === "URGENT" ? (
                <Badge tone="critical">{humanize(c.priority)}</Badge>
              ) : null}
              {c.waitingForPersonSince ? <Badge tone="warning">Waiting for a person</Badge> : null}
              <SlaTimerText due={c} />
              {c.tags.slice(0, 3).map((t) => (
                <Badge key={t}>{t}</Badge>
              ))}
            </InlineStack>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Box maxWidth="40ch">
              <InlineStack gap="100" wrap={false} blockAlign="center">
                {c.lastMessageAutomatic ? <Badge size="small">Automatic answer</Badge> : null}
                <Text as="span" tone="subdued" truncate>
                  {c.lastMessagePreview ?? "—"}
                </Text>
              </InlineStack>
            </Box>
          </IndexTable.Cell>
          <IndexTable.Cell>{c.assigneeName ?? "—"}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" alignment="end">
              {c.unreadCount > 0 ? <Badge tone="attention">{String(c.unreadCount)}</Badge> : "0"}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>{formatDateTime(c.lastActivityAt, format)}</IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
