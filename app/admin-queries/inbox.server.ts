// Read-only inbox: the shop's conversations, newest activity first, and one
// conversation's messages in order.
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import { customerDisplayName } from "./customers.server";
import { decodeCursor, keysetPage, notFound, type PageDirection } from "./cursor.server";

export const CONVERSATIONS_PAGE_SIZE = 25;
export const MESSAGES_LIMIT = 500;

const customerSelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  redactedAt: true,
} as const;

export async function listConversations(opts: {
  shopId: string;
  cursor?: string | null;
  direction?: PageDirection;
  pageSize?: number;
}) {
  const base: Prisma.ConversationWhereInput = { shopId: opts.shopId };
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
          lastInboundChannel: true,
          lastMessagePreview: true,
          lastActivityAt: true,
          assigneeName: true,
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

export async function getConversation(shopId: string, conversationId: string) {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, shopId },
    select: {
      id: true,
      status: true,
      priority: true,
      unreadCount: true,
      tags: true,
      assigneeName: true,
      lastInboundChannel: true,
      lastActivityAt: true,
      snoozedUntil: true,
      resolvedAt: true,
      createdAt: true,
      customer: { select: customerSelect },
    },
  });
  if (!conversation) notFound();
  // Newest MESSAGES_LIMIT messages, shown oldest first.
  const newestFirst = await db().message.findMany({
    where: { shopId, conversationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MESSAGES_LIMIT + 1,
    select: {
      id: true,
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
      sentAt: true,
      deliveredAt: true,
      createdAt: true,
    },
  });
  const truncated = newestFirst.length > MESSAGES_LIMIT;
  const { customer, ...rest } = conversation;
  return {
    conversation: { ...rest, customerId: customer.id, customerName: customerDisplayName(customer) },
    messages: newestFirst.slice(0, MESSAGES_LIMIT).reverse(),
    truncated,
  };
}
