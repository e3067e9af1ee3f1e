// Resolution cycles (ConversationCycle): a cycle opens with the first customer message of a new or
// resolved conversation and closes when it is resolved. Response and resolution times are counted
// once per cycle, so a reopened conversation is a new cycle, never a second count of the old one.
import { PERSON_REPLY_WHERE } from "../staff/automation-authors";
import type { Tx } from "../commerce/transaction.server";
import type { Channel } from "../generated/prisma/client";
import { businessMinutesBetween, calendarFor, type ShopCalendar } from "../business-hours/calendar";

/**
 * Opens a cycle unless one is open already; true when this inbound message opened it (a new or
 * reopened conversation), which is when routing rules run.
 */
export async function openCycleIfNone(
  tx: Tx,
  input: { shopId: string; conversationId: string; channel: Channel; at: Date },
): Promise<boolean> {
  const latest = await tx.conversationCycle.findFirst({
    where: { conversationId: input.conversationId },
    orderBy: { seq: "desc" },
    select: { seq: true, resolvedAt: true },
  });
  if (latest && latest.resolvedAt === null) return false;
  const conversation = await tx.conversation.findUniqueOrThrow({
    where: { id: input.conversationId },
    select: { teamId: true, assigneeId: true },
  });
  await tx.conversationCycle.create({
    data: {
      shopId: input.shopId,
      conversationId: input.conversationId,
      seq: (latest?.seq ?? 0) + 1,
      channel: input.channel,
      teamId: conversation.teamId,
      assigneeId: conversation.assigneeId,
      openedAt: input.at,
    },
  });
  return true;
}

// The rest of the lifecycle, each called inside the transaction of the event it records, so a cycle
// never disagrees with the messages and status it describes.

const latestCycle = (tx: Tx, conversationId: string) =>
  tx.conversationCycle.findFirst({ where: { conversationId }, orderBy: { seq: "desc" } });

async function shopCalendar(tx: Tx, shopId: string) {
  const shop = await tx.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { settings: true, ianaTimezone: true },
  });
  return calendarFor(shop);
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
// The calendar counts whole business minutes: business seconds are those minutes times 60.
const businessSeconds = (cal: ShopCalendar, from: Date, to: Date) => businessMinutesBetween(cal, from, to) * 60;

/**
 * A person's reply to the customer (not a note, not the assistant): the open cycle's first response
 * when it has none, a person involved, and the reply's wait since the oldest customer message of
 * this cycle that no earlier staff reply answered (none waiting: no wait is recorded).
 */
export async function recordStaffReply(
  tx: Tx,
  reply: { id: string; shopId: string; conversationId: string; createdAt: Date },
): Promise<void> {
  const cycle = await latestCycle(tx, reply.conversationId);
  if (!cycle || cycle.resolvedAt !== null) return;
  const cal = await shopCalendar(tx, reply.shopId);
  const previousReply = await tx.message.findFirst({
    where: {
      conversationId: reply.conversationId,
      ...PERSON_REPLY_WHERE,
      id: { not: reply.id },
      createdAt: { gte: cycle.openedAt, lte: reply.createdAt },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { createdAt: true },
  });
  const waitingSince = await tx.message.findFirst({
    where: {
      conversationId: reply.conversationId,
      direction: "INBOUND",
      internal: false,
      createdAt: previousReply
        ? { gt: previousReply.createdAt, lte: reply.createdAt }
        : { gte: cycle.openedAt, lte: reply.createdAt },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { createdAt: true },
  });
  if (waitingSince) {
    await tx.message.update({
      where: { id: reply.id },
      data: {
        replyWaitSeconds: seconds(waitingSince.createdAt, reply.createdAt),
        replyWaitBusinessSeconds: businessSeconds(cal, waitingSince.createdAt, reply.createdAt),
      },
    });
  }
  await tx.conversationCycle.update({
    where: { id: cycle.id },
    data: {
      humanInvolved: true,
      ...(cycle.firstResponseAt === null
        ? {
            firstResponseAt: reply.createdAt,
            firstResponseSeconds: seconds(cycle.openedAt, reply.createdAt),
            firstResponseBusinessSeconds: businessSeconds(cal, cycle.openedAt, reply.createdAt),
          }
        : {}),
    },
  });
}

/** A note or an assignment to a person: someone is involved in the open cycle. */
export async function markHumanInvolved(tx: Tx, conversationId: string): Promise<void> {
  await tx.conversationCycle.updateMany({
    where: { conversationId, resolvedAt: null, humanInvolved: false },
    data: { humanInvolved: true },
  });
}

/** The assistant handed the open cycle to a person (app/answers/). */
export async function markHandedOff(tx: Tx, conversationId: string): Promise<void> {
  await tx.conversationCycle.updateMany({
    where: { conversationId, resolvedAt: null, handedOff: false },
    data: { handedOff: true },
  });
}

/** A resolve closes the open cycle: resolution times, and the team and person it ended with. */
export async function closeCycle(
  tx: Tx,
  conversation: { id: string; shopId: string; teamId: string | null; assigneeId: string | null },
  at: Date,
): Promise<void> {
  const cycle = await latestCycle(tx, conversation.id);
  if (!cycle || cycle.resolvedAt !== null) return;
  const cal = await shopCalendar(tx, conversation.shopId);
  await tx.conversationCycle.update({
    where: { id: cycle.id },
    data: {
      resolvedAt: at,
      resolutionSeconds: seconds(cycle.openedAt, at),
      resolutionBusinessSeconds: businessSeconds(cal, cycle.openedAt, at),
      teamId: conversation.teamId,
      assigneeId: conversation.assigneeId,
    },
  });
}

/**
 * Staff reopened a resolved conversation: a new cycle from now (on its last inbound channel),
 * counted apart from the one the resolve closed. A person reopened it, so one is involved.
 */
export async function openCycleOnReopen(
  tx: Tx,
  conversation: { id: string; shopId: string; lastInboundChannel: Channel | null },
  at: Date,
): Promise<void> {
  const opened = await openCycleIfNone(tx, {
    shopId: conversation.shopId,
    conversationId: conversation.id,
    channel: conversation.lastInboundChannel ?? "CHAT",
    at,
  });
  if (opened) await markHumanInvolved(tx, conversation.id);
}
