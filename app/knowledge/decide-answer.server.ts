// The one decision for a customer message, shared by the "Try it" box and (later) automatic
// answers on every channel. Order matters and is the product's promise:
//   1. hand-off first: the six mandatory topics (never switchable), then VIP customers and the
//      merchant's own topics: a person answers these whatever the knowledge base holds;
//   2. a message that tries to instruct the assistant gets nothing automatic;
//   3. "where is my order" goes to order tracking (answered live, later);
//   4. only then retrieval, and an answer only above the calibrated confidence threshold;
//      anything else — unknown, out of scope, ambiguous — goes to a person with the nearest article;
//   5. when the shop has a language model switched on, it may rewrite that decision within strict
//      bounds (decide-with-model.server.ts): never for what steps 1–3 settled, never an answer
//      without a cited article retrieval trusts, and every model failure is the step-4 decision.
import { db } from "../db/client.server";
import { parseAnswerSettings, type AnswerSettings } from "./answer-settings";
import { applyBrandVoice } from "./brand-voice.server";
import { confidenceOf, type ConfidenceFeatures } from "./confidence-model";
import type { AnswerDecision, CitedArticle, DecideAnswerInput, KnowledgeLocale } from "./contracts";
import { detectLanguage } from "./detect-language";
import { detectMandatoryHandoff, detectMerchantTopic } from "./handoff-detectors";
import { detectOrderTracking, detectPromptInjection } from "./intent-detectors";
import { decideWithModel, modelSettingsOf, type ModelCandidate } from "./decide-with-model.server";
import { hasPublishedSections, retrieve, type RetrievalResult } from "./retrieve.server";
import { fusedRank, semanticRanker, type SemanticRanker } from "./semantic-rerank.server";
import { isVipCustomer } from "./vip.server";

/** Longer messages are cut: nobody's question needs more, and it bounds the work per message. */
const MAX_TEXT = 4000;

export interface ScoredCandidate {
  section: RetrievalResult["ranked"][number];
  features: ConfidenceFeatures;
  confidence: number;
  searchedLocale: KnowledgeLocale;
  /** The whole ranking it came from: the language model sees the next few too. */
  result: RetrievalResult;
  /** Its place in `result.ranked`: 0 unless embeddings lifted another trusted article (decision 0037). */
  rank: number;
}

export function featuresOf(result: RetrievalResult): ConfidenceFeatures | null {
  return featuresAt(result, 0);
}

/**
 * The confidence features of the candidate at `rank`, its margin taken over the one below it.
 * At rank 0 this is the calibrated figure; further down it is the same model applied as an
 * estimate, used only to choose what the language model sees and what citing it is worth.
 */
export function featuresAt(result: RetrievalResult, rank: number): ConfidenceFeatures | null {
  const top = result.ranked[rank];
  const second = result.ranked[rank + 1];
  if (!top || top.score <= 0 || result.maxPossible <= 0) return null;
  return {
    normalizedScore: Math.min(1, top.score / result.maxPossible),
    // Relative to the maximum, not to the top score: with a handful of articles in a language,
    // "no second candidate" is common and says little.
    margin: Math.min(1, (top.score - (second?.score ?? 0)) / result.maxPossible),
    coverage: top.coverage,
    unknownShare: result.unknownShare,
    matchedTerms: Math.min(3, top.matchedTerms) / 3,
  };
}

function scored(result: RetrievalResult, rank = 0): ScoredCandidate | null {
  const features = featuresAt(result, rank);
  if (!features) return null;
  return {
    section: result.ranked[rank]!,
    features,
    confidence: confidenceOf(features),
    searchedLocale: result.locale,
    result,
    rank,
  };
}

/** BM25's top article, or the trusted one that fusion with embeddings ranks higher (semantic-rerank.server.ts). */
async function scoredFused(
  result: RetrievalResult,
  threshold: number,
  semantic: SemanticRanker,
): Promise<ScoredCandidate | null> {
  const rank = await fusedRank(result, threshold, semantic, (r) => {
    const features = featuresAt(result, r);
    return features ? confidenceOf(features) : null;
  });
  return scored(result, rank);
}

/**
 * The best article for a message: in the message's language, and in English too when that
 * language has no articles or none good enough (many shops write their knowledge in English only).
 */
export async function bestCandidate(
  shopId: string,
  locale: KnowledgeLocale,
  text: string,
  threshold: number,
): Promise<ScoredCandidate | null> {
  let best: ScoredCandidate | null = null;
  const semantic = semanticRanker(shopId, text);
  if (locale === "en" || (await hasPublishedSections(shopId, locale)))
    best = await scoredFused(await retrieve(shopId, locale, text), threshold, semantic);
  if (locale !== "en" && (!best || best.confidence < threshold)) {
    const english = await scoredFused(await retrieve(shopId, "en", text), threshold, semantic);
    if (english && (!best || english.confidence > best.confidence)) best = english;
  }
  return best;
}

async function shopSettingsOf(shopId: string): Promise<{ raw: unknown; settings: AnswerSettings }> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { settings: true } });
  return { raw: shop?.settings, settings: parseAnswerSettings(shop?.settings) };
}

/** Above this estimated confidence an article is worth showing the language model. */
export const MODEL_ARTICLE_FLOOR = 0.15;

/** The top few articles of the winning ranking, with their text, for the language model. */
async function modelCandidates(shopId: string, best: ScoredCandidate): Promise<ModelCandidate[]> {
  // The chosen article first (embeddings may have lifted it), then the others in BM25 order.
  const places = best.result.ranked.map((_, i) => i).filter((i) => i !== best.rank);
  const ranked = [best.rank, ...places]
    .slice(0, 5)
    .map((rank) => {
      const features = featuresAt(best.result, rank);
      const section = best.result.ranked[rank]!;
      return { section, confidence: rank === best.rank ? best.confidence : features ? confidenceOf(features) : 0 };
    })
    .filter((c, i) => i === 0 || c.confidence >= MODEL_ARTICLE_FLOOR);
  const articles = await db().knowledgeArticle.findMany({
    where: { shopId, id: { in: ranked.map((c) => c.section.articleId) } },
    select: { id: true, title: true, answer: true, _count: { select: { sections: true } } },
  });
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ranked.flatMap(({ section, confidence }) => {
    const article = byId.get(section.articleId);
    if (!article) return [];
    return [
      {
        article: { articleId: article.id, sectionId: section.sectionId, title: article.title },
        text: article._count.sections > 1 ? section.body || article.answer : article.answer,
        confidence: Math.round(confidence * 1000) / 1000,
      },
    ];
  });
}

async function citation(shopId: string, candidate: ScoredCandidate) {
  const article = await db().knowledgeArticle.findFirst({
    where: { id: candidate.section.articleId, shopId },
    select: { id: true, title: true, answer: true, _count: { select: { sections: true } } },
  });
  if (!article) return null;
  const cited: CitedArticle = { articleId: article.id, sectionId: candidate.section.sectionId, title: article.title };
  // A Q&A pair answers with its answer; a long article split by headings answers with the section found.
  const text = article._count.sections > 1 ? candidate.section.body || article.answer : article.answer;
  return { cited, text };
}

export async function decideAnswer(input: DecideAnswerInput): Promise<AnswerDecision> {
  const text = input.text.slice(0, MAX_TEXT);
  const locale = input.locale ?? detectLanguage(text);
  const { raw, settings } = await shopSettingsOf(input.shopId);

  const mandatory = detectMandatoryHandoff(text);
  if (mandatory) return { kind: "handoff", reason: mandatory.reason, explanation: mandatory.explanation, locale };

  const vip = await isVipCustomer(input.shopId, input.customerId, settings);
  if (vip) return { kind: "handoff", reason: "vip_customer", explanation: `VIP customer (${vip})`, locale };

  const topic = detectMerchantTopic(text, settings.handoffTopics);
  if (topic) return { kind: "handoff", reason: "merchant_topic", explanation: `mentions “${topic}”`, locale };

  if (detectPromptInjection(text)) {
    return {
      kind: "handoff",
      reason: "low_confidence",
      explanation: "reads like instructions to the assistant",
      locale,
    };
  }

  if (detectOrderTracking(text)) return { kind: "order_tracking", confidence: 1, locale };

  const best = await bestCandidate(input.shopId, locale, text, settings.confidenceThreshold);
  const retrievalOnly = await retrievalDecision(input.shopId, best, locale, settings.confidenceThreshold);

  const llm = modelSettingsOf(raw);
  if (!llm || !best) return retrievalOnly;
  return decideWithModel({
    shopId: input.shopId,
    text,
    locale,
    customerId: input.customerId,
    history: input.history,
    threshold: settings.confidenceThreshold,
    shopSettings: raw,
    llm,
    candidates: () => modelCandidates(input.shopId, best),
    retrievalOnly,
  });
}

/** Step 4: the decision from retrieval alone (also what every model failure comes back to). */
async function retrievalDecision(
  shopId: string,
  best: ScoredCandidate | null,
  locale: KnowledgeLocale,
  threshold: number,
): Promise<AnswerDecision> {
  if (!best) {
    return { kind: "handoff", reason: "low_confidence", explanation: "no article covers this question", locale };
  }
  const found = await citation(shopId, best);
  if (!found)
    return { kind: "handoff", reason: "low_confidence", explanation: "no article covers this question", locale };
  const confidence = Math.round(best.confidence * 1000) / 1000;
  if (best.confidence < threshold) {
    return {
      kind: "handoff",
      reason: "low_confidence",
      explanation: "no article is a confident match",
      nearest: { ...found.cited, confidence },
      locale,
    };
  }
  return {
    kind: "answer",
    text: await applyBrandVoice(shopId, found.text, locale),
    confidence,
    article: found.cited,
    locale,
  };
}
