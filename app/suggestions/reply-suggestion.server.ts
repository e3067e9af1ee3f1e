// The suggestion a staff reply was started from, on both surfaces: checked before the send (an id
// from another shop or another customer answers 404 and nothing is sent), counted after it.
import { z } from "zod";
import type { SuggestionSurface } from "./contracts";
import { recordSentSuggestion, requireSuggestion } from "./outcomes.server";

export const suggestionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "suggestionId: 1-64 letters, digits, dashes or underscores");

/** Runs the send; when it succeeded and carried a suggestion, records ACCEPTED or EDITED. */
export async function sendCountingSuggestion<R extends { ok: boolean }>(input: {
  shopId: string;
  customerId: string;
  suggestionId: string | null;
  staffUserId: string;
  surface: SuggestionSurface;
  send: () => Promise<R>;
  sentMessageId: (result: R) => string | null;
}): Promise<R> {
  if (input.suggestionId) await requireSuggestion(input.shopId, input.customerId, input.suggestionId);
  const result = await input.send();
  const sentMessageId = result.ok ? input.sentMessageId(result) : null;
  if (input.suggestionId && sentMessageId) {
    await recordSentSuggestion({
      shopId: input.shopId,
      suggestionId: input.suggestionId,
      sentMessageId,
      staffUserId: input.staffUserId,
      surface: input.surface,
    });
  }
  return result;
}
