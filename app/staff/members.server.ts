// Staff members of a shop as the team page shows them, their capacity and availability, and who is
// free to take a conversation now (availableMembers, used by routing). "Open assigned" counts the
// conversations assigned to the member (Conversation.assigneeId = their user id) that are not
// RESOLVED: OPEN, PENDING or SNOOZED.
import type { Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { StaffAvailability } from "../generated/prisma/enums";

export const NOT_RESOLVED = ["OPEN", "PENDING", "SNOOZED"] as const;

export interface StaffMemberView {
  id: string;
  userId: string;
  name: string;
  email: string | null;
  availability: StaffAvailability;
  /** At most this many open conversations assigned; null: no limit. */
  capacity: number | null;
  openAssigned: number;
  lastSeenAt: string | null;
  teamIds: string[];
}

export interface AvailableMember {
  id: string;
  userId: string;
  name: string;
  capacity: number | null;
  openAssigned: number;
  lastAssignedAt: Date | null;
}

type Reader = Pick<Tx, "conversation" | "staffMember">;

/** userId -> open assigned conversations, for the given user ids of one shop. */
export async function openAssignedCounts(tx: Reader, shopId: string, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.conversation.groupBy({
    by: ["assigneeId"],
    where: { shopId, assigneeId: { in: userIds }, status: { in: [...NOT_RESOLVED] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assigneeId ?? "", r._count._all]));
}

export async function listStaffMembers(shopId: string): Promise<StaffMemberView[]> {
  const members = await db().staffMember.findMany({
    where: { shopId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: { teams: { select: { teamId: true } } },
  });
  const counts = await openAssignedCounts(
    db(),
    shopId,
    members.map((m) => m.userId),
  );
  return members.map((m) => ({
    id: m.id,
    userId: m.userId,
    name: m.name,
    email: m.email,
    availability: m.availability,
    capacity: m.capacity,
    openAssigned: counts.get(m.userId) ?? 0,
    lastSeenAt: m.lastSeenAt?.toISOString() ?? null,
    teamIds: m.teams.map((t) => t.teamId),
  }));
}

/**
 * Members who can take a conversation now: ONLINE and under capacity (no capacity: no limit), of
 * the team when one is given (another shop's team gives nobody). Sorted by name for a stable order;
 * the caller picks round robin (lastAssignedAt) or least loaded (openAssigned).
 */
export async function availableMembers(tx: Reader, shopId: string, teamId: string | null): Promise<AvailableMember[]> {
  const members = await tx.staffMember.findMany({
    where: {
      shopId,
      availability: "ONLINE",
      ...(teamId ? { teams: { some: { teamId, team: { shopId } } } } : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, userId: true, name: true, capacity: true, lastAssignedAt: true },
  });
  const counts = await openAssignedCounts(
    tx,
    shopId,
    members.map((m) => m.userId),
  );
  return members
    .map((m) => ({ ...m, openAssigned: counts.get(m.userId) ?? 0 }))
    .filter((m) => m.capacity === null || m.openAssigned < m.capacity);
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function setCapacity(shopId: string, memberId: string, capacity: number | null): Promise<void> {
  const { count } = await db().staffMember.updateMany({ where: { id: memberId, shopId }, data: { capacity } });
  if (count === 0) notFound();
}

/** Each person sets their own availability: keyed by the signed-in user, never by a form's id. */
export async function setOwnAvailability(
  shopId: string,
  userId: string,
  availability: StaffAvailability,
): Promise<void> {
  const { count } = await db().staffMember.updateMany({ where: { shopId, userId }, data: { availability } });
  if (count === 0) notFound();
}

export async function availabilityOf(shopId: string, userId: string): Promise<StaffAvailability | null> {
  const row = await db().staffMember.findUnique({
    where: { shopId_userId: { shopId, userId } },
    select: { availability: true },
  });
  return row?.availability ?? null;
}
