// What the team page (/app/settings/team) can do, one form `intent` each, validated with zod.
// Every id is checked against the signed-in shop (404 otherwise); availability is always the
// signed-in person's own.
import { z } from "zod";
import { setCapacity, setOwnAvailability } from "./members.server";
import {
  addTeamMember,
  createTeam,
  deleteTeam,
  removeTeamMember,
  renameTeam,
  setTeamLead,
  TeamError,
} from "./teams.server";

export const MAX_CAPACITY = 500;
export const MAX_TEAM_NAME = 60;

export type TeamIntentResult =
  { ok: true; intent: string } | { ok: false; intent: string; error: string; field?: string };

const id = z.string().trim().min(1).max(64);
const teamName = z
  .string()
  .trim()
  .min(1, "Give the team a name.")
  .max(MAX_TEAM_NAME, `A team name can be at most ${MAX_TEAM_NAME} characters.`);
// "" means no limit.
const capacity = z
  .string()
  .trim()
  .refine((s) => s === "" || /^\d+$/.test(s), "Capacity is a whole number of conversations, or empty for no limit.")
  .transform((s) => (s === "" ? null : Number(s)))
  .refine((n) => n === null || n <= MAX_CAPACITY, `Capacity can be at most ${MAX_CAPACITY} conversations.`);

const SCHEMAS = {
  capacity: z.object({ memberId: id, capacity }),
  availability: z.object({
    availability: z.enum(["ONLINE", "AWAY"], { message: "Availability is Online or Away." }),
  }),
  "create-team": z.object({ name: teamName }),
  "rename-team": z.object({ teamId: id, name: teamName }),
  "delete-team": z.object({ teamId: id }),
  "add-member": z.object({ teamId: id, memberId: id }),
  "remove-member": z.object({ teamId: id, memberId: id }),
  "set-lead": z.object({ teamId: id, memberId: z.string().trim().max(64) }),
} as const;

type Intent = keyof typeof SCHEMAS;

export async function runTeamIntent(input: {
  shopId: string;
  userId: string;
  form: FormData;
}): Promise<TeamIntentResult> {
  const intent = String(input.form.get("intent") ?? "");
  if (!(intent in SCHEMAS)) return { ok: false, intent, error: "Unknown action." };
  const fields = Object.fromEntries(
    [...input.form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, v as string]),
  );
  const parsed = SCHEMAS[intent as Intent].safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "");
    const error = issue.code === "invalid_type" ? `Missing ${field}.` : issue.message;
    return { ok: false, intent, error, field };
  }
  const data = parsed.data as Record<string, string | number | null>;
  const { shopId } = input;
  const str = (k: string) => String(data[k] ?? "");
  try {
    switch (intent as Intent) {
      case "capacity":
        await setCapacity(shopId, str("memberId"), data.capacity as number | null);
        break;
      case "availability":
        await setOwnAvailability(shopId, input.userId, str("availability") as "ONLINE" | "AWAY");
        break;
      case "create-team":
        await createTeam(shopId, str("name"));
        break;
      case "rename-team":
        await renameTeam(shopId, str("teamId"), str("name"));
        break;
      case "delete-team":
        await deleteTeam(shopId, str("teamId"));
        break;
      case "add-member":
        await addTeamMember(shopId, str("teamId"), str("memberId"));
        break;
      case "remove-member":
        await removeTeamMember(shopId, str("teamId"), str("memberId"));
        break;
      case "set-lead":
        await setTeamLead(shopId, str("teamId"), str("memberId") || null);
        break;
    }
    return { ok: true, intent };
  } catch (error) {
    if (error instanceof TeamError) return { ok: false, intent, error: error.message, field: error.field };
    throw error;
  }
}
