// The storefront chat API behind the Shopify app proxy (/apps/threadline/chat/messages on the
// storefront → /proxy/chat/messages here). Customer text is stored and returned as plain text
// only; rendering it safely is the widget's job (textContent, never innerHTML).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "../db/client.server";
import type { MessageAuthor, MessageDirection } from "../generated/prisma/client";
import { conversationForInbound } from "../conversations/conversation-for-inbound.server";
import { storeChannelInbound } from "../messages/store-channel-inbound.server";
import {
  customerForVisitor,
  existingCustomerForVisitor,
  visitorAwaitsLinking,
  type VisitorFacts,
} from "./chat-visitor.server";
import { recordVisitorPage, visitorPageSchema } from "./visitor-page.server";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { visitorSecretSchema } from "./visitor-secret.server";

export const MAX_CHAT_TEXT = 2000;
const PAGE_SIZE = 100;

export const visitorIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,128}$/, "visitorId must be 8-128 letters, digits, _ or -");

/** Optional in the schema so that a missing secret answers 401 (chat-refusals.server.ts), not 400. */
const visitorSecretField = visitorSecretSchema.optional();

export const chatPostSchema = z.object({
  visitorId: visitorIdSchema,
  visitorSecret: visitorSecretField,
  text: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_CHAT_TEXT, `Messages are limited to ${MAX_CHAT_TEXT} characters.`),
  email: z.string().trim().toLowerCase().email("That email address doesn't look right.").max(254).optional(),
  /** Written outside business hours: the shopper wants the answer by email, at `email`. */
  replyByEmail: z.boolean().optional(),
  /** The page the shopper is on (see visitor-page.server.ts). */
  page: visitorPageSchema.optional(),
  /** Optional client-generated id: a retried POST with the same id is stored once. */
  clientMessageId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});
export type ChatPost = z.infer<typeof chatPostSchema>;

/** The widget's poll: a POST, so the visitor id and secret stay out of every URL and access log. */
export const chatReadSchema = z.object({
  visitorId: visitorIdSchema,
  visitorSecret: visitorSecretField,
  after: z.string().max(200).nullish(),
});

/** Refinement kept apart from the object schema so the route can report it as a field error. */
export function replyByEmailProblem(input: ChatPost): string | null {
  return input.replyByEmail && !input.email ? "Leave your email so we can answer you." : null;
}

export interface ChatMessageJson {
  id: string;
  direction: "inbound" | "outbound";
  author: "customer" | "staff" | "shop";
  authorName: string | null;
  text: string;
  /** Written by the assistant (app/answers/), not a person: the widget labels it. */
  automatic: boolean;
  createdAt: string;
  cursor: string;
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null): { createdAt: Date; id: string } | null | "invalid" {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) return "invalid";
  return { createdAt, id };
}

function toJson(m: {
  id: string;
  direction: MessageDirection;
  author: MessageAuthor;
  authorName: string | null;
  body: string;
  automatic: boolean;
  createdAt: Date;
}): ChatMessageJson {
  return {
    id: m.id,
    direction: m.direction === "INBOUND" ? "inbound" : "outbound",
    author: m.author === "CUSTOMER" ? "customer" : m.author === "STAFF" ? "staff" : "shop",
    // Staff are shown by first name only.
    authorName: m.author === "STAFF" ? (m.authorName?.split(/\s+/)[0] ?? null) : null,
    text: m.body,
    automatic: m.automatic,
    createdAt: m.createdAt.toISOString(),
    cursor: encodeCursor(m.createdAt, m.id),
  };
}

const SELECT = {
  id: true,
  direction: true,
  author: true,
  authorName: true,
  body: true,
  automatic: true,
  createdAt: true,
} as const;

export async function postChatMessage(
  shopId: string,
  input: ChatPost,
  shopifyCustomerId: bigint | null,
): Promise<{ message: ChatMessageJson; created: boolean }> {
  const facts: VisitorFacts = {
    visitorId: input.visitorId,
    secret: input.visitorSecret,
    shopifyCustomerId,
    email: input.email ?? null,
  };
  const key = `inbound:chat:${shopId}:${input.visitorId}:${input.clientMessageId ?? randomUUID()}`;
  const stored = await storeChannelInbound(
    shopId,
    {
      idempotencyKey: key,
      channel: "CHAT",
      body: input.text,
      fromAddress: input.visitorId,
      ...(input.replyByEmail && input.email ? { metadata: { replyByEmail: input.email } } : {}),
    },
    async (tx) => {
      const customerId = await customerForVisitor(tx, shopId, facts);
      const conversationId = await conversationForInbound(tx, shopId, customerId);
      await rememberReplyAddress(tx, customerId, conversationId, input);
      return { customerId, conversationId };
    },
  );
  if (input.page) await recordVisitorPage(shopId, facts, input.page);
  const row = await db().message.findUniqueOrThrow({ where: { id: stored.messageId }, select: SELECT });
  return { message: toJson(row), created: stored.created };
}

/**
 * An offline message with replyByEmail names the address the answer must go to: the conversation
 * keeps it (staff replies default to email there) until the shopper chats live again. An anonymous
 * customer without an email also gets it as their email; a known customer's email is never replaced.
 */
async function rememberReplyAddress(tx: Tx, customerId: string, conversationId: string, input: ChatPost) {
  const replyEmail = input.replyByEmail && input.email ? input.email : null;
  await tx.conversation.update({ where: { id: conversationId }, data: { visitorReplyEmail: replyEmail } });
  if (replyEmail)
    await tx.customer.updateMany({
      where: { id: customerId, shopifyCustomerId: null, email: null },
      data: { email: replyEmail },
    });
}

/** The visitor's chat history after `after` (oldest first): chat messages both ways, never internal notes. */
export async function listChatMessages(
  shopId: string,
  facts: VisitorFacts,
  after: { createdAt: Date; id: string } | null,
): Promise<{ messages: ChatMessageJson[]; cursor: string | null }> {
  // The first request after signing in (usually this poll) brings the anonymous chat along, so
  // the shopper sees their conversation continue under their account at once. Every other poll
  // (one each 1.5 s per open widget) only reads, so it needs no transaction.
  const customerId = (await visitorAwaitsLinking(db(), shopId, facts))
    ? await inRetryingTransaction((tx) => customerForVisitor(tx, shopId, facts))
    : await existingCustomerForVisitor(db(), shopId, facts);
  if (!customerId) return { messages: [], cursor: after ? encodeCursor(after.createdAt, after.id) : null };
  const rows = await db().message.findMany({
    where: {
      shopId,
      customerId,
      channel: "CHAT",
      internal: false,
      ...(after
        ? {
            OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: PAGE_SIZE,
    select: SELECT,
  });
  const messages = rows.map(toJson);
  const last = messages.at(-1);
  return { messages, cursor: last?.cursor ?? (after ? encodeCursor(after.createdAt, after.id) : null) };
}
