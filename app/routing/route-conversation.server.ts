// Routing a new or reopened conversation, inside the transaction that stores the customer message
// that opened it (noteInbound in app/conversations/conversation-for-inbound.server.ts), so the
// assignment, the rule's other actions, the "routed" activity and the rule's match count land with
// the message or not at all. One query for the rules, one for the facts; a shop without enabled
// rules pays the first only. The decision itself is pure (decide.ts).
import type { Tx } from "../commerce/transaction.server";
import { Prisma } from "../generated/prisma/client";
import type { Channel, ConversationPriority } from "../generated/prisma/client";
import { calendarFor, isOpen } from "../business-hours/calendar";
import { detectLanguage } from "../knowledge/detect-language";
import { lockUntilCommit } from "../db/advisory-lock.server";
import { recordActivity } from "../conversations/activity.server";
import { MAX_TAGS, normaliseTags } from "../conversations/state.server";
import { CLEARED_SLA_TIMERS } from "../sla/timers.server";
import { closeCycle, markHumanInvolved } from "../kpis/cycles.server";
import { logger } from "../lib/logger.server";
import { decideRouting, intentOf, isAvailable, pickMember, type RoutingFacts, type RuleForDecision } from "./decide";
import type { RoutingAction } from "./rule-schema";
import { personCandidate, teamCandidates } from "./members.server";
import { enqueueRoutingSavedReply } from "./saved-reply.server";

const log = logger.child({ module: "routing" });

export interface RoutingInput {
  shopId: string;
  conversationId: string;
  channel: Channel;
  /** The customer message that opened the conversation. */
  text: string;
  at: Date;
}

export interface RoutingOutcome {
  ruleId: string;
  assigneeId: string | null;
  teamId: string | null;
  priorityChanged: boolean;
  markedSpam: boolean;
  savedReplyActivityId: string | null;
}

const LANGUAGES = new Set(["en", "es", "fr"]);

interface FactsRow {
  handoffReason: string | null;
  tags: string[];
  priority: string;
  customerId: string;
  shopId: string;
  locale: string | null;
  totalSpent: number;
  ordersCount: number;
  latestOrderValue: number | null;
  settings: unknown;
  ianaTimezone: string;
}

/**
 * The facts a rule is judged on, in one round trip (conversation, customer, latest order, shop);
 * `needsTags` reads the customer's other conversations' tags only when a rule asks for tags.
 */
export async function routingFacts(
  tx: Pick<Tx, "conversation" | "$queryRaw">,
  input: { conversationId: string; channel: string; text: string; at: Date },
  needsTags: boolean,
) {
  const [c] = await tx.$queryRaw<FactsRow[]>(Prisma.sql`
    SELECT c."handoffReason", c.tags, c.priority::text AS priority, c."customerId", c."shopId",
           cu.locale, cu."totalSpent"::float8 AS "totalSpent", cu."ordersCount",
           (SELECT o."totalPrice"::float8 FROM "Order" o WHERE o."customerId" = cu.id
             ORDER BY o."processedAt" DESC NULLS LAST, o."createdAt" DESC LIMIT 1) AS "latestOrderValue",
           s.settings, s."ianaTimezone"
      FROM "Conversation" c
      JOIN "Customer" cu ON cu.id = c."customerId"
      JOIN "Shop" s ON s.id = c."shopId"
     WHERE c.id = ${input.conversationId}`);
  if (!c) return null;
  const tags = needsTags
    ? (
        await tx.conversation.findMany({
          where: { shopId: c.shopId, customerId: c.customerId },
          select: { tags: true },
          take: 200,
        })
      ).flatMap((r) => r.tags)
    : c.tags;
  const locale = (c.locale ?? "").slice(0, 2).toLowerCase();
  const { intent, handoffReason } = intentOf(input.text);
  const facts: RoutingFacts = {
    channel: input.channel,
    language: LANGUAGES.has(locale) ? locale : detectLanguage(input.text),
    intent,
    handoffReason: handoffReason ?? c.handoffReason,
    text: input.text,
    customerTags: tags,
    lifetimeValue: Number(c.totalSpent),
    latestOrderValue: c.latestOrderValue === null ? null : Number(c.latestOrderValue),
    ordersCount: c.ordersCount,
    withinBusinessHours: isOpen(calendarFor({ settings: c.settings, ianaTimezone: c.ianaTimezone }), input.at),
  };
  return { facts, conversation: { tags: c.tags, priority: c.priority } };
}

/** Enabled rules in position order: what decideRouting reads. */
export function loadRules(tx: Pick<Tx, "routingRule">, shopId: string): Promise<RuleForDecision[]> {
  return tx.routingRule.findMany({
    where: { shopId, enabled: true },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { id: true, name: true, enabled: true, conditions: true, actions: true },
  });
}

const asksForTags = (rules: RuleForDecision[]) =>
  rules.some((r) => Array.isArray(r.conditions) && r.conditions.some((c) => c?.field === "customer_tags"));

export async function routeConversation(tx: Tx, input: RoutingInput): Promise<RoutingOutcome | null> {
  const rules = await loadRules(tx, input.shopId);
  if (rules.length === 0) return null;
  const loaded = await routingFacts(tx, input, asksForTags(rules));
  if (!loaded) return null;
  const decision = decideRouting(rules, loaded.facts);
  if (!decision) return null;
  const { conversation } = loaded;
  const rule = { id: decision.ruleId, name: decision.ruleName };
  const data: Prisma.ConversationUpdateInput = { routedByRuleId: rule.id };
  const detail: Record<string, Prisma.InputJsonValue | null> = { ruleName: rule.name };
  const outcome: RoutingOutcome = {
    ruleId: rule.id,
    assigneeId: null,
    teamId: null,
    priorityChanged: false,
    markedSpam: false,
    savedReplyActivityId: null,
  };
  let tags = conversation.tags;
  let savedReplyId: string | null = null;

  for (const action of decision.actions) await apply(action);

  async function apply(action: RoutingAction) {
    switch (action.type) {
      case "assign_team": {
        // Two conversations routed at once must not both take a member's last free slot.
        await lockUntilCommit(tx, `routing-team:${action.teamId}`);
        // Members are read scoped to the shop's team; the team itself only needs checking when nobody came back.
        const member = pickMember(await teamCandidates(tx, input.shopId, action.teamId), action.strategy);
        const team = member
          ? { id: action.teamId }
          : await tx.team.findFirst({ where: { shopId: input.shopId, id: action.teamId }, select: { id: true } });
        if (!team) {
          detail.skipped = "team_not_found";
          return;
        }
        data.teamId = team.id;
        outcome.teamId = team.id;
        detail.teamId = team.id;
        detail.strategy = action.strategy;
        if (member) await assignTo(member);
        else queue("no_member_available");
        return;
      }
      case "assign_person": {
        const member = await personCandidate(tx, input.shopId, action.staffMemberId);
        if (member) await lockUntilCommit(tx, `routing-member:${member.id}`);
        if (member && isAvailable(member)) await assignTo(member);
        else queue(member ? "person_unavailable" : "person_not_found");
        return;
      }
      case "set_priority":
        if (action.priority !== conversation.priority) {
          data.priority = action.priority as ConversationPriority;
          outcome.priorityChanged = true;
        }
        detail.priority = action.priority;
        return;
      case "add_tags":
        tags = mergeTags(tags, action.tags);
        data.tags = tags;
        detail.tags = action.tags;
        return;
      case "send_saved_reply": {
        const reply = await tx.savedReply.findFirst({
          where: { shopId: input.shopId, id: action.savedReplyId },
          select: { id: true },
        });
        if (reply) savedReplyId = reply.id;
        else detail.skipped = "saved_reply_not_found";
        return;
      }
      case "mark_spam":
        tags = mergeTags(tags, ["spam"]);
        Object.assign(data, {
          tags,
          status: "RESOLVED",
          openCustomerId: null,
          snoozedUntil: null,
          resolvedAt: input.at,
          lastResolvedAt: input.at,
          markedSpamAt: input.at,
          waitingForPersonSince: null,
          handoffReason: null,
          ...CLEARED_SLA_TIMERS,
        } satisfies Prisma.ConversationUpdateInput);
        outcome.markedSpam = true;
        return;
    }
  }

  /** Nobody can take it: no assignee (a reopened conversation's earlier one included), so it waits in the Queue. */
  function queue(reason: string) {
    Object.assign(data, {
      assigneeId: null,
      assigneeName: null,
      assignedAt: null,
    } satisfies Prisma.ConversationUpdateInput);
    detail.queued = reason;
  }

  async function assignTo(member: { id: string; userId: string; name: string }) {
    Object.assign(data, {
      assigneeId: member.userId,
      assigneeName: member.name,
      assignedAt: input.at,
      escalatedAt: null,
      waitingForPersonSince: null,
    } satisfies Prisma.ConversationUpdateInput);
    outcome.assigneeId = member.userId;
    detail.assigneeId = member.userId;
    detail.assigneeName = member.name;
    await tx.staffMember.update({ where: { id: member.id }, data: { lastAssignedAt: input.at } });
  }

  await tx.conversation.update({ where: { id: input.conversationId }, data });
  if (outcome.assigneeId) await markHumanInvolved(tx, input.conversationId);
  if (outcome.markedSpam)
    await closeCycle(
      tx,
      { id: input.conversationId, shopId: input.shopId, teamId: outcome.teamId, assigneeId: null },
      input.at,
    );
  if (savedReplyId) detail.savedReply = { id: savedReplyId, state: "PENDING" };
  const activity = await tx.conversationActivity.create({
    data: {
      shopId: input.shopId,
      conversationId: input.conversationId,
      kind: "routed",
      actorType: "RULE",
      actorId: rule.id,
      actorName: rule.name,
      detail: { ...detail, actions: decision.actions.map((a) => a.type) } as Prisma.InputJsonObject,
      createdAt: input.at,
    },
    select: { id: true },
  });
  if (outcome.markedSpam)
    await recordActivity(tx, {
      shopId: input.shopId,
      conversationId: input.conversationId,
      kind: "marked_spam",
      actor: { type: "RULE", ...rule },
      at: input.at,
    });
  await tx.routingRule.update({
    where: { id: rule.id },
    data: { matchCount: { increment: 1 }, lastMatchedAt: input.at },
  });
  if (savedReplyId) {
    outcome.savedReplyActivityId = activity.id;
    // Delayed past this transaction's commit; the routing sweep re-enqueues it if Redis loses it.
    await enqueueRoutingSavedReply(activity.id);
  }
  log.info({ shopId: input.shopId, conversationId: input.conversationId, ...outcome }, "conversation routed");
  return outcome;
}

function mergeTags(current: readonly string[], added: readonly string[]): string[] {
  try {
    return normaliseTags([...current, ...added]);
  } catch {
    // Over the tag limits: keep what fits rather than drop the routing.
    return normaliseTags(
      [...current, ...added].map((t) => String(t).trim().toLowerCase().slice(0, 40)).slice(0, MAX_TAGS),
    );
  }
}
