// The server side of the admin UI extension (extensions/order-conversation/): from an order, a
// customer or an abandoned checkout of the Shopify admin to our customer and their thread. Every
// read is scoped to the session token's shop; an id we do not know answers { customer: null } so
// the block can say "no conversation yet". Staff replies reuse the inbox's sendStaffReply.
import { z } from "zod";
import { conversationForOutbound } from "../conversations/conversation-for-outbound.server";
import { replyOptionsFor, sendStaffReply, type ReplyOption } from "../conversations/staff-reply.server";
import { lockUntilCommit } from "../db/advisory-lock.server";
import { db } from "../db/client.server";
import type { Channel, DeliveryStatus, MessageAuthor, MessageDirection, SenderCheck } from "../generated/prisma/enums";
import { senderCheckNote } from "../messages/email-sender-trust.server";
import { customerLabelOf } from "../admin-queries/customer-labels.server";
import { listSavedReplies, renderSavedRepliesFor } from "../saved-replies/saved-replies.server";
import { logger } from "../lib/logger.server";
import type { SuggestionView } from "../suggestions/contracts";
import { sendCountingSuggestion, suggestionIdSchema } from "../suggestions/reply-suggestion.server";
import { suggestionsFor } from "../suggestions/suggest.server";
import { activityLines } from "../staff/activity.server";

/** How many of the customer's latest messages the block shows. */
export const EXTENSION_MESSAGE_LIMIT = 30;

/** `gid://shopify/<Type>/<digits>` or the bare digits → the numeric id. */
export function gidSchema(...types: string[]) {
  const re = new RegExp(`^(?:gid://shopify/(?:${types.join("|")})/)?(\\d{1,19})$`);
  return z
    .string()
    .regex(re)
    .transform((s) => BigInt(re.exec(s)![1]));
}

export interface ExtensionMessage {
  id: string;
  direction: MessageDirection;
  channel: Channel;
  author: MessageAuthor;
  authorName: string | null;
  /** Staff-only note: never sent to the customer. */
  internal: boolean;
  subject: string | null;
  /** Plain text: render as text, never as HTML. */
  body: string;
  deliveryStatus: DeliveryStatus;
  errorMessage: string | null;
  flowId: string | null;
  flowName: string | null;
  /** Inbound email from an unverified sender: "Unverified sender: <address>" (plain text), else null. */
  senderNote: string | null;
  createdAt: string;
}

export interface ExtensionThread {
  customer: {
    id: string;
    name: string | null;
    email: string | null;
    phone: string | null;
    ordersCount: number;
    totalSpent: string;
  } | null;
  conversation: {
    id: string;
    status: string;
    assigneeName: string | null;
    lastInboundChannel: Channel | null;
    unreadCount: number;
    /** Path of the conversation page inside the embedded app. */
    appPath: string;
  } | null;
  /** The customer's latest messages on every channel, newest first, internal notes included. */
  messages: ExtensionMessage[];
  /** Order block only: the flow messages sent for this order (confirmation, shipping, review). */
  flowMessages: ExtensionMessage[];
  reply: {
    defaultChannel: string | null;
    options: Array<Omit<ReplyOption, "lastInboundAt"> & { lastInboundAt: string | null }>;
  } | null;
  /** Rendered for this customer, ready to insert; text is null when the reply's Liquid fails. */
  savedReplies: Array<{ id: string; name: string; text: string | null }>;
  /** Reply drafts for the conversation's unanswered customer message (app/suggestions), text only. */
  suggestions: SuggestionView[];
  /** Who did what to the conversation ("Assigned to Ana Lima by Sam Lee"), newest first. */
  activity: ExtensionActivity[];
}

export interface ExtensionActivity {
  id: string;
  /** assigned, unassigned, team_changed, status_changed, priority_changed, tags_changed, routed, … */
  kind: string;
  /** STAFF, RULE, SYSTEM or FLOW. */
  actorType: string;
  actorName: string | null;
  /** Plain text: render as text, never as HTML. */
  text: string;
  createdAt: string;
}

/** How many activity entries the block shows. */
export const EXTENSION_ACTIVITY_LIMIT = 20;

export const EMPTY_THREAD: ExtensionThread = {
  customer: null,
  conversation: null,
  messages: [],
  flowMessages: [],
  reply: null,
  savedReplies: [],
  suggestions: [],
  activity: [],
};

const messageSelect = {
  id: true,
  direction: true,
  channel: true,
  author: true,
  authorName: true,
  internal: true,
  subject: true,
  body: true,
  deliveryStatus: true,
  errorMessage: true,
  flowId: true,
  fromAddress: true,
  senderCheck: true,
  createdAt: true,
} as const;

type MessageRow = {
  id: string;
  direction: MessageDirection;
  channel: Channel;
  author: MessageAuthor;
  authorName: string | null;
  internal: boolean;
  subject: string | null;
  body: string;
  deliveryStatus: DeliveryStatus;
  errorMessage: string | null;
  flowId: string | null;
  fromAddress: string | null;
  senderCheck: SenderCheck | null;
  createdAt: Date;
};

async function toMessages(shopId: string, rows: MessageRow[]): Promise<ExtensionMessage[]> {
  const flowIds = [...new Set(rows.map((r) => r.flowId).filter((id): id is string => !!id))];
  const flows = flowIds.length
    ? await db().flow.findMany({ where: { shopId, id: { in: flowIds } }, select: { id: true, name: true } })
    : [];
  const names = new Map(flows.map((f) => [f.id, f.name]));
  // The sender's address leaves the server only inside the note about an unverified sender.
  return rows.map(({ fromAddress, senderCheck, ...r }) => ({
    ...r,
    flowName: r.flowId ? (names.get(r.flowId) ?? null) : null,
    senderNote: senderCheckNote(senderCheck, fromAddress),
    createdAt: r.createdAt.toISOString(),
  }));
}

/** A merged customer's survivor (merges move identities and orders, but old ids may linger). */
async function liveCustomerId(shopId: string, customerId: string | null): Promise<string | null> {
  let id = customerId;
  for (let hops = 0; id && hops < 5; hops++) {
    const c = await db().customer.findFirst({ where: { id, shopId }, select: { id: true, mergedIntoId: true } });
    if (!c) return null;
    if (!c.mergedIntoId) return c.id;
    id = c.mergedIntoId;
  }
  return null;
}

export async function customerIdForShopifyCustomer(shopId: string, shopifyCustomerId: bigint) {
  const identity = await db().customerIdentity.findUnique({
    where: { shopId_kind_value: { shopId, kind: "SHOPIFY_CUSTOMER", value: shopifyCustomerId.toString() } },
    select: { customerId: true },
  });
  if (identity) return liveCustomerId(shopId, identity.customerId);
  const customer = await db().customer.findUnique({
    where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId } },
    select: { id: true },
  });
  return liveCustomerId(shopId, customer?.id ?? null);
}

export async function orderFor(shopId: string, shopifyOrderId: bigint) {
  return db().order.findUnique({
    where: { shopId_shopifyOrderId: { shopId, shopifyOrderId } },
    select: { id: true, customerId: true, shopifyOrderId: true },
  });
}

export async function customerIdForOrder(shopId: string, shopifyOrderId: bigint) {
  const order = await orderFor(shopId, shopifyOrderId);
  return liveCustomerId(shopId, order?.customerId ?? null);
}

export async function customerIdForCheckout(shopId: string, shopifyCheckoutId: bigint) {
  const checkout = await db().checkout.findFirst({
    where: { shopId, shopifyCheckoutId },
    orderBy: { updatedAt: "desc" },
    select: { customerId: true },
  });
  return liveCustomerId(shopId, checkout?.customerId ?? null);
}

/** Flow messages sent for an order: its confirmation, shipping updates of its fulfillments, review request. */
export async function flowMessagesForOrder(
  shopId: string,
  order: { id: string; shopifyOrderId: bigint },
): Promise<ExtensionMessage[]> {
  const fulfillments = await db().fulfillment.findMany({
    where: { shopId, shopifyOrderId: order.shopifyOrderId },
    select: { id: true },
  });
  const runs = await db().flowRun.findMany({
    where: {
      shopId,
      OR: [
        { triggerKey: { in: [`order:${order.id}`, `review:${order.id}`] } },
        ...fulfillments.map((f) => ({ triggerKey: { startsWith: `fulfillment:${f.id}:` } })),
      ],
    },
    select: { id: true },
  });
  if (runs.length === 0) return [];
  const rows = await db().message.findMany({
    where: { shopId, flowRunId: { in: runs.map((r) => r.id) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: EXTENSION_MESSAGE_LIMIT,
    select: messageSelect,
  });
  return toMessages(shopId, rows);
}

/** The thread of one of the shop's customers, as the extension block shows it. */
export async function threadFor(shopId: string, customerId: string | null): Promise<ExtensionThread> {
  if (!customerId) return EMPTY_THREAD;
  const customer = await db().customer.findFirst({
    where: { id: customerId, shopId },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      countryCode: true,
      ordersCount: true,
      totalSpent: true,
      redactedAt: true,
    },
  });
  if (!customer) return EMPTY_THREAD;
  const [conversation, rows, savedReplies] = await Promise.all([
    db().conversation.findFirst({
      where: { shopId, customerId },
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        status: true,
        assigneeName: true,
        lastInboundChannel: true,
        visitorReplyEmail: true,
        unreadCount: true,
      },
    }),
    db().message.findMany({
      where: { shopId, customerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: EXTENSION_MESSAGE_LIMIT,
      select: messageSelect,
    }),
    listSavedReplies(shopId),
  ]);
  const [reply, suggestions, activity] = await Promise.all([
    replyOptionsFor(shopId, customerId, {
      lastInboundChannel: conversation?.lastInboundChannel ?? null,
      visitorReplyEmail: conversation?.visitorReplyEmail ?? null,
    }),
    conversation ? blockSuggestions(shopId, conversation.id) : [],
    conversation ? activityLines(shopId, conversation.id) : [],
  ]);
  // The same label as the inbox: a person's name, else what we know of them, never a platform id.
  const name = await customerLabelOf(shopId, customer);
  return {
    customer: {
      id: customer.id,
      name,
      email: customer.email,
      phone: customer.phone,
      ordersCount: customer.ordersCount,
      totalSpent: customer.totalSpent.toString(),
    },
    conversation: conversation ? { ...conversation, appPath: `/app/inbox/${conversation.id}` } : null,
    messages: await toMessages(shopId, rows),
    flowMessages: [],
    reply: {
      defaultChannel: reply.defaultChannel,
      options: reply.options.map((o) => ({ ...o, lastInboundAt: o.lastInboundAt?.toISOString() ?? null })),
    },
    savedReplies: await renderSavedRepliesFor(shopId, customer.id, savedReplies),
    suggestions,
    activity: activity
      .slice(-EXTENSION_ACTIVITY_LIMIT)
      .reverse()
      .map((a) => ({
        id: a.id,
        kind: a.activityKind,
        actorType: a.actorType,
        actorName: a.actorName,
        text: a.text,
        createdAt: a.at.toISOString(),
      })),
  };
}

/** Suggestions are a help, not the thread: a failure leaves the block working without them. */
async function blockSuggestions(shopId: string, conversationId: string): Promise<SuggestionView[]> {
  try {
    return await suggestionsFor(shopId, conversationId);
  } catch (err) {
    logger.error({ err, shopId, conversationId }, "extension: reply suggestions failed");
    return [];
  }
}

export const replyBodySchema = z.object({
  channel: z.string().min(1).max(20),
  body: z.string().max(20_000),
  subject: z.string().max(500).nullish(),
  clientMessageId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "clientMessageId: 8-64 letters, digits or dashes"),
  /** The suggested reply inserted into the box, if any: counted as accepted or edited once sent. */
  suggestionId: suggestionIdSchema.nullish(),
});
export type ReplyBody = z.infer<typeof replyBodySchema>;

/**
 * A staff reply from the extension: into the customer's open conversation, else their latest, else a
 * new one (conversationForOutbound), under a per-customer lock so that two racing POSTs of the same
 * clientMessageId pick the same conversation and therefore the same idempotency key.
 */
export async function sendExtensionReply(input: {
  shopId: string;
  customerId: string;
  staff: { id: string; name: string };
  reply: ReplyBody;
}) {
  const conversationId = await db().$transaction(async (tx) => {
    await lockUntilCommit(tx, `extension-reply:${input.customerId}`);
    return (await conversationForOutbound(tx, input.shopId, input.customerId)).id;
  });
  const result = await sendCountingSuggestion({
    shopId: input.shopId,
    customerId: input.customerId,
    suggestionId: input.reply.suggestionId ?? null,
    staffUserId: input.staff.id,
    surface: "admin_block",
    send: () =>
      sendStaffReply({
        shopId: input.shopId,
        conversationId,
        staff: input.staff,
        channel: input.reply.channel,
        body: input.reply.body,
        subject: input.reply.subject ?? null,
        clientId: input.reply.clientMessageId,
      }),
    sentMessageId: (r) => (r.ok ? r.messageId : null),
  });
  if (!result.ok) return result;
  const message = await db().message.findFirstOrThrow({
    where: { id: result.messageId, shopId: input.shopId },
    select: messageSelect,
  });
  const [shaped] = await toMessages(input.shopId, [message]);
  return { ok: true as const, created: result.created, conversationId, message: shaped };
}
