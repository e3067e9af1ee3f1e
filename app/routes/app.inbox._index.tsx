// /app/inbox: every conversation, most recent activity first, with search, filters in the URL,
// keyset paging, polling for new messages and keyboard navigation. Data:
// app/admin-queries/inbox-page.server.ts; parts: app/components/inbox/.
import { useCallback, useRef } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import { BlockStack, Box, Card, Page, Text } from "@shopify/polaris";
import { inboxPageData } from "../admin-queries/inbox-page.server";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { shopFormatOf } from "../components/format";
import { ConversationTable } from "../components/inbox/ConversationTable";
import { InboxFiltersCard } from "../components/inbox/InboxFiltersCard";
import { useInboxKeyboard } from "../components/inbox/use-inbox-keyboard";
import { ListPagination } from "../components/ListPagination";
import { usePolling } from "../components/use-polling";
import { requireAdmin } from "../shopify/admin-context.server";
import { AvailabilityToggle } from "../components/team/AvailabilityToggle";
import { availabilityOf } from "../staff/members.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const [data, myAvailability] = await Promise.all([
    inboxPageData(shop.id, staff.id, new URL(request.url).searchParams),
    availabilityOf(shop.id, staff.id),
  ]);
  return json({ ...data, format: shopFormatOf(shop), myAvailability });
};

export default function InboxPage() {
  const { conversations, pageInfo, tags, filters, hasAny, format, myAvailability } = useLoaderData<typeof loader>();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/inbox";
  const listRef = useRef<HTMLDivElement>(null);

  // New messages appear without a reload: re-run the loader every 5 s while the tab is visible.
  // Rows are keyed by id, so scroll position and the focused row survive.
  usePolling(revalidator, 5000);
  useInboxKeyboard(listRef);

  const setFilter = useCallback(
    (key: string, value: string) => {
      const next = new URLSearchParams(searchParams);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete("cursor");
      next.delete("dir");
      setSearchParams(next, { preventScrollReset: true });
    },
    [searchParams, setSearchParams],
  );
  const goTo = (cursor: string | null, dir: "next" | "previous") => {
    if (!cursor) return;
    const next = new URLSearchParams(searchParams);
    next.set("cursor", cursor);
    next.set("dir", dir);
    setSearchParams(next, { preventScrollReset: true });
  };

  return (
    <Page
      title={filters.view === "queue" ? "Queue" : "Inbox"}
      subtitle={
        filters.view === "queue"
          ? "Open conversations nobody is assigned to, the customer who has waited longest first"
          : "Every conversation with your customers, most recent activity first"
      }
      secondaryActions={<AvailabilityToggle availability={myAvailability} />}
    >
      <style>{`
        a[data-inbox-row] { color: inherit; text-decoration: none; border-radius: 4px; }
        a[data-inbox-row]:focus-visible { outline: 2px solid var(--p-color-border-focus, #005bd3); outline-offset: 2px; }
        tr:focus-within { background: var(--p-color-bg-surface-selected, #f1f1f1); }
      `}</style>
      {!hasAny ? (
        <EmptyStateCard heading="No conversations yet" action={{ content: "View channels", url: "/app/channels" }}>
          <p>
            When a customer messages you by SMS, WhatsApp, email, Messenger, Instagram or storefront chat, or an
            automated flow writes to them, the conversation appears here with the whole thread.
          </p>
        </EmptyStateCard>
      ) : (
        <BlockStack gap="300">
          <InboxFiltersCard filters={filters} tags={tags} setFilter={setFilter} />
          <Card padding="0">
            <div ref={listRef}>
              {conversations.length === 0 ? (
                <Box padding="400">
                  <Text as="p" tone="subdued">
                    No conversations match these filters.
                  </Text>
                </Box>
              ) : (
                <ConversationTable conversations={conversations} loading={loading} format={format} />
              )}
            </div>
            <ListPagination
              pageInfo={pageInfo}
              goTo={goTo}
              labels={{ previous: "More recent conversations", next: "Older conversations" }}
            />
          </Card>
        </BlockStack>
      )}
    </Page>
  );
}
