// Where order tracking stands in a conversation's current cycle, kept in Conversation.orderLookup.
// No personal data: no order number, email or postcode is stored, only what was asked, how many
// checks failed and, once verified, Shopify's order id. A state from an earlier cycle (before
// Conversation.lastResolvedAt) is ignored, so resolving starts over.
import { z } from "zod";
import type { KnowledgeLocale } from "../knowledge/contracts";

export const MAX_FAILED_CHECKS = 3;

const stateSchema = z.object({
  /** lastResolvedAt in ms when the state was written (0: never resolved). */
  cycle: z.number(),
  state: z.enum(["asked", "verified", "handed_off"]),
  askedAt: z.string().optional(),
  /** The message that was answered with the question: a retried job asks again, it does not hand off. */
  askedMessageId: z.string().optional(),
  failedChecks: z.number().int().min(0).default(0),
  /** gid://shopify/Order/… once a check matched. */
  verifiedOrderId: z.string().optional(),
  locale: z.enum(["en", "es", "fr"]).default("en"),
  /** The inbound message last counted as a failed check: a retried job does not count it twice. */
  lastFailedMessageId: z.string().optional(),
});

export type OrderLookupState = z.infer<typeof stateSchema>;

export const cycleKey = (cycleStart: Date | null): number => cycleStart?.getTime() ?? 0;

/** The state of this cycle, or null (none yet, an earlier cycle's, or unreadable). */
export function lookupStateOf(stored: unknown, cycleStart: Date | null): OrderLookupState | null {
  const parsed = stateSchema.safeParse(stored);
  if (!parsed.success || parsed.data.cycle !== cycleKey(cycleStart)) return null;
  return parsed.data;
}

export function askedState(
  cycleStart: Date | null,
  now: Date,
  locale: KnowledgeLocale,
  askedMessageId?: string,
): OrderLookupState {
  return {
    cycle: cycleKey(cycleStart),
    state: "asked",
    askedAt: now.toISOString(),
    ...(askedMessageId ? { askedMessageId } : {}),
    failedChecks: 0,
    locale,
  };
}

/** One more failed check for this message (idempotent per message). */
export function withFailedCheck(
  current: OrderLookupState | null,
  cycleStart: Date | null,
  inboundMessageId: string,
  locale: KnowledgeLocale,
): OrderLookupState {
  const base = current ?? { cycle: cycleKey(cycleStart), state: "asked" as const, failedChecks: 0, locale };
  if (base.lastFailedMessageId === inboundMessageId) return base;
  const failedChecks = base.failedChecks + 1;
  return {
    ...base,
    state: failedChecks >= MAX_FAILED_CHECKS ? "handed_off" : base.state === "verified" ? "verified" : "asked",
    failedChecks,
    lastFailedMessageId: inboundMessageId,
  };
}

export function verifiedState(
  current: OrderLookupState | null,
  cycleStart: Date | null,
  orderId: string,
  locale: KnowledgeLocale,
): OrderLookupState {
  return {
    ...(current ?? { cycle: cycleKey(cycleStart), failedChecks: 0 }),
    state: "verified",
    verifiedOrderId: orderId,
    locale,
  };
}
