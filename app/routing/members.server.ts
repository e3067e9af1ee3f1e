// Staff members routing may give a conversation, with their current load (conversations assigned
// to them that are not resolved), in two queries whatever the team's size. A team's members come
// from app/staff/ (availableMembers: ONLINE and under capacity), the one definition of "available".
import type { Tx } from "../commerce/transaction.server";
import { availableMembers } from "../staff/members.server";
import type { MemberCandidate } from "./decide";

type Client = Pick<Tx, "staffMember" | "conversation">;

async function withLoad(
  tx: Client,
  shopId: string,
  members: Omit<MemberCandidate, "openCount">[],
): Promise<MemberCandidate[]> {
  if (members.length === 0) return [];
  const counts = await tx.conversation.groupBy({
    by: ["assigneeId"],
    where: { shopId, status: { not: "RESOLVED" }, assigneeId: { in: members.map((m) => m.userId) } },
    _count: { _all: true },
  });
  const load = new Map(counts.map((c) => [c.assigneeId, c._count._all]));
  return members.map((m) => ({ ...m, openCount: load.get(m.userId) ?? 0 }));
}

const memberSelect = {
  id: true,
  userId: true,
  name: true,
  availability: true,
  capacity: true,
  lastAssignedAt: true,
} as const;

/** The team's members who can take a conversation now, with their load. */
export async function teamCandidates(tx: Client, shopId: string, teamId: string): Promise<MemberCandidate[]> {
  const members = await availableMembers(tx, shopId, teamId);
  return members.map((m) => ({
    id: m.id,
    userId: m.userId,
    name: m.name,
    availability: "ONLINE",
    capacity: m.capacity,
    openCount: m.openAssigned,
    lastAssignedAt: m.lastAssignedAt,
  }));
}

/** One staff member of the shop by id, with their load; null when not the shop's. */
export async function personCandidate(
  tx: Client,
  shopId: string,
  staffMemberId: string,
): Promise<MemberCandidate | null> {
  const member = await tx.staffMember.findFirst({ where: { shopId, id: staffMemberId }, select: memberSelect });
  return member ? ((await withLoad(tx, shopId, [member]))[0] ?? null) : null;
}

/** A staff member of the shop by their user id (the lead of a team), with their load. */
export async function userCandidate(tx: Client, shopId: string, userId: string): Promise<MemberCandidate | null> {
  const member = await tx.staffMember.findFirst({ where: { shopId, userId }, select: memberSelect });
  return member ? ((await withLoad(tx, shopId, [member]))[0] ?? null) : null;
}
