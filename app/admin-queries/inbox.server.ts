// Inbox queries. Every read is scoped to the session's shop: a conversation id of another shop
// (or of nothing) answers 404.
// - listConversations: filters (status, last inbound channel, assignee, tag) and search (name,
//   email, phone digits, order number, message text), newest activity first, keyset pages on
//   (lastActivityAt, id) over the [shopId, status, lastActivityAt desc, id desc] index.
// - getConversation: the conversation and the customer's unified timeline (messages of every
//   channel and conversation, with the customer's other timeline events).
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import type { Channel, ConversationStatus } from "../generated/prisma/enums";
import type { AssigneeFilter, StatusFilter } from "../components/inbox-filters";
import { customerDisplayName, customerSearchWhere } from "./customers.server";
import { decodeCursor, keysetPage, notFound, type PageDirection } from "./cursor.server";

export const CONVERSATIONS_PAGE_SIZE = 25;
export const TIMELINE_LIMIT = 100;
/** Kept for older imports: the timeline shows this many newest items. */
export const MESSAGES_LIMIT = TIMELINE_LIMIT;

export { ASSIGNEE_FILTERS, CHANNEL_FILTERS, STATUS_FILTERS } from "../components/inbox-filters";

const customerSelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  redactedAt: true,
} as const;

export interface InboxFilters {
  status?: StatusFilter;
  channel?: Channel | null;
  assignee?: AssigneeFilter;
  tag?: string | null;
  q?: string | null;
}

/** Where a search term may match: customer fields, an order number of the customer, or message text. */
export function conversationSearchWhere(shopId: string, q: string): Prisma.ConversationWhereInput | undefined {
  const query = q.trim().slice(0, 100);
  if (!query) return undefined;
  const or: Prisma.ConversationWhereInput[] = [];
  const customer = customerSearchWhere(query);
  if (customer) or.push({ customer: customer });
  // Order numbers: "#1001", "1001". Order.name is exact, so the lookup stays indexed per customer.
  const orderNumber = /^#?\s*(\d{1,12})$/.exec(query);
  if (orderNumber) {
    or.push({ customer: { orders: { some: { shopId, name: { in: [`#${orderNumber[1]}`, orderNumber[1]] } } } } });
  }
  // Message text (ILIKE); the some() subquery walks the conversation's messages by index.
  if (query.length >= 2) {
    or.push({ messages: { some: { shopId, body: { contains: query, mode: "insensitive" } } } });
  }
  return or.length ? { OR: or } : undefined;
}

export function inboxWhere(shopId: string, staffId: string, f: InboxFilters): Prisma.ConversationWhereInput {
  const and: Prisma.ConversationWhereInput[] = [{ shopId }];
  const status = f.status ?? "OPEN";
  if (status !== "ALL") and.push({ status: status as ConversationStatus });
  if (f.channel) and.push({ lastInboundChannel: f.channel });
  if (f.assignee === "me") and.push({ assigneeId: staffId });
  else if (f.assignee === "unassigned") and.push({ assigneeId: null });
  if (f.tag) and.push({ tags: { has: f.tag } });
  const search = f.q ? conversationSearchWhere(shopId, f.q) : undefined;
  if (search) and.push(search);
  return and.length === 1 ? and[0] : { AND: and };
}

export async function listConversations(opts: {
  shopId: string;
  staffId?: string;
  filters?: InboxFilters;
  cursor?: string | null;
  direction?: PageDirection;
  pageSize?: number;
}) {
  const base = inboxWhere(opts.shopId, opts.staffId ?? "", opts.filters ?? { status: "ALL" });
  const { rows, pageInfo } = await keysetPage({
    field: "lastActivityAt",
    cursor: decodeCursor(opts.cursor),
    direction: opts.direction ?? "next",
    pageSize: opts.pageSize ?? CONVERSATIONS_PAGE_SIZE,
    fetch: ({ where, orderBy, take }) =>
      db().conversation.findMany({
        where: where ? { AND: [base, where as Prisma.ConversationWhereInput] } : base,
        orderBy: orderBy as Prisma.ConversationOrderByWithRelationInput[],
        take,
        select: {
          id: true,
          status: true,
          priority: true,
          unreadCount: true,
          tags: true,
          lastInboundChannel: true,
          lastMessagePreview: true,
          lastActivityAt: true,
          assigneeId: true,
          assigneeName: true,
          snoozedUntil: true,
          customer: { select: customerSelect },
        },
      }),
  });
  return {
    conversations: rows.map(({ customer, ...c }) => ({
      ...c,
      customerId: customer.id,
      customerName: customerDisplayName(customer),
    })),
    pageInfo,
  };
}

/**
 * The tags used on the shop's 5,000 most recently active conversations, for the tag filter (the
 * inbox polls every few seconds: this walks the (shopId, lastActivityAt) index, never the table).
 */
export async function listConversationTags(shopId: string): Promise<string[]> {
  const rows = await db().$queryRaw<Array<{ tag: string }>>`
    SELECT DISTINCT unnest(tags) AS tag FROM (
      SELECT tags FROM "Conversation" WHERE "shopId" = ${shopId}
      ORDER BY "lastActivityAt" DESC, id DESC LIMIT 5000
    ) recent ORDER BY tag LIMIT 200`;
  return rows.map((r) => r.tag);
}

export interface TimelineMessage {
  kind: "message";
  id: string;
  at: Date;
  conversationId: string;
  direction: "INBOUND" | "OUTBOUND";
  channel: Channel;
  author: string;
  authorName: string | null;
  internal: boolean;
  subject: string | null;
  body: string;
  mediaUrls: string[];
  deliveryStatus: string;
  errorMessage: string | null;
  flowId: string | null;
}

export interface TimelineOther {
  kind: "event";
  id: string;
  at: Date;
  type: string;
  title: string;
}

export type TimelineItem = TimelineMessage | TimelineOther;

/** 404 unless the conversation is this shop's. */
export async function requireConversation(shopId: string, conversationId: string) {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, shopId },
    select: { id: true, customerId: true, status: true, lastInboundChannel: true, replyToken: true },
  });
  if (!conversation) notFound();
  return conversation;
}

export async function getConversation(shopId: string, conversationId: string) {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, shopId },
    select: {
      id: true,
      status: true,
      priority: true,
      unreadCount: true,
      tags: true,
      assigneeId: true,
      assigneeName: true,
      lastInboundChannel: true,
      lastInboundAt: true,
      lastActivityAt: true,
      snoozedUntil: true,
      resolvedAt: true,
      createdAt: true,
      customer: { select: { ...customerSelect, mergedIntoId: true } },
    },
  });
  if (!conversation) notFound();
  const customerId = conversation.customer.id;
  const [messages, events] = await Promise.all([
    db().message.findMany({
      where: { shopId, customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT + 1,
      select: {
        id: true,
        conversationId: true,
        direction: true,
        channel: true,
        author: true,
        authorName: true,
        internal: true,
        subject: true,
        body: true,
        mediaUrls: true,
        deliveryStatus: true,
        errorMessage: true,
        flowId: true,
        createdAt: true,
      },
    }),
    db().timelineEvent.findMany({
      where: { shopId, customerId, messageId: null, type: { not: "MESSAGE" } },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT + 1,
      select: { id: true, type: true, title: true, occurredAt: true },
    }),
  ]);
  const items: TimelineItem[] = [
    ...messages.map((m): TimelineMessage => ({
      kind: "message",
      id: m.id,
      at: m.createdAt,
      conversationId: m.conversationId,
      direction: m.direction,
      channel: m.channel,
      author: m.author,
      authorName: m.authorName,
      internal: m.internal,
      subject: m.subject,
      body: m.body,
      mediaUrls: m.mediaUrls.filter((u) => /^https:\/\//.test(u)),
      deliveryStatus: m.deliveryStatus,
      errorMessage: m.errorMessage,
      flowId: m.flowId,
    })),
    ...events.map((e): TimelineOther => ({ kind: "event", id: e.id, at: e.occurredAt, type: e.type, title: e.title })),
  ];
  items.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
  const truncated = items.length > TIMELINE_LIMIT;
  const { customer, ...rest } = conversation;
  return {
    conversation: { ...rest, customerId, customerName: customerDisplayName(customer) },
    timeline: items.slice(0, TIMELINE_LIMIT).reverse(),
    truncated,
  };
}
