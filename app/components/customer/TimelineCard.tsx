// The customer's timeline: upcoming flow steps, then events and unsent steps, newest first, paged.
import { useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Card, Divider, InlineStack, Pagination, Text } from "@shopify/polaris";
import { interleaveNotSent } from "../../customers/timeline-entries";
import { FlowStepLine, FlowStepList } from "../FlowStepList";
import type { ShopFormat } from "../format";
import type { CustomerPageData } from "./page-data";
import { SectionTitle } from "./SectionTitle";
import { TimelineEventLine } from "./TimelineEventLine";

export function TimelineCard({ timeline, format }: { timeline: CustomerPageData["timeline"]; format: ShopFormat }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const { events, pageInfo, upcoming, notSent } = timeline;
  const entries = interleaveNotSent(events, notSent);
  const goTo = (cursor: string | null, dir: "next" | "previous") => {
    if (!cursor) return;
    const next = new URLSearchParams(searchParams);
    next.set("tcursor", cursor);
    next.set("tdir", dir);
    setSearchParams(next, { preventScrollReset: true });
  };
  return (
    <Card>
      <BlockStack gap="400">
        <SectionTitle>Timeline</SectionTitle>
        {upcoming.length > 0 ? (
          <Box background="bg-surface-secondary" borderRadius="200" padding="300">
            <FlowStepList steps={upcoming} show="flow" format={format} />
          </Box>
        ) : null}
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            Orders, checkouts, messages and consent changes for this customer will be listed here as they happen.
          </Text>
        ) : (
          <BlockStack gap="300">
            {entries.map((entry, i) => (
              <BlockStack key={entry.key} gap="200">
                {i > 0 ? <Divider /> : null}
                {entry.step ? (
                  <FlowStepLine step={entry.step} show="flow" format={format} />
                ) : (
                  <TimelineEventLine event={entry.event} format={format} />
                )}
              </BlockStack>
            ))}
          </BlockStack>
        )}
        {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
          <InlineStack align="center">
            <Pagination
              hasPrevious={pageInfo.hasPreviousPage}
              onPrevious={() => goTo(pageInfo.startCursor, "previous")}
              previousTooltip="Newer events"
              hasNext={pageInfo.hasNextPage}
              onNext={() => goTo(pageInfo.endCursor, "next")}
              nextTooltip="Older events"
              accessibilityLabels={{ previous: "Newer events", next: "Older events" }}
            />
          </InlineStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
