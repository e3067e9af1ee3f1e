// Teams of a shop: a name (unique in the shop), members (StaffMember rows of the same shop) and a
// lead (Team.leadUserId, a member's user id) whom escalations go to. Another shop's team or member
// ids answer 404.
import { inRetryingTransaction, isUniqueViolation, type Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";

export class TeamError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "TeamError";
  }
}

export interface TeamView {
  id: string;
  name: string;
  leadUserId: string | null;
  /** StaffMember ids, by name. */
  memberIds: string[];
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function listTeams(shopId: string): Promise<TeamView[]> {
  const teams = await db().team.findMany({
    where: { shopId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: { members: { include: { staffMember: { select: { name: true } } } } },
  });
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    leadUserId: t.leadUserId,
    memberIds: [...t.members]
      .sort((a, b) => a.staffMember.name.localeCompare(b.staffMember.name))
      .map((m) => m.staffMemberId),
  }));
}

async function requireTeam(tx: Tx, shopId: string, teamId: string) {
  const team = await tx.team.findFirst({ where: { id: teamId, shopId } });
  if (!team) notFound();
  return team;
}

async function requireMember(tx: Tx, shopId: string, memberId: string) {
  const member = await tx.staffMember.findFirst({ where: { id: memberId, shopId } });
  if (!member) notFound();
  return member;
}

function duplicateName(name: string): TeamError {
  return new TeamError(`A team named "${name}" already exists.`, "name");
}

export async function createTeam(shopId: string, name: string): Promise<string> {
  try {
    const team = await db().team.create({ data: { shopId, name }, select: { id: true } });
    return team.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

export async function renameTeam(shopId: string, teamId: string, name: string): Promise<void> {
  try {
    await inRetryingTransaction(async (tx) => {
      await requireTeam(tx, shopId, teamId);
      await tx.team.update({ where: { id: teamId }, data: { name } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}

/** Conversations of the team keep their assignee and lose the team. */
export async function deleteTeam(shopId: string, teamId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await requireTeam(tx, shopId, teamId);
    await tx.conversation.updateMany({ where: { shopId, teamId }, data: { teamId: null } });
    await tx.team.delete({ where: { id: teamId } });
  });
}

export async function addTeamMember(shopId: string, teamId: string, memberId: string): Promise<void> {
  await inRetryingTransaction(async (tx) => {
    await requireTeam(tx, shopId, teamId);
    await requireMember(tx, shopId, memberId);
    await tx.teamMember.upsert({
      where: { teamId_staffMemberId: { teamId, staffMemberId: memberId } },
      create: { teamId, staffMemberId: memberId },
      update: {},
    });
  });
}

/** Removing the lead leaves the team without one. */
export async function removeTeamMember(shopId: string, teamId: string, memberId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const team = await requireTeam(tx, shopId, teamId);
    const member = await requireMember(tx, shopId, memberId);
    await tx.teamMember.deleteMany({ where: { teamId, staffMemberId: memberId } });
    if (team.leadUserId === member.userId) await tx.team.update({ where: { id: teamId }, data: { leadUserId: null } });
  });
}

/** The lead must be a member of the team; null clears it. */
export async function setTeamLead(shopId: string, teamId: string, memberId: string | null): Promise<void> {
  await db().$transaction(async (tx) => {
    await requireTeam(tx, shopId, teamId);
    if (!memberId) {
      await tx.team.update({ where: { id: teamId }, data: { leadUserId: null } });
      return;
    }
    const member = await requireMember(tx, shopId, memberId);
    const inTeam = await tx.teamMember.findUnique({
      where: { teamId_staffMemberId: { teamId, staffMemberId: memberId } },
    });
    if (!inTeam) throw new TeamError(`${member.name} is not a member of this team: add them first.`, "memberId");
    await tx.team.update({ where: { id: teamId }, data: { leadUserId: member.userId } });
  });
}
