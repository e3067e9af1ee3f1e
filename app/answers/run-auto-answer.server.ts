// The auto-answer job (queue "answers", job id auto-answer-<inbound message id>): decides one new
// customer message and, when the rules allow, answers it on the same channel through the durable
// send pipeline. The AutoAnswer row is the truth: a row no longer PENDING is never decided again,
// the reply is claimed under the unique key auto-answer:<messageId> (never sent twice), and the
// hand-off notice under auto-handoff:<conversationId>:<cycle> (once per cycle). The assistant sees
// only the conversation since it was last resolved (Conversation.lastResolvedAt). Rules: rules.ts.
// Order tracking (live lookup, verification): app/order-tracking/track-order.server.ts.
import { db } from "../db/client.server";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import type { ConversationPriority, Prisma } from "../generated/prisma/client";
import type { AutoAnswerState } from "../generated/prisma/enums";
import { decideAnswer } from "../knowledge/decide-answer.server";
import type { AnswerDecision, ConversationTurn, HandoffReason, KnowledgeLocale } from "../knowledge/contracts";
import { logger } from "../lib/logger.server";
import { trackOrder, type OrderReplyOutcome } from "../order-tracking/track-order.server";
import { AdmissionRefusedError, claimOutboundMessage, type OutboundMetadata } from "../messages/claim-outbound.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { outboundEmailThreading } from "../messages/email-threading.server";
import { replyOptionsFor } from "../conversations/staff-reply.server";
import { conversationHandedOffTrigger } from "../shopify-flow/events.server";
import { calendarFor, isOpen, replyExpectation } from "../business-hours/calendar";
import { answerWithCitation, handoffNotice } from "./expectation-text";
import { noMessageReason, silentReason } from "./rules";
import { modeFor, parseAutoAnswerSettings } from "./settings";
import { markHandedOff } from "../kpis/cycles.server";

const log = logger.child({ module: "auto-answer" });

/** What the automatic message records in Message.metadata.automatic (staff see it on the timeline). */
export interface AutomaticMetadata {
  kind: "answer" | "handoff" | OrderReplyOutcome;
  inboundMessageId: string;
  /** Order tracking: Shopify's order id when the reply is about an order. */
  orderId?: string;
  articleId?: string;
  sectionId?: string;
  title?: string;
  confidence?: number;
  reason?: string;
}

const URGENT_REASONS: readonly HandoffReason[] = ["self_harm", "safety"];
const RANK: Record<ConversationPriority, number> = { LOW: 0, NORMAL: 1, HIGH: 2, URGENT: 3 };

function handoffOf(decision: AnswerDecision): { reason: string; explanation: string; urgent: boolean } | null {
  if (decision.kind === "handoff")
    return {
      reason: decision.reason,
      explanation: decision.explanation,
      urgent: URGENT_REASONS.includes(decision.reason),
    };
  // Only reached when no message can be sent (order tracking runs otherwise): a person answers.
  if (decision.kind === "order_tracking")
    return { reason: "order_tracking", explanation: "order tracking", urgent: false };
  return null;
}

interface CycleFacts {
  staffRepliedInCycle: boolean;
  automaticInARow: number;
}

/** What happened in the conversation since it was last resolved (the assistant sees nothing older). */
async function cycleFacts(client: Tx, conversationId: string, cycleStart: Date | null): Promise<CycleFacts> {
  const since = cycleStart ? { createdAt: { gt: cycleStart } } : {};
  const [staff, automatic] = await Promise.all([
    client.message.count({
      where: { conversationId, author: "STAFF", direction: "OUTBOUND", internal: false, ...since },
    }),
    client.message.count({ where: { conversationId, automatic: true, ...since } }),
  ]);
  // Any person's reply in the cycle silences the assistant, so "in a row" counts the whole cycle.
  return { staffRepliedInCycle: staff > 0, automaticInARow: automatic };
}

/** The cycle's messages before this one, oldest first (read only by a language model, when on). */
async function historyOf(
  conversationId: string,
  cycleStart: Date | null,
  message: { id: string; createdAt: Date },
): Promise<ConversationTurn[]> {
  const rows = await db().message.findMany({
    where: {
      conversationId,
      internal: false,
      id: { not: message.id },
      createdAt: { lte: message.createdAt, ...(cycleStart ? { gt: cycleStart } : {}) },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 12,
    select: { direction: true, author: true, automatic: true, body: true },
  });
  return rows.reverse().map((m) => ({
    from: m.direction === "INBOUND" ? "customer" : m.author === "STAFF" ? "staff" : "assistant",
    text: m.body.slice(0, 2000),
  }));
}

async function settleRow(
  inboundMessageId: string,
  state: AutoAnswerState,
  outcome: string,
  extra: Prisma.AutoAnswerUpdateManyMutationInput = {},
): Promise<void> {
  await db().autoAnswer.updateMany({
    where: { inboundMessageId, state: "PENDING" },
    data: { state, outcome, decidedAt: new Date(), ...extra },
  });
}

function emailSubject(subject: string | null, shopName: string | null): string {
  const s = (subject ?? "").replace(/\s+/g, " ").trim();
  if (s) return (/^re:/i.test(s) ? s : `Re: ${s}`).slice(0, 200);
  return shopName ? `Your message to ${shopName}` : "Your message to us";
}

export async function runAutoAnswer(inboundMessageId: string, now: Date = new Date()): Promise<string> {
  const row = await db().autoAnswer.findUnique({ where: { inboundMessageId } });
  if (!row || row.state !== "PENDING") return "already decided";
  const message = await db().message.findUnique({
    where: { id: inboundMessageId },
    select: {
      id: true,
      shopId: true,
      conversationId: true,
      customerId: true,
      channel: true,
      body: true,
      subject: true,
      metadata: true,
      senderCheck: true,
      fromAddress: true,
      providerMessageId: true,
      createdAt: true,
      shop: { select: { settings: true, ianaTimezone: true, name: true } },
      conversation: {
        select: {
          id: true,
          assigneeId: true,
          lastResolvedAt: true,
          waitingForPersonSince: true,
          priority: true,
          replyToken: true,
        },
      },
    },
  });
  if (!message) {
    await settleRow(inboundMessageId, "SKIPPED", "message_gone");
    return "message gone";
  }
  const { shop, conversation } = message;
  const settings = parseAutoAnswerSettings(shop.settings);
  const calendar = calendarFor(shop);
  const meta = (message.metadata ?? {}) as Record<string, unknown>;
  const cycleStart = conversation.lastResolvedAt;
  const cycle = await cycleFacts(db(), conversation.id, cycleStart);

  const silent = silentReason({
    mode: modeFor(settings, message.channel),
    shopOpen: isOpen(calendar, now),
    autoReply: typeof meta.autoReply === "string",
    keyword: typeof meta.keyword === "string",
    resolvedSince: cycleStart !== null && message.createdAt <= cycleStart,
    staffRepliedInCycle: cycle.staffRepliedInCycle,
    assigned: conversation.assigneeId !== null,
  });
  if (silent) {
    await settleRow(inboundMessageId, "SKIPPED", silent);
    return silent;
  }

  const text = (message.body.trim() || (message.subject ?? "").trim()).slice(0, 4000);
  const { options, replyToDomain, fromEmail } = await replyOptionsFor(
    message.shopId,
    message.customerId,
    { lastInboundChannel: message.channel },
    now,
  );
  const option = options.find((o) => o.channel === message.channel);
  const senderUnverified = message.senderCheck === "UNKNOWN_ADDRESS" || message.senderCheck === "FAILED_AUTH";
  const toAddress = message.channel === "EMAIL" ? message.fromAddress : (option?.toAddress ?? null);
  const cannotSend = noMessageReason({
    empty: !text,
    senderUnverified,
    waitingForPerson: conversation.waitingForPersonSince !== null,
    automaticInARow: cycle.automaticInARow,
    maxInARow: settings.maxInARow,
    // Meta's HUMAN_AGENT tag (24 hours to 7 days) is for a person's reply only, never the assistant's.
    channelAllowed: !!option?.allowed && !!toAddress && !option.metaTag,
  });
  if (cannotSend === "empty_message") {
    await settleRow(inboundMessageId, "SKIPPED", cannotSend);
    return cannotSend;
  }

  const decision = await decideAnswer({
    shopId: message.shopId,
    text,
    customerId: message.customerId,
    history: await historyOf(conversation.id, cycleStart, message),
  });
  // Order tracking (live Admin API lookup, verification) only when a message may be sent.
  const order = cannotSend
    ? null
    : await trackOrder({
        shopId: message.shopId,
        conversationId: conversation.id,
        customerId: message.customerId,
        inboundMessageId,
        text,
        decision,
      });
  const orderReply = order?.kind === "reply" ? order : null;
  const handoff =
    order?.kind === "handoff"
      ? { reason: order.outcome, explanation: order.explanation, urgent: false }
      : orderReply
        ? null
        : handoffOf(decision);

  if (handoff) {
    // Waiting for a person since now (kept if already waiting), priority raised, never lowered.
    const wanted: ConversationPriority = handoff.urgent ? "URGENT" : "HIGH";
    await inRetryingTransaction(async (tx) => {
      const started = await tx.conversation.updateMany({
        where: { id: conversation.id, waitingForPersonSince: null },
        data: { waitingForPersonSince: now, handoffReason: handoff.explanation },
      });
      await tx.conversation.updateMany({
        where: {
          id: conversation.id,
          priority: { in: (Object.keys(RANK) as ConversationPriority[]).filter((p) => RANK[p] < RANK[wanted]) },
        },
        data: { priority: wanted },
      });
      // The resolution cycle was handed to a person (app/kpis/).
      await markHandedOff(tx, conversation.id);
      // Shopify Flow's "conversation-handed-off" (app/shopify-flow/): only when the wait starts now.
      if (started.count > 0)
        await conversationHandedOffTrigger(tx, {
          shopId: message.shopId,
          conversationId: conversation.id,
          reason: handoff.explanation,
          since: now,
        });
    });
  }
  if (cannotSend) {
    await settleRow(inboundMessageId, handoff ? "HANDED_OFF" : "SKIPPED", handoff ? handoff.reason : cannotSend);
    log.info({ inboundMessageId, reason: cannotSend, handoff: handoff?.reason }, "no automatic message");
    return handoff ? `handoff (${handoff.reason}); no message: ${cannotSend}` : cannotSend;
  }

  const locale: KnowledgeLocale = order?.locale ?? decision.locale;
  const automatic: AutomaticMetadata = orderReply
    ? { kind: orderReply.outcome, inboundMessageId, ...(orderReply.orderId ? { orderId: orderReply.orderId } : {}) }
    : decision.kind === "answer"
      ? {
          kind: "answer",
          inboundMessageId,
          articleId: decision.article.articleId,
          sectionId: decision.article.sectionId,
          title: decision.article.title,
          confidence: decision.confidence,
        }
      : { kind: "handoff", inboundMessageId, reason: handoff!.reason };
  const body = orderReply
    ? orderReply.text
    : decision.kind === "answer"
      ? answerWithCitation(decision.text, decision.article.title, locale)
      : handoffNotice(replyExpectation(calendar, now), locale);
  const idempotencyKey =
    decision.kind === "answer" || orderReply
      ? `auto-answer:${inboundMessageId}`
      : `auto-handoff:${conversation.id}:${cycleStart?.getTime() ?? 0}`;

  const metadata: OutboundMetadata & { automatic: AutomaticMetadata } = { purpose: "TRANSACTIONAL", automatic };
  if (message.channel === "EMAIL") {
    Object.assign(
      metadata,
      outboundEmailThreading({
        idempotencyKey,
        fromEmail: fromEmail ?? "",
        replyToDomain,
        replyToken: conversation.replyToken,
        inReplyTo: message.providerMessageId,
      }),
    );
    // RFC 3834: marks the mail as an automatic reply, so the customer's own auto-responder does
    // not answer it (and Exchange's is told to stay quiet): no ping-pong between two robots.
    metadata.headers = { ...metadata.headers, "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" };
  }

  let claimed: { messageId: string; created: boolean };
  try {
    claimed = await claimOutboundMessage({
      shopId: message.shopId,
      customerId: message.customerId,
      channel: message.channel,
      toAddress: toAddress!,
      body,
      subject: message.channel === "EMAIL" ? emailSubject(message.subject, shop.name) : null,
      author: "SYSTEM",
      automatic: true,
      idempotencyKey,
      metadata,
      // Checked again under a per-conversation lock: a person who replied or took the conversation
      // a moment ago wins, and two messages at once cannot both pass "in a row".
      admission: {
        lockKey: `auto-answer:${conversation.id}`,
        admit: async (tx) => {
          const c = await tx.conversation.findUnique({ where: { id: conversation.id }, select: { assigneeId: true } });
          const facts = await cycleFacts(tx, conversation.id, cycleStart);
          return !c?.assigneeId && !facts.staffRepliedInCycle && facts.automaticInARow < settings.maxInARow;
        },
      },
    });
  } catch (err) {
    if (!(err instanceof AdmissionRefusedError)) throw err;
    await settleRow(
      inboundMessageId,
      handoff ? "HANDED_OFF" : "SKIPPED",
      handoff ? handoff.reason : "person_took_over",
    );
    return "refused at claim";
  }
  await enqueueSend(claimed.messageId);
  const outcome = handoff ? handoff.reason : (orderReply?.outcome ?? "answered");
  await settleRow(inboundMessageId, handoff ? "HANDED_OFF" : "ANSWERED", outcome, {
    replyMessageId: claimed.messageId,
    ...(decision.kind === "answer" && !orderReply
      ? { articleId: decision.article.articleId, confidence: decision.confidence }
      : {}),
  });
  log.info({ inboundMessageId, kind: automatic.kind, replyMessageId: claimed.messageId }, "automatic message claimed");
  return orderReply?.outcome ?? decision.kind;
}
