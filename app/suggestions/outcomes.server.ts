// What staff did with a suggestion: sent it (unchanged: ACCEPTED, changed: EDITED) or dismissed it.
// Every lookup is scoped to the shop and to the customer the reply goes to, so another shop's
// suggestion id answers 404. Only a suggestion still SHOWN changes: a double submit or a second
// tab cannot count one suggestion twice.
import { db } from "../db/client.server";
import type { SuggestionSurface } from "./contracts";
import { outcomeOfSent } from "./sent-outcome";

const notFound = () => new Response("Not found", { status: 404 });

/** The suggestion, when it belongs to this shop and to this customer's conversations; else a 404. */
export async function requireSuggestion(shopId: string, customerId: string, suggestionId: string) {
  const row = await db().replySuggestion.findFirst({
    where: { id: suggestionId, shopId, conversation: { customerId } },
    select: { id: true, conversationId: true, text: true, outcome: true },
  });
  if (!row) throw notFound();
  return row;
}

/** Called after a reply carrying the suggestion's id was claimed: ACCEPTED or EDITED by the sent body. */
export async function recordSentSuggestion(input: {
  shopId: string;
  suggestionId: string;
  sentMessageId: string;
  staffUserId: string;
  surface: SuggestionSurface;
}): Promise<void> {
  const [suggestion, message] = await Promise.all([
    db().replySuggestion.findFirst({ where: { id: input.suggestionId, shopId: input.shopId }, select: { text: true } }),
    db().message.findFirst({ where: { id: input.sentMessageId, shopId: input.shopId }, select: { body: true } }),
  ]);
  if (!suggestion || !message) return;
  await db().replySuggestion.updateMany({
    where: { id: input.suggestionId, shopId: input.shopId, outcome: "SHOWN" },
    data: {
      outcome: outcomeOfSent(suggestion.text, message.body),
      sentMessageId: input.sentMessageId,
      staffUserId: input.staffUserId,
      surface: input.surface,
      decidedAt: new Date(),
    },
  });
}

export type DismissResult = { ok: true } | { ok: false; status: 409; error: string };

/** Dismiss: 404 for an id outside the shop (or, with conversationId, outside that conversation). */
export async function dismissSuggestion(input: {
  shopId: string;
  suggestionId: string;
  conversationId?: string;
  staffUserId: string;
  surface: SuggestionSurface;
}): Promise<DismissResult> {
  const row = await db().replySuggestion.findFirst({
    where: {
      id: input.suggestionId,
      shopId: input.shopId,
      ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    },
    select: { outcome: true },
  });
  if (!row) throw notFound();
  if (row.outcome === "DISMISSED") return { ok: true };
  const updated = await db().replySuggestion.updateMany({
    where: { id: input.suggestionId, shopId: input.shopId, outcome: "SHOWN" },
    data: { outcome: "DISMISSED", staffUserId: input.staffUserId, surface: input.surface, decidedAt: new Date() },
  });
  if (updated.count === 0) {
    const now = await db().replySuggestion.findFirst({ where: { id: input.suggestionId }, select: { outcome: true } });
    if (now?.outcome !== "DISMISSED") return { ok: false, status: 409, error: "This suggestion was already sent." };
  }
  return { ok: true };
}
