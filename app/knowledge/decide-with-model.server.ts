// Step 5 of decideAnswer: the shop's optional language model, bounded so that it can only make
// the assistant more fluent or more careful, never less safe than retrieval alone:
//   - it is consulted only after the hand-off detectors, the injection check and order-tracking
//     detection (decideAnswer returns before this for all of those), so a mandatory hand-off
//     never reaches a model and a model can never override one;
//   - when retrieval would answer, answerWithModel writes the answer from the top retrieved
//     articles and this customer's own orders, in the customer's language. A reply is used only
//     when the article it cites first is one retrieval itself trusts (confidence at or above the
//     threshold): the decision's confidence and article are that article's. A model hand-off is
//     a hand-off ("the assistant chose a person: …");
//   - when retrieval is unsure (below the threshold but above a floor), classifyIntent may turn
//     the hand-off into order tracking, or confirm it with its own reason; never into an answer;
//   - every fallback (switched off, over budget, timeout, provider error, invalid output, unknown
//     citation) returns the retrieval-only decision unchanged.
import type { LlmDecision, ModelHandoffReason } from "../llm/decision";
import { answerWithModel } from "../llm/answer-with-model.server";
import { classifyIntent } from "../llm/classify-intent.server";
import { parseLlmSettings, type StoredLlmSettings } from "../llm/settings";
import { resolveLlmSettings } from "../llm/settings.server";
import { logger } from "../lib/logger.server";
import { applyBrandVoiceTo, readBrandVoice } from "./brand-voice";
import type { AnswerDecision, CitedArticle, ConversationTurn, HandoffReason, KnowledgeLocale } from "./contracts";
import { recentOrdersOf } from "./customer-orders.server";

/** Below this, retrieval is not "unsure" but empty-handed: a person answers, no model is asked. */
export const INTENT_FLOOR = 0.15;

/**
 * A model-labelled order-tracking message has no calibrated probability; this marks it as the
 * model's call (the detector's own tracking decisions carry 1).
 */
export const MODEL_TRACKING_CONFIDENCE = 0.5;

export interface ModelCandidate {
  article: CitedArticle;
  /** What the model is shown: the Q&A answer or the section found. */
  text: string;
  /** Retrieval's confidence for this article (calibrated at rank 1, estimated below). */
  confidence: number;
}

export interface ModelStep {
  shopId: string;
  text: string;
  locale: KnowledgeLocale;
  customerId?: string | null;
  history?: ConversationTurn[];
  threshold: number;
  /** Shop.settings as read by decideAnswer: brand voice and LLM settings come from it. */
  shopSettings: unknown;
  llm: StoredLlmSettings;
  /** Loaded only when the model is asked to answer. */
  candidates: () => Promise<ModelCandidate[]>;
  retrievalOnly: AnswerDecision;
}

/** The shop's LLM settings when they can open a model; null keeps decideAnswer retrieval-only. */
export function modelSettingsOf(shopSettings: unknown): StoredLlmSettings | null {
  const stored = parseLlmSettings(shopSettings);
  return resolveLlmSettings(stored).ok ? stored : null;
}

const MODEL_REASON_WORDS: Record<ModelHandoffReason, string> = {
  asked_for_person: "asked for a person",
  frustration: "sounds frustrated",
  legal_threat: "mentions legal action",
  dispute: "mentions a chargeback or dispute",
  safety: "mentions injury or safety",
  self_harm: "mentions self-harm",
  not_covered: "the articles do not answer this",
  needs_action: "wants something only staff can change",
};

/** The model's six mandatory-topic reasons keep their name; the rest are low confidence. */
function handoffReasonOf(reason: ModelHandoffReason): HandoffReason {
  return reason === "not_covered" || reason === "needs_action" ? "low_confidence" : reason;
}

export async function decideWithModel(step: ModelStep): Promise<AnswerDecision> {
  try {
    return await modelStep(step);
  } catch (err) {
    // answerWithModel and classifyIntent already turn model failures into fallbacks; this catches
    // the rest (reading orders, a bug) so that the model can only ever add to a decision.
    logger.warn({ shopId: step.shopId, err: (err as Error).message }, "language model step failed");
    return step.retrievalOnly;
  }
}

async function modelStep(step: ModelStep): Promise<AnswerDecision> {
  const { retrievalOnly } = step;
  if (retrievalOnly.kind === "answer") return answerStep(step, retrievalOnly);
  if (
    retrievalOnly.kind === "handoff" &&
    retrievalOnly.reason === "low_confidence" &&
    retrievalOnly.nearest &&
    retrievalOnly.nearest.confidence >= INTENT_FLOOR
  ) {
    return unsureStep(step, retrievalOnly);
  }
  return retrievalOnly;
}

async function answerStep(
  step: ModelStep,
  retrievalOnly: Extract<AnswerDecision, { kind: "answer" }>,
): Promise<AnswerDecision> {
  const { shopId, locale } = step;
  const candidates = await step.candidates();
  const voice = readBrandVoice(brandVoiceOf(step.shopSettings));
  const result = await answerWithModel(
    {
      shopId,
      message: step.text,
      locale,
      articles: candidates.map((c) => ({ id: c.article.articleId, title: c.article.title, text: c.text })),
      customerId: step.customerId,
      orders: await recentOrdersOf(shopId, step.customerId),
      brandVoice: { tone: voice.tone, wordsToAvoid: voice.wordsToAvoid },
      history: step.history,
    },
    { settings: step.llm },
  );
  if (result.kind === "fallback") return retrievalOnly;
  const decision: LlmDecision = result;
  if (decision.action === "handoff") {
    return {
      kind: "handoff",
      reason: handoffReasonOf(decision.handoffReason),
      explanation: `the assistant chose a person: ${MODEL_REASON_WORDS[decision.handoffReason]}`,
      nearest: { ...retrievalOnly.article, confidence: retrievalOnly.confidence },
      locale,
    };
  }
  const cited = candidates.find((c) => c.article.articleId === decision.citedArticleIds[0]);
  // A reply resting on an article retrieval does not trust is not an answer we may send.
  if (!cited || cited.confidence < step.threshold) return retrievalOnly;
  return {
    kind: "answer",
    text: applyBrandVoiceTo(voice, decision.answer, locale),
    confidence: cited.confidence,
    article: cited.article,
    locale,
  };
}

async function unsureStep(
  step: ModelStep,
  retrievalOnly: Extract<AnswerDecision, { kind: "handoff" }>,
): Promise<AnswerDecision> {
  const result = await classifyIntent(step.shopId, step.text, { settings: step.llm });
  if (result.kind !== "intent") return retrievalOnly;
  if (result.intent === "order_tracking") {
    return { kind: "order_tracking", confidence: MODEL_TRACKING_CONFIDENCE, locale: step.locale };
  }
  if (result.intent === "handoff") {
    return { ...retrievalOnly, explanation: "the assistant chose a person: needs a person, not an article" };
  }
  return retrievalOnly;
}

function brandVoiceOf(shopSettings: unknown): unknown {
  return shopSettings && typeof shopSettings === "object" && !Array.isArray(shopSettings)
    ? (shopSettings as Record<string, unknown>).brandVoice
    : undefined;
}
