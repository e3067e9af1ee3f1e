// Replies that automation sends through the staff reply path (Shopify Flow's "send saved reply"
// action, a routing rule's saved reply) carry a staff id of their own. They are not a person
// answering: they stop no response SLA, are no first response in the KPIs and do not keep a
// conversation from being reassigned. Replies from before staff ids existed (null) were people's.
import { Prisma } from "../generated/prisma/client";

export const FLOW_STAFF_ID = "shopify-flow";
export const RULE_STAFF_PREFIX = "rule:";

export function isAutomationStaffId(staffUserId: string | null | undefined): boolean {
  return staffUserId === FLOW_STAFF_ID || (staffUserId ?? "").startsWith(RULE_STAFF_PREFIX);
}

/** Prisma filter for a message a person wrote to the customer: not a note, the assistant or automation. */
export const PERSON_REPLY_WHERE = {
  direction: "OUTBOUND",
  author: "STAFF",
  automatic: false,
  internal: false,
  OR: [
    { staffUserId: null },
    { AND: [{ NOT: { staffUserId: FLOW_STAFF_ID } }, { NOT: { staffUserId: { startsWith: RULE_STAFF_PREFIX } } }] },
  ],
} satisfies Prisma.MessageWhereInput;

/** The same in SQL, for a Message aliased `m`. */
export const PERSON_REPLY_SQL = Prisma.sql`m.direction = 'OUTBOUND' AND m.author = 'STAFF' AND m.internal = false
  AND m.automatic = false
  AND (m."staffUserId" IS NULL OR (m."staffUserId" <> ${FLOW_STAFF_ID} AND m."staffUserId" NOT LIKE ${RULE_STAFF_PREFIX + "%"}))`;
