// An activity line in the conversation thread: "Assigned to Ana Lima by Sam Lee · 10:42".
// Text only: names come from Shopify and staff, and are never rendered as HTML.
import { Box, InlineStack, Text } from "@shopify/polaris";
import { formatDateTime, type ShopFormat } from "../format";

export interface ActivityLineItem {
  kind: "activity";
  id: string;
  at: string;
  text: string;
}

export function ActivityLineView({
  line,
  format,
}: {
  line: ActivityLineItem;
  format: Pick<ShopFormat, "timeZone" | "locale">;
}) {
  return (
    <Box paddingInline="400">
      <InlineStack gap="100" blockAlign="center" align="center">
        <Text as="span" variant="bodySm" tone="subdued">
          <span data-activity-line>{`${line.text} · ${formatDateTime(line.at, format)}`}</span>
        </Text>
      </InlineStack>
    </Box>
  );
}

/**
 * The timeline (oldest first) with the activity lines merged in by time. When the timeline is cut
 * to its newest items, older activity is left out with it.
 */
export function withActivities<T extends { at: string; id: string }>(
  timeline: T[],
  activities: ActivityLineItem[],
): Array<T | ActivityLineItem> {
  const from = timeline.length > 0 ? timeline[0].at : null;
  const shown = from ? activities.filter((a) => a.at >= from) : activities;
  return [...timeline, ...shown].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
