// BM25 over PostgreSQL's own lexemes. PostgreSQL finds the candidates (its GIN index, its
// stemmers); the app ranks them, because ts_rank has no inverse document frequency: a word that
// is in every article ("order", "please") counts as much as the one word that tells them apart.
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Heading words (weight 'A') count this many times: a question's own words matter most. */
export const HEADING_BOOST = 2;

export interface CorpusStats {
  /** Published sections in this shop and language. */
  documents: number;
  /** Average section length in lexeme occurrences. */
  averageLength: number;
  /** Lexeme → number of sections containing it. */
  documentFrequency: Map<string, number>;
}

export interface ParsedVector {
  /** Lexeme → weighted term frequency. */
  termFrequency: Map<string, number>;
  /** Occurrences, unweighted (BM25's document length). */
  length: number;
}

/** Parses `tsvector::text`, e.g. `'deliveri':3A,7 'free':9B 'ship'`. */
export function parseTsvector(text: string): ParsedVector {
  const termFrequency = new Map<string, number>();
  let length = 0;
  const entry = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
  for (let match = entry.exec(text); match; match = entry.exec(text)) {
    const lexeme = match[1]!.replace(/''/g, "'");
    const positions = match[2] ? match[2].split(",") : ["1D"];
    let tf = 0;
    for (const position of positions) tf += position.endsWith("A") ? HEADING_BOOST : 1;
    termFrequency.set(lexeme, tf);
    length += positions.length;
  }
  return { termFrequency, length };
}

export function idf(stats: CorpusStats, lexeme: string): number {
  const df = stats.documentFrequency.get(lexeme) ?? 0;
  return Math.log(1 + (stats.documents - df + 0.5) / (df + 0.5));
}

export function bm25(stats: CorpusStats, queryLexemes: readonly string[], doc: ParsedVector): number {
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * doc.length) / Math.max(stats.averageLength, 1));
  let score = 0;
  for (const lexeme of queryLexemes) {
    const tf = doc.termFrequency.get(lexeme);
    if (!tf) continue;
    score += (idf(stats, lexeme) * tf * (BM25_K1 + 1)) / (tf + norm);
  }
  return score;
}

/** What a document matching every query term infinitely often would score: the normaliser for confidence. */
export function maxPossibleScore(stats: CorpusStats, queryLexemes: readonly string[]): number {
  return queryLexemes.reduce((sum, lexeme) => sum + idf(stats, lexeme) * (BM25_K1 + 1), 0);
}

/** Share of the query's idf mass that the document contains. */
export function idfCoverage(stats: CorpusStats, queryLexemes: readonly string[], doc: ParsedVector): number {
  let total = 0;
  let covered = 0;
  for (const lexeme of queryLexemes) {
    const weight = idf(stats, lexeme);
    total += weight;
    if (doc.termFrequency.has(lexeme)) covered += weight;
  }
  return total > 0 ? covered / total : 0;
}
