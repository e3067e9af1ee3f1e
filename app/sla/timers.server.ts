// The SLA due times of one conversation, derived again from its messages whenever something they
// depend on changes (a customer message, a staff reply, a new priority), inside that change's
// transaction. Deriving rather than patching keeps them right whatever order events arrive in.
// The cycle starts after the last resolve (lastResolvedAt): first response runs from the cycle's
// first customer message until a staff reply; next response from the first customer message after
// the latest staff reply; resolution from the cycle's first customer message until a resolve.
import type { Tx } from "../commerce/transaction.server";
import { calendarFor } from "../business-hours/calendar";
import { dueAfter } from "./due-times";
import { readSlaSettings } from "./settings";
import { PERSON_REPLY_WHERE } from "../staff/automation-authors";

const NO_TIMERS = { firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null };

/** A person's reply that answers the customer: not a note, not the assistant, not automation. */
const staffReply = PERSON_REPLY_WHERE;

export async function refreshSlaTimers(tx: Tx, conversationId: string): Promise<void> {
  const c = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: {
      status: true,
      priority: true,
      lastResolvedAt: true,
      firstRespondedAt: true,
      firstResponseDueAt: true,
      nextResponseDueAt: true,
      resolutionDueAt: true,
      shop: { select: { settings: true, ianaTimezone: true } },
    },
  });
  if (!c) return;
  const sla = readSlaSettings(c.shop.settings);
  // Off: nothing is written, so shops without SLAs behave exactly as before.
  if (!sla.enabled) return;
  const policy = sla.policies[c.priority];
  const cal = calendarFor(c.shop);
  const inCycle = c.lastResolvedAt ? { gt: c.lastResolvedAt } : undefined;
  const inbound = (after?: { gt: Date }) =>
    tx.message.findFirst({
      where: { conversationId, direction: "INBOUND", internal: false, createdAt: after },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { createdAt: true },
    });

  let next: {
    firstResponseDueAt: Date | null;
    nextResponseDueAt: Date | null;
    resolutionDueAt: Date | null;
    firstRespondedAt?: Date;
  } = NO_TIMERS;
  const first = c.status === "RESOLVED" ? null : await inbound(inCycle);
  if (first) {
    const replies = { conversationId, ...staffReply, createdAt: { gte: first.createdAt } };
    const [firstReply, lastReply] = await Promise.all([
      tx.message.findFirst({
        where: replies,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { createdAt: true },
      }),
      tx.message.findFirst({
        where: replies,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { createdAt: true },
      }),
    ]);
    const resolutionDueAt = dueAfter(policy, cal, first.createdAt, policy.resolutionMinutes);
    if (!firstReply || !lastReply) {
      next = {
        firstResponseDueAt: dueAfter(policy, cal, first.createdAt, policy.firstResponseMinutes),
        nextResponseDueAt: null,
        resolutionDueAt,
      };
    } else {
      const waiting = await inbound({ gt: lastReply.createdAt });
      next = {
        firstResponseDueAt: null,
        nextResponseDueAt: waiting ? dueAfter(policy, cal, waiting.createdAt, policy.nextResponseMinutes) : null,
        resolutionDueAt,
        firstRespondedAt: firstReply.createdAt,
      };
    }
  }
  const same = (a: Date | null, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  if (
    same(c.firstResponseDueAt, next.firstResponseDueAt) &&
    same(c.nextResponseDueAt, next.nextResponseDueAt) &&
    same(c.resolutionDueAt, next.resolutionDueAt) &&
    (next.firstRespondedAt === undefined || same(c.firstRespondedAt, next.firstRespondedAt))
  )
    return;
  await tx.conversation.update({ where: { id: conversationId }, data: next });
}

/** What a resolve writes: no timer runs on a resolved conversation (firstRespondedAt stays as history). */
export const CLEARED_SLA_TIMERS = NO_TIMERS;
