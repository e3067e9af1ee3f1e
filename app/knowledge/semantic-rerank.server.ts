// Where embeddings meet the answer decision (decision 0037). Fusion may change WHICH trusted
// article answers, never WHETHER a message is answered:
//   - it runs only when BM25's own top article is already an answer (calibrated confidence at or
//     above the threshold) and at least one other article also reaches the threshold on its own
//     BM25 features (featuresAt in decide-answer: the same estimate the model step uses);
//   - the BM25 ranking and the cosine ranking of the shop's section vectors (same language, same
//     embedding model) are fused by reciprocal rank (k = 60); the highest fused article among the
//     trusted ones answers, with its own BM25 section and confidence;
//   - the customer's message is embedded at most once per decision, with a short timeout, counted
//     against the shop's daily token budget. Switched off, no vectors yet, over budget, a timeout
//     or any error: BM25's top article, exactly as without embeddings.
import { logger } from "../lib/logger.server";
import { embedForShop, embeddingSettingsOf } from "../llm/embed-for-shop.server";
import { loadLlmSettings } from "../llm/settings.server";
import type { KnowledgeLocale } from "./contracts";
import { chooseFusedRank, rankArticlesByEmbedding } from "./embeddings";
import type { RetrievalResult } from "./retrieve.server";
import { sectionVectors } from "./vector-index.server";

/** The query embedding waits at most this long (or the shop's own timeout, when shorter). */
export const QUERY_EMBEDDING_TIMEOUT_MS = 1500;

export interface SemanticRanker {
  /** Article ids of `locale` by similarity to the message, best first; null when unavailable. */
  rank(locale: KnowledgeLocale): Promise<string[] | null>;
}

/** One per decision: settings read and the message embedded lazily, at most once. */
export function semanticRanker(shopId: string, text: string): SemanticRanker {
  let setup: Promise<{ model: string; timeoutMs: number } | null> | undefined;
  let queryVector: Promise<number[] | null> | undefined;
  const settings = () =>
    (setup ??= loadLlmSettings(shopId).then((stored) => {
      const s = embeddingSettingsOf(stored);
      return s ? { model: s.embeddingModel, timeoutMs: Math.min(s.timeoutMs, QUERY_EMBEDDING_TIMEOUT_MS) } : null;
    }));
  return {
    async rank(locale) {
      try {
        const s = await settings();
        if (!s) return null;
        const sections = await sectionVectors(shopId, locale, s.model);
        if (sections.length === 0) return null; // nothing embedded yet: spend nothing
        queryVector ??= embedForShop(shopId, [text], { timeoutMs: s.timeoutMs }).then((r) =>
          r.ok && r.model === s.model ? r.vectors[0]! : null,
        );
        const query = await queryVector;
        return query ? rankArticlesByEmbedding(query, sections) : null;
      } catch (err) {
        logger.warn({ shopId, err: (err as Error).message }, "semantic ranking unavailable; BM25 only");
        return null;
      }
    },
  };
}

/**
 * The place in `result.ranked` to answer from. `confidenceAt(i)` is the confidence of the BM25
 * article at place i on its own features (null when it has none).
 */
export async function fusedRank(
  result: RetrievalResult,
  threshold: number,
  semantic: SemanticRanker,
  confidenceAt: (rank: number) => number | null,
): Promise<number> {
  const trusted = result.ranked.map((_, i) => (confidenceAt(i) ?? 0) >= threshold);
  if (!trusted[0] || trusted.filter(Boolean).length < 2) return 0;
  const semanticIds = await semantic.rank(result.locale);
  if (!semanticIds) return 0;
  return chooseFusedRank(
    result.ranked.map((s) => s.articleId),
    semanticIds,
    trusted,
  );
}
