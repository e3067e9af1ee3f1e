// Assigning a conversation from the inbox: to a person of the shop's staff (by user id) or to a
// team (Conversation.teamId), with the activity line naming who did it.
import { recordActivity } from "../conversations/activity.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { Conversation } from "../generated/prisma/client";
import type { StaffRef } from "../conversations/state.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/**
 * The assignee a form names: "me" is the signed-in staff member, "" nobody, anything else a staff
 * member's user id of this shop. undefined: no such staff member here.
 */
export async function assigneeFor(shopId: string, raw: string, me: StaffRef): Promise<StaffRef | null | undefined> {
  const value = raw.trim();
  if (value === "" || value === "none") return null;
  if (value === "me" || value === me.id) return me;
  if (value.length > 64) return undefined;
  const member = await db().staffMember.findUnique({
    where: { shopId_userId: { shopId, userId: value } },
    select: { userId: true, name: true },
  });
  return member ? { id: member.userId, name: member.name } : undefined;
}

/** Sets (or clears) the conversation's team; another shop's team or conversation answers 404. */
export async function assignConversationTeam(
  shopId: string,
  conversationId: string,
  teamId: string | null,
  actor: StaffRef,
): Promise<Conversation> {
  return inRetryingTransaction(async (tx) => {
    const conversation = await tx.conversation.findFirst({ where: { id: conversationId, shopId } });
    if (!conversation) notFound();
    const team = teamId
      ? await tx.team.findFirst({ where: { id: teamId, shopId }, select: { id: true, name: true } })
      : null;
    if (teamId && !team) notFound();
    if ((team?.id ?? null) === conversation.teamId) return conversation;
    await recordActivity(tx, {
      shopId,
      conversationId: conversation.id,
      kind: "team_changed",
      actor: { type: "STAFF", id: actor.id, name: actor.name },
      detail: { teamId: team?.id ?? null, teamName: team?.name ?? null, previousTeamId: conversation.teamId },
    });
    return tx.conversation.update({ where: { id: conversation.id }, data: { teamId: team?.id ?? null } });
  });
}
