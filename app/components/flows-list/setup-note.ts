// What a flow still needs from the merchant before it can reach anyone, in words for its card.
import type { FlowKind } from "../../generated/prisma/enums";

const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;

/** A sentence for the card, or null when nothing is missing. */
export function setupNote(kind: FlowKind, settings: unknown): string | null {
  const s = (settings && typeof settings === "object" ? settings : {}) as Record<string, unknown>;
  if (kind === "LOCATION_PROMOTION" && !nonEmpty(s.countries) && !nonEmpty(s.regions) && !s.near) {
    return "No countries, regions or area chosen yet: edit the flow to choose who gets this promotion.";
  }
  return null;
}
