// Suggested articles mined from a conversation when staff resolve it (decision 0036). The cycle
// just ending (messages since the previous Conversation.lastResolvedAt) is read for customer
// questions that got no automatic answer, or were handed off as low_confidence, and that a person
// then answered. Each such pair becomes one DRAFT article (source SUGGESTED, sourceRef
// conversation:<conversationId>:<inboundMessageId>, tag "suggested"), scrubbed of personal data,
// unless the knowledge base already answers the question confidently or a person must always
// answer it (mandatory hand-off topics, the merchant's own topics, order tracking, instructions
// aimed at the assistant). Drafts are never used until the merchant approves them.
//
// The reading and retrieval happen before the resolve's transaction; the drafts are inserted in
// it (state.server.ts), so a resolve and its suggestions commit together or not at all.
import type { CountryCode } from "libphonenumber-js";
import { db } from "../db/client.server";
import type { AutoAnswerState } from "../generated/prisma/client";
import { logger } from "../lib/logger.server";
import { parseAnswerSettings } from "./answer-settings";
import type { SyncedArticle } from "./articles.server";
import { bestCandidate } from "./decide-answer.server";
import { detectLanguage } from "./detect-language";
import { detectMandatoryHandoff, detectMerchantTopic } from "./handoff-detectors";
import { detectOrderTracking, detectPromptInjection } from "./intent-detectors";
import { MAX_ARTICLE_ANSWER, MAX_ARTICLE_TITLE } from "./limits";
import { questionOf } from "./question-detector";
import { scrubAnswer, scrubPersonalData, type ScrubOptions } from "./scrub-personal-data";

export const SUGGESTED_TAGS = ["suggested"];
/** A cycle longer than this is read from its newest messages: older ones are rarely still relevant. */
const MAX_CYCLE_MESSAGES = 500;

export function suggestionRef(conversationId: string, inboundMessageId: string): string {
  return `conversation:${conversationId}:${inboundMessageId}`;
}

interface CycleMessage {
  id: string;
  direction: "INBOUND" | "OUTBOUND";
  author: string;
  automatic: boolean;
  body: string;
  autoAnswer: { state: AutoAnswerState; outcome: string | null } | null;
}

export interface MinedPair {
  inboundMessageId: string;
  question: string;
  answer: string;
}

/** A question the assistant did not answer: no row (answers off), not decided, skipped, or unsure. */
function assistantDidNotAnswer(row: CycleMessage["autoAnswer"]): boolean {
  if (!row) return true;
  if (row.state === "ANSWERED") return false;
  if (row.state === "HANDED_OFF") return row.outcome === "low_confidence";
  return true;
}

/**
 * Pure: the cycle's messages (oldest first) → question/answer pairs. A person's reply answers the
 * latest customer question before it; consecutive staff replies are one answer; automatic and
 * flow messages in between are ignored. One reply gives at most one pair.
 */
export function pairQuestionsWithReplies(messages: readonly CycleMessage[]): MinedPair[] {
  const pairs: (MinedPair & { open: boolean })[] = [];
  let pending: { id: string; question: string } | null = null;
  for (const m of messages) {
    if (m.direction === "INBOUND" && m.author === "CUSTOMER") {
      const last = pairs[pairs.length - 1];
      if (last) last.open = false;
      const question = questionOf(m.body);
      if (question) pending = assistantDidNotAnswer(m.autoAnswer) ? { id: m.id, question } : null;
      continue;
    }
    if (m.direction !== "OUTBOUND" || m.author !== "STAFF" || m.automatic) continue;
    const last = pairs[pairs.length - 1];
    if (pending) {
      pairs.push({ inboundMessageId: pending.id, question: pending.question, answer: m.body.trim(), open: true });
      pending = null;
    } else if (last?.open) {
      last.answer = `${last.answer}\n\n${m.body.trim()}`;
    }
  }
  return pairs.map(({ inboundMessageId, question, answer }) => ({ inboundMessageId, question, answer }));
}

export interface ResolveSuggestions {
  /** The lastResolvedAt the cycle was read from: the resolve inserts only if it is still the same. */
  cycleStart: Date | null;
  drafts: SyncedArticle[];
}

/** Reads the cycle that resolving now would end and works out its drafts (nothing is written). */
export async function suggestionsForResolve(
  shopId: string,
  conversationId: string,
  cycleEnd: Date,
): Promise<ResolveSuggestions | null> {
  const conversation = await db().conversation.findFirst({
    where: { id: conversationId, shopId },
    select: {
      status: true,
      lastResolvedAt: true,
      customer: { select: { firstName: true, lastName: true, countryCode: true } },
      shop: { select: { settings: true } },
    },
  });
  if (!conversation || conversation.status === "RESOLVED") return null;
  const cycleStart = conversation.lastResolvedAt;
  const newestFirst = await db().message.findMany({
    where: {
      shopId,
      conversationId,
      internal: false,
      createdAt: { lte: cycleEnd, ...(cycleStart ? { gt: cycleStart } : {}) },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAX_CYCLE_MESSAGES,
    select: {
      id: true,
      direction: true,
      author: true,
      automatic: true,
      body: true,
      autoAnswer: { select: { state: true, outcome: true } },
    },
  });
  const pairs = pairQuestionsWithReplies(newestFirst.reverse());
  if (!pairs.length) return { cycleStart, drafts: [] };

  const settings = parseAnswerSettings(conversation.shop.settings);
  const customer = conversation.customer;
  const scrub: ScrubOptions = {
    names: [customer.firstName, customer.lastName].filter((n): n is string => !!n),
    defaultCountry: (customer.countryCode as CountryCode | null) ?? undefined,
  };
  const drafts: SyncedArticle[] = [];
  for (const pair of pairs) {
    const q = pair.question;
    if (detectMandatoryHandoff(q) || detectMerchantTopic(q, settings.handoffTopics)) continue;
    if (detectOrderTracking(q) || detectPromptInjection(q)) continue;
    const locale = detectLanguage(q);
    const best = await bestCandidate(shopId, locale, q, settings.confidenceThreshold);
    if (best && best.confidence >= settings.confidenceThreshold) continue;
    const title = scrubPersonalData(q, scrub).slice(0, MAX_ARTICLE_TITLE).trim();
    const answer = scrubAnswer(pair.answer, scrub).slice(0, MAX_ARTICLE_ANSWER).trim();
    if (!title || !answer) continue;
    drafts.push({
      title,
      answer,
      tags: SUGGESTED_TAGS,
      locale,
      sourceRef: suggestionRef(conversationId, pair.inboundMessageId),
    });
  }
  return { cycleStart, drafts };
}

/** Mining never stands in the way of resolving: a failure is logged and the resolve goes on. */
export async function suggestionsForResolveSafely(
  shopId: string,
  conversationId: string,
  cycleEnd: Date,
): Promise<ResolveSuggestions | null> {
  try {
    return await suggestionsForResolve(shopId, conversationId, cycleEnd);
  } catch (error) {
    logger.warn(
      { shopId, conversationId, err: error instanceof Error ? error.message : String(error) },
      "could not mine suggested articles from the conversation",
    );
    return null;
  }
}
