// Who did what to a conversation (ConversationActivity): a staff member, a routing rule, the
// system (reassignment, escalation, SLA) or Shopify Flow. Written in the same transaction as the
// change it describes, so the record and the change land together or not at all.
import type { Tx } from "../commerce/transaction.server";
import type { Prisma } from "../generated/prisma/client";

export const ACTIVITY_KINDS = [
  "assigned",
  "unassigned",
  "team_changed",
  "status_changed",
  "priority_changed",
  "tags_changed",
  "routed",
  "reassigned",
  "escalated",
  "marked_spam",
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type ActivityActor =
  | { type: "STAFF"; id: string; name: string }
  | { type: "RULE"; id: string; name: string }
  | { type: "SYSTEM"; id?: null; name?: null }
  | { type: "FLOW"; id?: string | null; name?: string | null };

export async function recordActivity(
  tx: Tx,
  input: {
    shopId: string;
    conversationId: string;
    kind: ActivityKind;
    actor: ActivityActor;
    detail?: Prisma.InputJsonObject;
    at?: Date;
  },
): Promise<void> {
  await tx.conversationActivity.create({
    data: {
      shopId: input.shopId,
      conversationId: input.conversationId,
      kind: input.kind,
      actorType: input.actor.type,
      actorId: input.actor.id ?? null,
      actorName: input.actor.name ?? null,
      detail: input.detail ?? {},
      ...(input.at ? { createdAt: input.at } : {}),
    },
  });
}
