// The conversation's "Scheduled" list (app/send-later/): replies waiting for their time, soonest
// first, with time (shop's zone), channel, preview, author and Cancel; replies that failed stay with
// their reason until dismissed. Sent ones leave the list and appear in the thread as messages.
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, Card, Divider, InlineStack, Text } from "@shopify/polaris";
import { Fragment } from "react";
import type { ScheduledReplyView } from "../../send-later/contracts";
import { formatDateTime } from "../format";
import { channelLabel } from "../StatusBadges";
import type { ConversationLoader } from "./page-data";

type CancelAnswer = { ok: true; state: string } | { ok: false; error: string };

function ScheduledItem(props: {
  item: ScheduledReplyView;
  conversationId: string;
  format: { timeZone: string; locale: string };
}) {
  const { item, format } = props;
  const fetcher = useFetcher<CancelAnswer>();
  // Gone at once when cancelled; the page's reload confirms it.
  if (fetcher.state !== "idle" || fetcher.data?.ok) return null;
  const time = `${formatDateTime(item.sendAt, format)} (${format.timeZone})`;
  const channel = channelLabel(item.channel);
  const failed = item.state === "FAILED";
  const refused = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  return (
    <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" fontWeight="semibold">
            {time}
          </Text>
          <Badge>{channel}</Badge>
          {failed ? <Badge tone="critical">Not sent</Badge> : null}
        </InlineStack>
        <Text as="p" tone="subdued">
          {item.staffName ? `By ${item.staffName}` : "By staff"}
          {item.subject ? ` · Subject: ${item.subject}` : ""}
        </Text>
        <Text as="p" breakWord>
          {item.preview}
        </Text>
        {failed && item.error ? (
          <Text as="p" tone="critical">
            {item.error}
          </Text>
        ) : null}
        {refused ? (
          <Text as="p" tone="critical">
            {refused}
          </Text>
        ) : null}
      </BlockStack>
      <Button
        onClick={() =>
          fetcher.submit(
            {},
            { method: "post", action: `/app/inbox/${props.conversationId}/scheduled/${item.id}/cancel` },
          )
        }
        accessibilityLabel={
          failed
            ? `Dismiss the ${channel} reply that was not sent`
            : `Cancel the ${channel} reply scheduled for ${time}`
        }
      >
        {failed ? "Dismiss" : "Cancel"}
      </Button>
    </InlineStack>
  );
}

export function ScheduledReplies() {
  const { scheduledReplies, conversation, format } = useLoaderData<ConversationLoader>();
  if (scheduledReplies.length === 0) return null;
  return (
    <Card>
      <section aria-label="Scheduled replies">
        <BlockStack gap="300">
          <Text as="h2" variant="headingSm">
            Scheduled ({scheduledReplies.length})
          </Text>
          {scheduledReplies.map((item, i) => (
            <Fragment key={item.id}>
              {i > 0 ? <Divider /> : null}
              <Box>
                <ScheduledItem item={item} conversationId={conversation.id} format={format} />
              </Box>
            </Fragment>
          ))}
        </BlockStack>
      </section>
    </Card>
  );
}
