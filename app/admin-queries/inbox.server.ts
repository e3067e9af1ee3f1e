// Inbox queries. Every read is scoped to the session's shop: a conversation id of another shop
// (or of nothing) answers 404.
// - listConversations: filters (status, last inbound channel, assignee, tag) and search (name,
//   email, phone digits, order number, message text), newest activity first, keyset pages on
//   (lastActivityAt, id) over the [shopId, status, lastActivityAt desc, id desc] index.
//   Search of 3+ characters first collects the matching customers (name/email/phone), order
//   customers and conversations with a matching message, shop-scoped and bounded, through the
//   pg_trgm GIN indexes (migration inbox_search_trigram), then pages those conversations. A
//   broad term matches densely: past SEARCH_MESSAGE_LIMIT messages the page walks the activity
//   index in batches and checks each batch (matchingIds); past SEARCH_CANDIDATE_LIMIT customers
//   or orders (few messages) it keeps the single Prisma query (conversationSearchWhere), as does
//   a 1-2 character term (no trigrams), as before this index existed.
// - getConversation: the conversation and the customer's unified timeline (messages of every
//   channel and conversation, with the customer's other timeline events).
import { latestMessageAutomatic } from "../answers/automatic-flags.server";
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import type { Channel, ConversationStatus } from "../generated/prisma/enums";
import type { AssigneeFilter, StatusFilter } from "../components/inbox-filters";
import { customerSearchWhere } from "./customers.server";
import { customerIdsByLabel, customerLabelOf, customerLabels, customerLabelSelect } from "./customer-labels.server";
import { decodeCursor, keysetPage, keysetWhere, notFound, type PageDirection } from "./cursor.server";
import { senderCheckNote } from "../messages/email-sender-trust.server";

export const CONVERSATIONS_PAGE_SIZE = 25;
export const TIMELINE_LIMIT = 100;
/** Kept for older imports: the timeline shows this many newest items. */
export const MESSAGES_LIMIT = TIMELINE_LIMIT;

export { ASSIGNEE_FILTERS, CHANNEL_FILTERS, STATUS_FILTERS } from "../components/inbox-filters";

const customerSelect = customerLabelSelect;

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

/** A broad term: listConversations walks the activity index and checks each batch (matchingIds). */
export const WALK = Symbol("walk");
const WALK_BATCH = 200;
const WALK_BATCHES = 10;

/** The ids among `batch` that the search matches (customer fields, order number, message text). */
async function matchingIds(
  shopId: string,
  query: string,
  batch: Array<{ id: string; customerId: string }>,
  labelMatches: ReadonlySet<string>,
) {
  const customerIds = [...new Set(batch.map((c) => c.customerId))];
  const customer = customerSearchWhere(query);
  const orderNumber = /^#?\s*(\d{1,12})$/.exec(query);
  const [customers, orders, messages] = await Promise.all([
    customer
      ? db().customer.findMany({ where: { AND: [{ id: { in: customerIds } }, customer] }, select: { id: true } })
      : Promise.resolve([]),
    orderNumber
      ? db().order.findMany({
          where: { shopId, customerId: { in: customerIds }, name: { in: [`#${orderNumber[1]}`, orderNumber[1]] } },
          select: { customerId: true },
        })
      : Promise.resolve([]),
    // The batch's messages first (conversation index), then ILIKE: left to itself, the planner may
    // read every match of the broad term from the trigram index instead.
    db().$queryRaw<Array<{ conversationId: string }>>`
      WITH m AS MATERIALIZED (
        SELECT "conversationId", body FROM "Message"
         WHERE "shopId" = ${shopId} AND "conversationId" = ANY(${batch.map((c) => c.id)}::text[])
      )
      SELECT DISTINCT "conversationId" FROM m WHERE body ILIKE ('%' || ${query} || '%')`,
  ]);
  const byCustomer = new Set<string | null>([
    ...customers.map((c) => c.id),
    ...orders.map((o) => o.customerId),
    ...labelMatches,
  ]);
  const byMessage = new Set(messages.map((m) => m.conversationId));
  return new Set(batch.filter((c) => byCustomer.has(c.customerId) || byMessage.has(c.id)).map((c) => c.id));
}

/** Past this many matching customers, orders or messages, search walks the activity index instead. */
export const SEARCH_CANDIDATE_LIMIT = 2000;
/** Messages: lower, because finding that a term is broad costs a scan of this many matches. */
export const SEARCH_MESSAGE_LIMIT = 1000;
/** pg_trgm extracts no trigram from a shorter term, so its index cannot serve it. */
export const TRIGRAM_MIN_LENGTH = 3;

/**
 * The search as a where-fragment the planner can serve from indexes: the ids of matching
 * customers and conversations, looked up first through the trigram indexes (shop-scoped, bounded).
 * Same matches as conversationSearchWhere, which it falls back to for short or broad terms.
 */
export async function conversationSearchIdsWhere(
  shopId: string,
  q: string,
): Promise<Prisma.ConversationWhereInput | typeof WALK | undefined> {
  const query = q.trim().slice(0, 100);
  if (!query) return undefined;
  if (query.length < TRIGRAM_MIN_LENGTH) return conversationSearchWhere(shopId, query);
  const take = SEARCH_CANDIDATE_LIMIT + 1;
  const customer = customerSearchWhere(query);
  const orderNumber = /^#?\s*(\d{1,12})$/.exec(query);
  const [customers, orders, messages, byLabel] = await Promise.all([
    customer
      ? db().customer.findMany({ where: { AND: [{ shopId }, customer] }, select: { id: true }, take })
      : Promise.resolve([]),
    orderNumber
      ? db().order.findMany({
          where: { shopId, name: { in: [`#${orderNumber[1]}`, orderNumber[1]] }, customerId: { not: null } },
          select: { customerId: true },
          take,
        })
      : Promise.resolve([]),
    // Raw for the missing ORDER BY: findMany with take sorts by id, which reads every match of a
    // broad term; unordered, a broad term stops after `take` rows. Same ILIKE as `contains`.
    db().$queryRaw<Array<{ conversationId: string }>>`
      SELECT "conversationId" FROM "Message"
       WHERE "shopId" = ${shopId} AND body ILIKE ('%' || ${query} || '%')
       LIMIT ${SEARCH_MESSAGE_LIMIT + 1}`,
    // People without contact details are found by the label staff see ("Visitor from France, on …").
    customerIdsByLabel(shopId, query),
  ]);
  // Many matching messages: the single query would hash every one of them, so walk instead.
  if (messages.length > SEARCH_MESSAGE_LIMIT) return WALK;
  // Many matching customers but few messages: the single query walks the activity index, finds
  // dense customer matches within a few rows and hashes the few messages.
  if (customers.length === take || orders.length === take) {
    const fallback = conversationSearchWhere(shopId, query);
    return byLabel.length && fallback ? { OR: [fallback, { customerId: { in: byLabel } }] } : fallback;
  }
  const customerIds = [
    ...new Set([...customers.map((c) => c.id), ...orders.map((o) => o.customerId as string), ...byLabel]),
  ];
  const conversationIds = [...new Set(messages.map((m) => m.conversationId))];
  const or: Prisma.ConversationWhereInput[] = [];
  if (customerIds.length) or.push({ customerId: { in: customerIds } });
  if (conversationIds.length) or.push({ id: { in: conversationIds } });
  return or.length ? { OR: or } : { id: { in: [] } };
}

export function inboxWhere(
  shopId: string,
  staffId: string,
  f: InboxFilters,
  /** The search fragment, when already resolved (conversationSearchIdsWhere); else from f.q. */
  resolvedSearch?: Prisma.ConversationWhereInput,
): Prisma.ConversationWhereInput {
  const and: Prisma.ConversationWhereInput[] = [{ shopId }];
  const status = f.status ?? "OPEN";
  if (status !== "ALL") and.push({ status: status as ConversationStatus });
  if (f.channel) and.push({ lastInboundChannel: f.channel });
  if (f.assignee === "me") and.push({ assigneeId: staffId });
  else if (f.assignee === "unassigned") and.push({ assigneeId: null });
  if (f.tag) and.push({ tags: { has: f.tag } });
  const search = resolvedSearch ?? (f.q ? conversationSearchWhere(shopId, f.q) : undefined);
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
  const filters = opts.filters ?? { status: "ALL" };
  const search = filters.q ? await conversationSearchIdsWhere(opts.shopId, filters.q) : undefined;
  const base = inboxWhere(
    opts.shopId,
    opts.staffId ?? "",
    { ...filters, q: null },
    search === WALK ? undefined : search,
  );
  const query = (filters.q ?? "").trim().slice(0, 100);
  const { rows, pageInfo } = await keysetPage({
    field: "lastActivityAt",
    cursor: decodeCursor(opts.cursor),
    direction: opts.direction ?? "next",
    pageSize: opts.pageSize ?? CONVERSATIONS_PAGE_SIZE,
    fetch: async ({ where, orderBy, take }) => {
      const page = (after: Record<string, unknown> | undefined, n: number, extra?: Prisma.ConversationWhereInput) =>
        db().conversation.findMany({
          where: { AND: [base, ...(after ? [after as Prisma.ConversationWhereInput] : []), ...(extra ? [extra] : [])] },
          orderBy: orderBy as Prisma.ConversationOrderByWithRelationInput[],
          take: n,
          select: conversationListSelect,
        });
      if (search !== WALK) return page(where, take);
      const labelMatches = new Set(await customerIdsByLabel(opts.shopId, query));
      // A broad term matches densely: walk the activity index in batches and keep the matches,
      // then (rarely: dense overall but sparse in these filters) finish with the full query.
      const towardsOlder = orderBy[0]?.lastActivityAt === "desc";
      const out: Awaited<ReturnType<typeof page>> = [];
      let after = where;
      for (let i = 0; i < WALK_BATCHES; i++) {
        const batch = await page(after, WALK_BATCH);
        const matched = await matchingIds(
          opts.shopId,
          query,
          batch.map((c) => ({ id: c.id, customerId: c.customer.id })),
          labelMatches,
        );
        for (const c of batch) if (matched.has(c.id) && out.length < take) out.push(c);
        if (out.length >= take || batch.length < WALK_BATCH) return out;
        const last = batch[batch.length - 1];
        after = keysetWhere("lastActivityAt", { at: last.lastActivityAt, id: last.id }, towardsOlder);
      }
      const rest = conversationSearchWhere(opts.shopId, query);
      const restWithLabels =
        labelMatches.size && rest ? { OR: [rest, { customerId: { in: [...labelMatches] } }] } : rest;
      return [...out, ...(await page(after, take - out.length, restWithLabels))];
    },
  });
  const [labels, automatic] = await Promise.all([
    customerLabels(
      opts.shopId,
      rows.map((r) => r.customer),
    ),
    latestMessageAutomatic(
      opts.shopId,
      rows.map((r) => r.id),
    ),
  ]);
  return {
    conversations: rows.map(({ customer, ...c }) => ({
      ...c,
      customerId: customer.id,
      customerName: labels.get(customer.id)!,
      lastMessageAutomatic: automatic.has(c.id),
    })),
    pageInfo,
  };
}

export const conversationListSelect = {
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
  waitingForPersonSince: true,
  // SLA timers (app/sla/): the row shows the earliest running one.
  firstResponseDueAt: true,
  nextResponseDueAt: true,
  resolutionDueAt: true,
  customer: { select: customerSelect },
} as const;

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
  /** Written by the assistant (app/answers/): shown as "Automatic answer". */
  automatic: boolean;
  /** Inbound email from an unverified sender: "Unverified sender: <address>" (plain text), else null. */
  senderNote: string | null;
  /** The unverified sender's address when staff can add it to this customer from this conversation. */
  addableSender: string | null;
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
      teamId: true,
      lastInboundChannel: true,
      lastInboundAt: true,
      lastActivityAt: true,
      visitorPage: true,
      visitorPageAt: true,
      visitorReplyEmail: true,
      snoozedUntil: true,
      resolvedAt: true,
      waitingForPersonSince: true,
      handoffReason: true,
      firstResponseDueAt: true,
      nextResponseDueAt: true,
      resolutionDueAt: true,
      firstRespondedAt: true,
      // The latest breaches: "SLA breached" shows while one of them is a running due time.
      slaBreaches: { orderBy: { breachedAt: "desc" }, take: 3, select: { metric: true, dueAt: true } },
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
        automatic: true,
        fromAddress: true,
        senderCheck: true,
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
  const unverified = messages.some((m) => m.senderCheck && m.senderCheck !== "VERIFIED");
  const ownEmails = new Set(
    unverified
      ? (
          await db().customerIdentity.findMany({
            where: { shopId, customerId, kind: "EMAIL" },
            select: { value: true },
          })
        ).map((i) => i.value)
      : [],
  );
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
      automatic: m.automatic,
      senderNote: senderCheckNote(m.senderCheck, m.fromAddress),
      addableSender:
        m.senderCheck &&
        m.senderCheck !== "VERIFIED" &&
        m.fromAddress &&
        m.conversationId === conversation.id &&
        !ownEmails.has(m.fromAddress)
          ? m.fromAddress
          : null,
    })),
    ...events.map((e): TimelineOther => ({ kind: "event", id: e.id, at: e.occurredAt, type: e.type, title: e.title })),
  ];
  items.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1));
  const truncated = items.length > TIMELINE_LIMIT;
  const { customer, ...rest } = conversation;
  // A conversation can hold messages older than itself (a merge or a chat adopted at sign-in
  // moves them in): it started with its first message.
  const first = await db().message.findFirst({
    where: { shopId, conversationId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { createdAt: true },
  });
  const startedAt = first && first.createdAt < conversation.createdAt ? first.createdAt : conversation.createdAt;
  return {
    conversation: { ...rest, startedAt, customerId, customerName: await customerLabelOf(shopId, customer) },
    timeline: items.slice(0, TIMELINE_LIMIT).reverse(),
    truncated,
  };
}
