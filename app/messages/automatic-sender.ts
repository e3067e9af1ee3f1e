// Who wrote an outbound message, as the rules for automatic messages need it (decision 0059):
// - Meta's HUMAN_AGENT tag is for a person's reply only; nothing automatic ever carries it.
// - RFC 3834's Auto-Submitted header on every automatic email, so the customer's auto-responder
//   (out of office, vacation) stays quiet and two robots never ping-pong: `auto-replied` for an
//   automatic answer to a customer's message (the assistant's answers and hand-off notices, a
//   routing rule's saved reply), `auto-generated` for what a process sends on its own (flows,
//   marketing included; satisfaction surveys; Shopify Flow's action). A person's reply has none.
import type { Message } from "../generated/prisma/client";
import { FLOW_STAFF_ID, RULE_STAFF_PREFIX } from "../staff/automation-authors";

type Author = Pick<Message, "author" | "automatic" | "staffUserId">;

/** A person wrote it: a staff reply that is neither the assistant's nor automation's. */
export function writtenByPerson(m: Author): boolean {
  if (m.author !== "STAFF" || m.automatic) return false;
  const staff = m.staffUserId ?? "";
  return staff !== FLOW_STAFF_ID && !staff.startsWith(RULE_STAFF_PREFIX);
}

export type AutoSubmitted = "auto-replied" | "auto-generated";

/** The Auto-Submitted value an outbound email carries, or null for a person's reply. */
export function autoSubmittedFor(m: Author & Pick<Message, "channel">): AutoSubmitted | null {
  if (m.channel !== "EMAIL" || writtenByPerson(m)) return null;
  if (m.automatic || (m.staffUserId ?? "").startsWith(RULE_STAFF_PREFIX)) return "auto-replied";
  return "auto-generated";
}
