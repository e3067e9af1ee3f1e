// Optional embeddings, fused with BM25 by reciprocal rank (decision 0037). The live provider is
// app/llm/embedding-client.server.ts (OpenAI or an OpenAI-compatible server); vectors are stored
// in KnowledgeSection.embedding with the model that wrote them and ranked in-process (no pgvector
// here). This file is pure: the ranking, the fusion and which article fusion may choose.
export interface EmbeddingProvider {
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<number[][]>;
}

export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/** Ranks ids by similarity of their vectors to the query vector, best first. */
export function rankByEmbedding(
  query: readonly number[],
  items: readonly { id: string; embedding: readonly number[] }[],
) {
  return items
    .filter((item) => item.embedding.length > 0)
    .map((item) => ({ id: item.id, similarity: cosineSimilarity(query, item.embedding) }))
    .sort((a, b) => b.similarity - a.similarity)
    .map((item) => item.id);
}

/**
 * Reciprocal-rank fusion (Cormack et al., 2009): each list contributes 1 / (k + rank) per id.
 * Scores need no common scale, which is why BM25 and cosine similarity can be fused at all.
 */
export function reciprocalRankFusion(
  rankings: readonly (readonly string[])[],
  k = 60,
): { id: string; score: number }[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** Article ids by their best section's similarity to the query, best first. */
export function rankArticlesByEmbedding(
  query: readonly number[],
  sections: readonly { articleId: string; embedding: readonly number[] }[],
): string[] {
  const best = new Map<string, number>();
  for (const s of sections) {
    if (s.embedding.length !== query.length) continue; // another model's dimensions: never compared
    const similarity = cosineSimilarity(query, s.embedding);
    if (similarity > (best.get(s.articleId) ?? -Infinity)) best.set(s.articleId, similarity);
  }
  return [...best.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
}

/** Reciprocal rank's constant: 60, as in the paper and most search engines. */
export const FUSION_K = 60;

/**
 * Which place of the BM25 ranking to answer from: the article ranked highest by reciprocal-rank
 * fusion of the two rankings among those retrieval itself trusts (`trusted[i]`: the BM25 article
 * at place i reaches the confidence threshold on its own features). Ties keep BM25's order. An
 * article only the embeddings found is never chosen: it has no calibrated confidence. With no
 * trusted article, place 0 (the caller then hands off exactly as without embeddings).
 */
export function chooseFusedRank(
  bm25ArticleIds: readonly string[],
  semanticArticleIds: readonly string[],
  trusted: readonly boolean[],
  k = FUSION_K,
): number {
  const place = new Map(bm25ArticleIds.map((id, i) => [id, i]));
  const fused = reciprocalRankFusion([bm25ArticleIds, semanticArticleIds], k).sort(
    (a, b) => b.score - a.score || (place.get(a.id) ?? Infinity) - (place.get(b.id) ?? Infinity),
  );
  for (const { id } of fused) {
    const i = place.get(id);
    if (i !== undefined && trusted[i]) return i;
  }
  return 0;
}
