import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Link as RemixLink,
  useLoaderData,
  useNavigate,
  useNavigation,
  useRevalidator,
  useSearchParams,
} from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  IndexTable,
  InlineStack,
  Select,
  Text,
  TextField,
  Page,
} from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState } from "react";
import { z } from "zod";
import { listConversations, listConversationTags } from "../admin-queries/inbox.server";
import { ASSIGNEE_FILTERS, CHANNEL_FILTERS, STATUS_FILTERS } from "../components/inbox-filters";
import { ListPagination } from "../components/ListPagination";
import { EmptyStateCard } from "../components/EmptyStateCard";
import { formatDateTime, humanize, shopFormatOf } from "../components/format";
import { CHANNEL_LABELS, ChannelBadge, ConversationStatusBadge } from "../components/StatusBadges";
import { usePolling } from "../components/use-polling";
import { requireAdmin } from "../shopify/admin-context.server";

const querySchema = z.object({
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  channel: z.enum(CHANNEL_FILTERS).optional().catch(undefined),
  assignee: z.enum(ASSIGNEE_FILTERS).optional().catch(undefined),
  tag: z.string().trim().max(60).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
  dir: z.enum(["next", "previous"]).optional().catch(undefined),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, staff } = await requireAdmin(request);
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filters = {
    status: query.status ?? "OPEN",
    channel: query.channel ?? null,
    assignee: query.assignee ?? "anyone",
    tag: query.tag || null,
    q: query.q || null,
  } as const;
  const [{ conversations, pageInfo }, tags, any] = await Promise.all([
    listConversations({ shopId: shop.id, staffId: staff.id, filters, cursor: query.cursor, direction: query.dir }),
    listConversationTags(shop.id),
    listConversations({ shopId: shop.id, pageSize: 1 }),
  ]);
  return json({
    conversations,
    pageInfo,
    tags,
    filters,
    hasAny: any.conversations.length > 0,
    format: shopFormatOf(shop),
  });
};

const STATUS_OPTIONS = [
  { label: "Open", value: "OPEN" },
  { label: "Pending", value: "PENDING" },
  { label: "Snoozed", value: "SNOOZED" },
  { label: "Resolved", value: "RESOLVED" },
  { label: "All statuses", value: "ALL" },
];
const CHANNEL_OPTIONS = [
  { label: "Any channel", value: "" },
  ...CHANNEL_FILTERS.map((c) => ({ label: CHANNEL_LABELS[c] ?? humanize(c), value: c })),
];
const ASSIGNEE_OPTIONS = [
  { label: "Anyone", value: "anyone" },
  { label: "Assigned to me", value: "me" },
  { label: "Unassigned", value: "unassigned" },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

export default function InboxPage() {
  const { conversations, pageInfo, tags, filters, hasAny, format } = useLoaderData<typeof loader>();
  const [searchParams, setSearchParams] = useSearchParams();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app/inbox";
  const [q, setQ] = useState(filters.q ?? "");
  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  const listRef = useRef<HTMLDivElement>(null);

  // New messages appear without a reload: re-run the loader every 5 s while the tab is visible.
  // Rows are keyed by id, so scroll position and the focused row survive.
  usePolling(revalidator, 5000);

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

  // Keyboard: j / ArrowDown and k / ArrowUp move between conversations, Enter opens one
  // (the row's link has focus, so Enter is the browser's own), "/" focuses search.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey || isTyping(event.target)) return;
      const links = Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-inbox-row]") ?? []);
      if (event.key === "/") {
        event.preventDefault();
        document.querySelector<HTMLInputElement>("#inbox-search")?.focus();
        return;
      }
      const down = event.key === "j" || event.key === "ArrowDown";
      const up = event.key === "k" || event.key === "ArrowUp";
      if (!down && !up) return;
      if (links.length === 0) return;
      event.preventDefault();
      const current = links.findIndex((a) => a === document.activeElement);
      const index = current < 0 ? 0 : Math.min(links.length - 1, Math.max(0, current + (down ? 1 : -1)));
      links[index].focus();
      links[index].scrollIntoView({ block: "nearest" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const tagOptions = [{ label: "Any tag", value: "" }, ...tags.map((t) => ({ label: t, value: t }))];
  if (filters.tag && !tags.includes(filters.tag)) tagOptions.push({ label: filters.tag, value: filters.tag });
  const filtered =
    filters.status !== "OPEN" || filters.channel || filters.assignee !== "anyone" || filters.tag || filters.q;

  return (
    <Page title="Inbox" subtitle="Every conversation with your customers, most recent activity first">
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
          <Card>
            <BlockStack gap="300">
              <form
                role="search"
                onSubmit={(e) => {
                  e.preventDefault();
                  setFilter("q", q.trim());
                }}
              >
                <InlineStack gap="200" blockAlign="end" wrap={false}>
                  <div style={{ flex: 1 }}>
                    <TextField
                      id="inbox-search"
                      label="Search"
                      labelHidden
                      placeholder="Search name, email, phone, order number or message text"
                      autoComplete="off"
                      value={q}
                      onChange={setQ}
                      clearButton
                      onClearButtonClick={() => {
                        setQ("");
                        setFilter("q", "");
                      }}
                    />
                  </div>
                  <Button submit>Search</Button>
                </InlineStack>
              </form>
              <InlineStack gap="300" wrap>
                <Select
                  label="Status"
                  options={STATUS_OPTIONS}
                  value={filters.status}
                  onChange={(v) => setFilter("status", v === "OPEN" ? "" : v)}
                />
                <Select
                  label="Channel"
                  options={CHANNEL_OPTIONS}
                  value={filters.channel ?? ""}
                  onChange={(v) => setFilter("channel", v)}
                />
                <Select
                  label="Assignee"
                  options={ASSIGNEE_OPTIONS}
                  value={filters.assignee}
                  onChange={(v) => setFilter("assignee", v === "anyone" ? "" : v)}
                />
                <Select
                  label="Tag"
                  options={tagOptions}
                  value={filters.tag ?? ""}
                  onChange={(v) => setFilter("tag", v)}
                />
                {filtered ? (
                  <div style={{ alignSelf: "end" }}>
                    <Button variant="plain" onClick={() => navigate("/app/inbox")}>
                      Clear filters
                    </Button>
                  </div>
                ) : null}
              </InlineStack>
              <Text as="p" variant="bodySm" tone="subdued">
                Keyboard: j / k or ↓ / ↑ to move, Enter to open, / to search.
              </Text>
            </BlockStack>
          </Card>
          <Card padding="0">
            <div ref={listRef}>
              {conversations.length === 0 ? (
                <Box padding="400">
                  <Text as="p" tone="subdued">
                    No conversations match these filters.
                  </Text>
                </Box>
              ) : (
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
                    { title: "Assignee" },
                    { title: "Unread", alignment: "end" },
                    { title: "Last activity" },
                  ]}
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
