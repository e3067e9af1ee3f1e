// The routing-sweep maintenance job (every minute, scheduler id "routing-sweep"): for each shop with
// Shop.settings.routing set, an assigned OPEN conversation whose assignee has not replied
// - is escalated to its team's lead once the customer has waited escalateAfterMinutes (from the
//   oldest customer message not yet answered), and
// - is otherwise reassigned to another available member of its team (least loaded) once
//   reassignAfterMinutes passed since assignedAt.
// An SLA breach escalates too (escalateOnBreach, called by app/sla/breaches.server.ts). Each change
// re-checks its conditions under a per-conversation lock inside its transaction and compares
// assignedAt, so duplicate or overlapping jobs change a conversation once.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { lockUntilCommit } from "../db/advisory-lock.server";
import { recordActivity } from "../conversations/activity.server";
import { logger } from "../lib/logger.server";
import { pickMember } from "./decide";
import { teamCandidates, userCandidate } from "./members.server";
import { readRoutingSettings } from "./settings";
import { reconcileRoutingSavedReplies } from "./saved-reply.server";
import { PERSON_REPLY_SQL } from "../staff/automation-authors";

const log = logger.child({ module: "routing-sweep" });
const BATCH = 500;
const MINUTE = 60_000;

/** A person's answer: not a note, not the assistant, not automation (app/staff/automation-authors.ts). */
export { PERSON_REPLY_SQL };

/** The oldest customer message after the latest person's answer: how long the customer has waited. */
export const WAITING_SINCE_SQL = Prisma.sql`(
  SELECT min(w."createdAt") FROM "Message" w
   WHERE w."conversationId" = c.id AND w.direction = 'INBOUND'
     AND w."createdAt" > COALESCE((SELECT max(m."createdAt") FROM "Message" m
                                    WHERE m."conversationId" = c.id AND ${PERSON_REPLY_SQL}), '-infinity'))`;

const utc = (d: Date) => Prisma.sql`(${d.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export interface SweepResult {
  reassigned: number;
  escalated: number;
  savedRepliesRequeued: number;
}

export async function runRoutingSweep(now: Date = new Date()): Promise<SweepResult> {
  const savedRepliesRequeued = await reconcileRoutingSavedReplies(now);
  const shops = await db().$queryRaw<{ id: string; settings: unknown }[]>(Prisma.sql`
    SELECT id, settings FROM "Shop"
     WHERE "uninstalledAt" IS NULL AND jsonb_typeof(settings -> 'routing') = 'object'`);
  let reassigned = 0;
  let escalated = 0;
  for (const shop of shops) {
    const settings = readRoutingSettings(shop.settings);
    const { reassignAfterMinutes: reassignAfter, escalateAfterMinutes: escalateAfter } = settings;
    if (!reassignAfter && !escalateAfter) continue;
    const dueWhen = [
      ...(reassignAfter ? [Prisma.sql`"assignedAt" <= ${utc(new Date(now.getTime() - reassignAfter * MINUTE))}`] : []),
      ...(escalateAfter
        ? [Prisma.sql`"waitingSince" <= ${utc(new Date(now.getTime() - escalateAfter * MINUTE))}`]
        : []),
    ];
    const due = await db().$queryRaw<{ id: string; assignedAt: Date; waitingSince: Date | null }[]>(Prisma.sql`
      SELECT * FROM (
        SELECT c.id, c."assignedAt", ${WAITING_SINCE_SQL} AS "waitingSince"
          FROM "Conversation" c
         WHERE c."shopId" = ${shop.id} AND c.status = 'OPEN' AND c."assigneeId" IS NOT NULL
           AND c."assignedAt" IS NOT NULL AND c."escalatedAt" IS NULL
           AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id
                              AND m."createdAt" >= c."assignedAt" AND ${PERSON_REPLY_SQL})) q
       WHERE ${Prisma.join(dueWhen, " OR ")}
       ORDER BY "assignedAt"
       LIMIT ${BATCH}`);
    for (const c of due) {
      const waited = c.waitingSince ? now.getTime() - c.waitingSince.getTime() : 0;
      if (escalateAfter && c.waitingSince && waited >= escalateAfter * MINUTE) {
        if (await inRetryingTransaction((tx) => escalate(tx, c.id, now, "no_reply", c.assignedAt))) escalated++;
        continue;
      }
      const sinceAssigned = now.getTime() - c.assignedAt.getTime();
      if (reassignAfter && sinceAssigned >= reassignAfter * MINUTE)
        if (await inRetryingTransaction((tx) => reassign(tx, c.id, now, c.assignedAt))) reassigned++;
    }
  }
  if (reassigned + escalated > 0) log.info({ reassigned, escalated }, "routing sweep");
  return { reassigned, escalated, savedRepliesRequeued };
}

async function lockedConversation(tx: Tx, conversationId: string) {
  await lockUntilCommit(tx, `routing-conversation:${conversationId}`);
  return tx.conversation.findUnique({
    where: { id: conversationId },
    select: {
      id: true,
      shopId: true,
      status: true,
      teamId: true,
      assigneeId: true,
      assigneeName: true,
      assignedAt: true,
      escalatedAt: true,
    },
  });
}

async function reassign(tx: Tx, conversationId: string, now: Date, seenAssignedAt: Date): Promise<boolean> {
  const c = await lockedConversation(tx, conversationId);
  // Changed since the sweep read it (another job, a person): nothing to do.
  if (!c || c.status !== "OPEN" || !c.teamId || c.escalatedAt || c.assignedAt?.getTime() !== seenAssignedAt.getTime())
    return false;
  await lockUntilCommit(tx, `routing-team:${c.teamId}`);
  const next = pickMember(await teamCandidates(tx, c.shopId, c.teamId), "least_loaded", c.assigneeId);
  if (!next) return false;
  await tx.conversation.update({
    where: { id: c.id },
    data: { assigneeId: next.userId, assigneeName: next.name, assignedAt: now },
  });
  await tx.staffMember.update({ where: { id: next.id }, data: { lastAssignedAt: now } });
  await recordActivity(tx, {
    shopId: c.shopId,
    conversationId: c.id,
    kind: "reassigned",
    actor: { type: "SYSTEM" },
    detail: {
      reason: "no_reply",
      fromAssigneeId: c.assigneeId,
      fromAssigneeName: c.assigneeName,
      assigneeId: next.userId,
      assigneeName: next.name,
      teamId: c.teamId,
    },
    at: now,
  });
  return true;
}

/** Assigns the conversation to its team's lead and sets escalatedAt, once (until routing assigns it again). */
async function escalate(
  tx: Tx,
  conversationId: string,
  now: Date,
  reason: "no_reply" | "sla_breach",
  seenAssignedAt: Date | null,
): Promise<boolean> {
  const c = await lockedConversation(tx, conversationId);
  if (!c || c.status === "RESOLVED" || c.escalatedAt) return false;
  if (seenAssignedAt && c.assignedAt?.getTime() !== seenAssignedAt.getTime()) return false;
  const team = c.teamId
    ? await tx.team.findFirst({ where: { id: c.teamId, shopId: c.shopId }, select: { leadUserId: true } })
    : null;
  const lead = team?.leadUserId ? await userCandidate(tx, c.shopId, team.leadUserId) : null;
  // Nobody to escalate to: the sweep leaves it be; a breach is already recorded and raised in priority.
  if (!lead) return false;
  await tx.conversation.update({
    where: { id: c.id },
    data: {
      escalatedAt: now,
      ...(lead.userId === c.assigneeId ? {} : { assigneeId: lead.userId, assigneeName: lead.name, assignedAt: now }),
    },
  });
  await recordActivity(tx, {
    shopId: c.shopId,
    conversationId: c.id,
    kind: "escalated",
    actor: { type: "SYSTEM" },
    detail: {
      reason,
      fromAssigneeId: c.assigneeId,
      fromAssigneeName: c.assigneeName,
      assigneeId: lead.userId,
      assigneeName: lead.name,
      teamId: c.teamId,
    },
    at: now,
  });
  log.info({ shopId: c.shopId, conversationId: c.id, reason, lead: lead.userId }, "conversation escalated");
  return true;
}

/** An SLA breach was just recorded in `tx`: escalate to the team lead (once). */
export function escalateOnBreach(tx: Tx, conversationId: string, now: Date): Promise<boolean> {
  return escalate(tx, conversationId, now, "sla_breach", null);
}
