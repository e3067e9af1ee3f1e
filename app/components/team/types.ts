// What the team page's loader hands the components (serialised StaffMemberView / TeamView).
export interface MemberRow {
  id: string;
  userId: string;
  name: string;
  email: string | null;
  availability: "ONLINE" | "AWAY";
  capacity: number | null;
  openAssigned: number;
  lastSeenAt: string | null;
  teamIds: string[];
}

export interface TeamRow {
  id: string;
  name: string;
  leadUserId: string | null;
  memberIds: string[];
}

export type TeamActionResult =
  { ok: true; intent: string } | { ok: false; intent: string; error: string; field?: string };

export const TEAM_ACTION = "/app/settings/team";
