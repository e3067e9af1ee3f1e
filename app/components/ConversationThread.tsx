// The conversation page's thread: messages as the main items, oldest first, and each run of
// consecutive events folded into one row ("14 order events · Show") that expands in place.
import { useState, type ReactNode } from "react";
import { BlockStack, Box, Button, InlineStack, Text } from "@shopify/polaris";
import { TimelineTypeBadge } from "./StatusBadges";
import { formatDateTime, type ShopFormat } from "./format";
import { groupThread, type ThreadEvent } from "./thread-groups";

interface EventItem extends ThreadEvent {
  title: string;
}

// M: messages, and the activity lines ("Assigned to … by …") that stand between them unfolded.
export function ConversationThread<M extends { kind: string; id: string }>({
  items,
  format,
  renderMessage,
}: {
  items: Array<M | EventItem>;
  format: Pick<ShopFormat, "timeZone" | "locale">;
  renderMessage: (message: M) => ReactNode;
}) {
  const entries = groupThread<M, EventItem>(items);
  return (
    <div role="log" aria-label="Conversation" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      {entries.map((entry) =>
        entry.kind === "message" ? (
          <div key={entry.key}>{renderMessage(entry.message)}</div>
        ) : entry.kind === "event" ? (
          <EventLine key={entry.key} event={entry.event} format={format} />
        ) : (
          <EventGroup key={entry.key} events={entry.events} summary={entry.summary} format={format} />
        ),
      )}
    </div>
  );
}

function EventLine({ event, format }: { event: EventItem; format: Pick<ShopFormat, "timeZone" | "locale"> }) {
  return (
    <Box paddingInline="400">
      <InlineStack gap="200" blockAlign="center" wrap>
        <TimelineTypeBadge type={event.type} />
        <Text as="span" variant="bodySm">
          {event.title}
        </Text>
        <Text as="span" variant="bodySm" tone="subdued">
          {formatDateTime(event.at, format)}
        </Text>
      </InlineStack>
    </Box>
  );
}

function EventGroup({
  events,
  summary,
  format,
}: {
  events: EventItem[];
  summary: string;
  format: Pick<ShopFormat, "timeZone" | "locale">;
}) {
  const [open, setOpen] = useState(false);
  const first = events[0];
  const last = events[events.length - 1];
  return (
    <Box paddingInline="400">
      <BlockStack gap="150">
        <InlineStack gap="200" blockAlign="center" wrap>
          <Text as="span" variant="bodySm" tone="subdued">
            {summary}
          </Text>
          <Text as="span" variant="bodySm" tone="subdued">
            {formatDateTime(first.at, format)} – {formatDateTime(last.at, format)}
          </Text>
          <Button variant="plain" onClick={() => setOpen((o) => !o)} ariaExpanded={open}>
            {open ? "Hide" : "Show"}
          </Button>
        </InlineStack>
        {open ? (
          <BlockStack gap="100">
            {events.map((e) => (
              <EventLine key={e.id} event={e} format={format} />
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Box>
  );
}
