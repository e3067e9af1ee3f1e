// Who the inbox's assign control offers: the shop's staff members (by user id, the value
// Conversation.assigneeId holds) with availability and load, and its teams.
import { db } from "../db/client.server";
import { listStaffMembers } from "./members.server";

export interface Assignable {
  members: Array<{ userId: string; name: string; availability: string; openAssigned: number; capacity: number | null }>;
  teams: Array<{ id: string; name: string }>;
}

export async function assignableStaff(shopId: string): Promise<Assignable> {
  const [members, teams] = await Promise.all([
    listStaffMembers(shopId),
    db().team.findMany({
      where: { shopId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true },
    }),
  ]);
  return {
    members: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      availability: m.availability,
      openAssigned: m.openAssigned,
      capacity: m.capacity,
    })),
    teams,
  };
}
