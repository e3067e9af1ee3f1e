// Optional embeddings, fused with BM25 by reciprocal rank. No live client yet: a shop that
// configures an OpenAI-compatible endpoint later gets a provider implementing this interface;
// vectors are stored in KnowledgeSection.embedding and ranked in-process (no pgvector here).
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
