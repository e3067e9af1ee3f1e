import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, IndexTable, Link, Page, Pagination, Text } from "@shopify/polaris";
import { z } from "zod";
import { listConversations } from "../admin-queries/inbox.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDateTime, shopFormatOf } from "../components/format";
import { ChannelBadge, ConversationStatusBadge } from "../components/StatusBadges";
import { requireAdmin } from "../shopify/admin-context.server";

const querySchema = z.object({
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "previous"]).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { conversations, pageInfo } = await listConversations({
    shopId: shop.id,
    cursor: query.cursor,
    direction: query.dir,
  });
  return json({ conversations, pageInfo, format: shopFormatOf(shop) });
};

export default function InboxPage() {
  const { conversations, pageInfo, format } = useLoaderData<typeof loader>();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigation = useNavigation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/inbox";
  const goTo = (cursor: string | null, dir: "next" | "previous") => {
    if (!cursor) return;
    setSearchParams({ cursor, dir }, { preventScrollReset: true });
  };
  const empty = conversations.length === 0 && !searchParams.get("cursor");

  return (
    <Page title="Inbox" subtitle="Every conversation with your customers, most recent activity first">
      {empty ? (
        <EmptyStateCard heading="No conversations yet" action={{ content: "View channels", url: "/app/channels" }}>
          <p>
            When a customer messages you by SMS, WhatsApp, email, Messenger, Instagram or storefront chat, or an
            automated flow writes to them, the conversation appears here with the whole thread.
          </p>
        </EmptyStateCard>
      ) : (
        <Card padding="0">
          <IndexTable
            resourceName={{ singular: "conversation", plural: "conversations" }}
            itemCount={conversations.length}
            selectable={false}
            loading={loading}
            headings={[
              { title: "Customer" },
              { title: "Channel" },
              { title: "Status" },
              { title: "Last message" },
              { title: "Unread", alignment: "end" },
              { title: "Last activity" },
            ]}
          >
            {conversations.map((c, index) => (
              <IndexTable.Row id={c.id} key={c.id} position={index}>
                <IndexTable.Cell>
                  <Link url={`/app/inbox/${c.id}`} dataPrimaryLink removeUnderline>
                    <Text as="span" fontWeight={c.unreadCount > 0 ? "bold" : "semibold"}>
                      {c.customerName}
                    </Text>
                  </Link>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <ChannelBadge channel={c.lastInboundChannel} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <ConversationStatusBadge status={c.status} />
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Box maxWidth="40ch">
                    <Text as="span" tone="subdued" truncate>
                      {c.lastMessagePreview ?? "—"}
                    </Text>
                  </Box>
                </IndexTable.Cell>
                <IndexTable.Cell>
                  <Text as="span" alignment="end">
                    {c.unreadCount > 0 ? <Badge tone="attention">{String(c.unreadCount)}</Badge> : "0"}
                  </Text>
                </IndexTable.Cell>
                <IndexTable.Cell>{formatDateTime(c.lastActivityAt, format)}</IndexTable.Cell>
              </IndexTable.Row>
            ))}
          </IndexTable>
          {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
            <Box padding="300" borderBlockStartWidth="025" borderColor="border">
              <BlockStack inlineAlign="center">
                <Pagination
                  hasPrevious={pageInfo.hasPreviousPage}
                  onPrevious={() => goTo(pageInfo.startCursor, "previous")}
                  hasNext={pageInfo.hasNextPage}
                  onNext={() => goTo(pageInfo.endCursor, "next")}
                  accessibilityLabels={{ previous: "More recent conversations", next: "Older conversations" }}
                />
              </BlockStack>
            </Box>
          ) : null}
        </Card>
      )}
    </Page>
  );
}
