// Staff-side state of a conversation: status, assignee, tags, priority, unread
// state and internal notes. Every function is scoped to one shop: a conversation
// id of another shop (or of nothing) answers 404, like the admin read queries.
//
// The one-open-conversation rule: Conversation.openCustomerId equals customerId
// while the conversation is OPEN, PENDING or SNOOZED and is null once RESOLVED;
// its unique index lets a customer hold at most one such conversation. Reopening
// a resolved conversation while the customer already has another one open is
// refused with ConversationStateError (the race is caught through the index).
//
// Internal notes are Message rows with internal = true, author STAFF, direction
// OUTBOUND (staff side) and deliveryStatus RECEIVED: "stored by us, never handed
// to a provider". RECEIVED keeps them out of the send pipeline and the reconciler,
// which only look at PENDING/QUEUED/SENT outbound rows. Their channel is the
// conversation's last inbound channel (the channel the team is talking on), or
// CHAT when the customer has never written in. A note does not change the
// conversation's preview, activity time or unread count: the inbox orders by
// what the customer and the outbound messages did. Each note also gets a NOTE
// timeline event (dedupeKey note:<messageId>) on the customer's timeline.
import { randomUUID } from "node:crypto";
import { inRetryingTransaction, isUniqueViolation, type Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { Conversation, ConversationPriority, ConversationStatus } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { recordTimelineEvent } from "../timeline/record-event.server";
import { insertSuggestedDrafts } from "../knowledge/articles.server";
import { suggestionsForResolveSafely } from "../knowledge/suggested-articles.server";
import { createCsatSurveyOnResolve, enqueueCsatSurvey, type CreatedSurvey } from "../csat/create-survey.server";
import { conversationResolvedTrigger } from "../shopify-flow/events.server";
import { CLEARED_SLA_TIMERS, refreshSlaTimers } from "../sla/timers.server";
import { recordActivity, type ActivityActor, type ActivityKind } from "./activity.server";
import { closeCycle, markHumanInvolved, openCycleOnReopen } from "../kpis/cycles.server";

export interface StaffRef {
  id: string;
  name: string;
}

/** A request that cannot be carried out as asked; its message is written for staff. */
export class ConversationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConversationStateError";
  }
}

export const CONVERSATION_STATUSES = ["OPEN", "PENDING", "SNOOZED", "RESOLVED"] as const;
export const CONVERSATION_PRIORITIES = ["LOW", "NORMAL", "HIGH", "URGENT"] as const;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 40;
export const MAX_NOTE_LENGTH = 10_000;

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

async function requireConversation(tx: Tx, shopId: string, conversationId: string): Promise<Conversation> {
  const conversation = await tx.conversation.findFirst({ where: { id: conversationId, shopId } });
  if (!conversation) notFound();
  return conversation;
}

const log = logger.child({ module: "conversation-state" });

/** Who made a change: a staff member ({ id, name }) or another actor (Flow, a rule). */
export type ChangeActor = StaffRef | ActivityActor;

function asActor(actor: ChangeActor): ActivityActor {
  return "type" in actor ? actor : { type: "STAFF", id: actor.id, name: actor.name };
}

/** The activity line for a change, when someone named made it (decision 0043). */
async function noteChange(
  tx: Tx,
  conversation: Conversation,
  actor: ChangeActor | null | undefined,
  kind: ActivityKind,
  detail: Record<string, string | string[] | null>,
) {
  if (!actor) return;
  await recordActivity(tx, {
    shopId: conversation.shopId,
    conversationId: conversation.id,
    kind,
    actor: asActor(actor),
    detail,
  });
}

export async function setConversationStatus(
  shopId: string,
  conversationId: string,
  status: ConversationStatus,
  options: { snoozedUntil?: Date | null; now?: Date } = {},
  staff?: ChangeActor | null,
): Promise<Conversation> {
  if (!CONVERSATION_STATUSES.includes(status)) throw new ConversationStateError(`Unknown status ${String(status)}.`);
  const now = options.now ?? new Date();
  if (status === "SNOOZED") {
    const until = options.snoozedUntil;
    if (!until || Number.isNaN(until.getTime()) || until <= now) {
      throw new ConversationStateError("Choose a time in the future to snooze this conversation until.");
    }
  }
  // Suggested articles from the cycle this resolve ends: read and scored before, inserted within (decision 0036).
  const mined = status === "RESOLVED" ? await suggestionsForResolveSafely(shopId, conversationId, now) : null;
  let csat: CreatedSurvey | null = null;
  try {
    const updated = await inRetryingTransaction(async (tx) => {
      const conversation = await requireConversation(tx, shopId, conversationId);
      if (status === "RESOLVED") {
        // The satisfaction survey (app/csat/, decision 0040): one row per conversation, ever.
        csat = conversation.status !== "RESOLVED" ? await createCsatSurveyOnResolve(tx, conversation) : null;
        const sameCycle = mined && conversation.lastResolvedAt?.getTime() === mined.cycleStart?.getTime();
        if (conversation.status !== "RESOLVED" && sameCycle) await insertSuggestedDrafts(tx, shopId, mined.drafts);
        // Shopify Flow's "conversation-resolved" (app/shopify-flow/): once per resolve, never for a repeat.
        if (conversation.status !== "RESOLVED")
          await conversationResolvedTrigger(tx, { shopId, conversationId: conversation.id, resolvedAt: now });
        // The resolution cycle closes, counted once (app/kpis/).
        if (conversation.status !== "RESOLVED") await closeCycle(tx, conversation, now);
        if (conversation.status !== status)
          await noteChange(tx, conversation, staff, "status_changed", { from: conversation.status, to: status });
        return tx.conversation.update({
          where: { id: conversation.id },
          data: {
            status,
            openCustomerId: null,
            snoozedUntil: null,
            resolvedAt: conversation.status === "RESOLVED" ? conversation.resolvedAt : now,
            // A new cycle for automatic answers starts after this (app/answers/, decision 0032).
            ...(conversation.status === "RESOLVED"
              ? {}
              : { lastResolvedAt: now, waitingForPersonSince: null, handoffReason: null, ...CLEARED_SLA_TIMERS }),
          },
        });
      }
      if (conversation.openCustomerId === null) {
        const other = await tx.conversation.findFirst({
          where: { shopId, openCustomerId: conversation.customerId, id: { not: conversation.id } },
          select: { id: true },
        });
        if (other) throw reopenRefused();
      }
      // Staff reopened it: a new resolution cycle (app/kpis/).
      if (conversation.status === "RESOLVED") await openCycleOnReopen(tx, conversation, now);
      if (conversation.status !== status)
        await noteChange(tx, conversation, staff, "status_changed", { from: conversation.status, to: status });
      return tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status,
          openCustomerId: conversation.customerId,
          snoozedUntil: status === "SNOOZED" ? options.snoozedUntil : null,
          resolvedAt: null,
        },
      });
    });
    log.info({ shopId, conversationId, status, staffId: staff?.id ?? null }, "conversation status changed");
    await enqueueCsatSurvey(csat);
    return updated;
  } catch (error) {
    // Another conversation of the customer was opened concurrently (the unique index said no).
    if (isUniqueViolation(error)) throw reopenRefused();
    throw error;
  }
}

function reopenRefused() {
  return new ConversationStateError(
    "This customer already has another open conversation. Resolve that one first (or continue there) before reopening this one.",
  );
}

export async function assignConversation(
  shopId: string,
  conversationId: string,
  assignee: StaffRef | null,
  actor?: ChangeActor | null,
): Promise<Conversation> {
  return inRetryingTransaction(async (tx) => {
    const conversation = await requireConversation(tx, shopId, conversationId);
    if ((assignee?.id ?? null) !== conversation.assigneeId) {
      await noteChange(tx, conversation, actor, assignee ? "assigned" : "unassigned", {
        assigneeId: assignee?.id ?? null,
        assigneeName: assignee?.name ?? null,
        previousAssigneeId: conversation.assigneeId,
        previousAssigneeName: conversation.assigneeName,
      });
    }
    // Handed to a person: one is involved in this resolution cycle (app/kpis/).
    if (assignee) await markHumanInvolved(tx, conversation.id);
    return tx.conversation.update({
      where: { id: conversation.id },
      data: {
        assigneeId: assignee?.id ?? null,
        assigneeName: assignee ? assignee.name : null,
        // A person took it: no longer waiting, and the assistant stays silent (app/answers/).
        ...(assignee ? { waitingForPersonSince: null } : {}),
        // Routing's reassignment clock (app/routing/sweep.server.ts) restarts with a new assignee.
        ...((assignee?.id ?? null) !== conversation.assigneeId ? { assignedAt: assignee ? new Date() : null } : {}),
      },
    });
  });
}

/** Trimmed, lower-case, inner whitespace collapsed, unique, in first-seen order. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = String(raw).trim().toLowerCase().replace(/\s+/g, " ");
    if (!tag) continue;
    if (tag.length > MAX_TAG_LENGTH)
      throw new ConversationStateError(`A tag can be at most ${MAX_TAG_LENGTH} characters.`);
    seen.add(tag);
  }
  if (seen.size > MAX_TAGS) throw new ConversationStateError(`A conversation can have at most ${MAX_TAGS} tags.`);
  return [...seen];
}

export async function setConversationTags(
  shopId: string,
  conversationId: string,
  tags: string[],
  actor?: ChangeActor | null,
): Promise<Conversation> {
  const normalised = normaliseTags(tags);
  return inRetryingTransaction(async (tx) => {
    const conversation = await requireConversation(tx, shopId, conversationId);
    const added = normalised.filter((t) => !conversation.tags.includes(t));
    const removed = conversation.tags.filter((t) => !normalised.includes(t));
    if (added.length || removed.length) await noteChange(tx, conversation, actor, "tags_changed", { added, removed });
    return tx.conversation.update({ where: { id: conversation.id }, data: { tags: normalised } });
  });
}

export async function setConversationPriority(
  shopId: string,
  conversationId: string,
  priority: ConversationPriority,
  actor?: ChangeActor | null,
): Promise<Conversation> {
  if (!CONVERSATION_PRIORITIES.includes(priority)) {
    throw new ConversationStateError(`Unknown priority ${String(priority)}.`);
  }
  return inRetryingTransaction(async (tx) => {
    const conversation = await requireConversation(tx, shopId, conversationId);
    if (conversation.priority !== priority)
      await noteChange(tx, conversation, actor, "priority_changed", { from: conversation.priority, to: priority });
    await tx.conversation.update({ where: { id: conversation.id }, data: { priority } });
    // The new priority's targets apply from the same starting messages (app/sla/).
    await refreshSlaTimers(tx, conversation.id);
    return tx.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
  });
}

export async function markConversationRead(shopId: string, conversationId: string): Promise<Conversation> {
  return inRetryingTransaction(async (tx) => {
    const conversation = await requireConversation(tx, shopId, conversationId);
    if (conversation.unreadCount === 0) return conversation;
    return tx.conversation.update({ where: { id: conversation.id }, data: { unreadCount: 0 } });
  });
}

export async function addInternalNote(shopId: string, conversationId: string, staff: StaffRef, body: string) {
  const text = body.trim();
  if (!text) throw new ConversationStateError("A note cannot be empty.");
  if (text.length > MAX_NOTE_LENGTH) {
    throw new ConversationStateError(`A note can be at most ${MAX_NOTE_LENGTH} characters.`);
  }
  return inRetryingTransaction(async (tx) => {
    const conversation = await requireConversation(tx, shopId, conversationId);
    const message = await tx.message.create({
      data: {
        shopId,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        direction: "OUTBOUND",
        channel: conversation.lastInboundChannel ?? "CHAT",
        author: "STAFF",
        authorName: staff.name,
        staffUserId: staff.id,
        internal: true,
        body: text,
        deliveryStatus: "RECEIVED",
        idempotencyKey: `note:${randomUUID()}`,
        metadata: { staffId: staff.id },
      },
    });
    await markHumanInvolved(tx, conversation.id);
    await recordTimelineEvent(tx, {
      shopId,
      customerId: conversation.customerId,
      type: "NOTE",
      occurredAt: message.createdAt,
      dedupeKey: `note:${message.id}`,
      title: `Note by ${staff.name}`,
      messageId: message.id,
      data: { staffId: staff.id, staffName: staff.name, conversationId: conversation.id, preview: text.slice(0, 160) },
    });
    return message;
  });
}

/** Maintenance job: every SNOOZED conversation whose time has come is OPEN again. Returns how many woke. */
export async function wakeSnoozedConversations(now: Date = new Date()): Promise<number> {
  const { count } = await db().conversation.updateMany({
    where: { status: "SNOOZED", snoozedUntil: { lte: now } },
    data: { status: "OPEN", snoozedUntil: null },
  });
  if (count > 0) log.info({ count }, "woke snoozed conversations");
  return count;
}
