// Full-text candidates from PostgreSQL, ranked with BM25 in the app (see bm25.ts).
//
// The message is turned into lexemes by the same to_tsvector configuration that indexed the
// sections, and the candidate query ORs them: a long message ("hi, I bought a jacket last week
// and was wondering how returns work") would never match with AND semantics
// (plainto_tsquery), while any section sharing one meaningful lexeme is a candidate here.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { bm25, idf, maxPossibleScore, parseTsvector, type CorpusStats, type ParsedVector } from "./bm25";
import { corpusStats } from "./bm25-stats.server";
import type { KnowledgeLocale } from "./contracts";
import { synonymExpansion } from "./synonyms";
import { FILLER_WORDS, foldAccents, TS_CONFIG } from "./text-normalize";

/** How much a thesaurus word counts beside one the customer wrote. */
export const EXPANSION_WEIGHT = 0.6;

export const CANDIDATE_LIMIT = 50;

// Filler words (greetings, "wondering", French "quel") live beside the other text normalisation.
const FILLER = FILLER_WORDS;

export interface RankedSection {
  sectionId: string;
  articleId: string;
  heading: string;
  body: string;
  score: number;
  /** Share of the known query words' idf mass found in the section (thesaurus words at their weight). */
  coverage: number;
  /** The customer's own known words found in the section (thesaurus words count half). */
  matchedTerms: number;
}

export interface RetrievalResult {
  locale: KnowledgeLocale;
  queryLexemes: string[];
  /** Best section per article, best first. */
  ranked: RankedSection[];
  /** The score a perfect match would reach on the known query words: normalises the top score. */
  maxPossible: number;
  /** Share of the customer's words that no published section contains at all. */
  unknownShare: number;
}

/**
 * The message's lexemes and the thesaurus's, stemmed by the section's configuration, filler
 * removed; `vouched` are the customer's own words that belong to a thesaurus group.
 */
async function queryLexemes(
  locale: KnowledgeLocale,
  text: string,
): Promise<{ own: string[]; expansions: string[]; vouched: Set<string> }> {
  const config = TS_CONFIG[locale];
  const synonyms = synonymExpansion(locale, text);
  const rows = await db().$queryRaw<{ lexeme: string; kind: "own" | "expansion" | "vouched" }[]>(Prisma.sql`
    WITH filler AS (SELECT lexeme FROM unnest(to_tsvector(${config}::regconfig, ${FILLER[locale]}))),
         own AS (SELECT lexeme FROM unnest(to_tsvector(${config}::regconfig, ${foldAccents(text).slice(0, 4000)}))),
         expansion AS (SELECT lexeme FROM unnest(to_tsvector(${config}::regconfig, ${synonyms.expansion}))),
         vouched AS (SELECT lexeme FROM unnest(to_tsvector(${config}::regconfig, ${synonyms.matched})))
    SELECT lexeme, 'own' AS kind FROM own WHERE lexeme NOT IN (SELECT lexeme FROM filler)
    UNION ALL
    SELECT lexeme, 'expansion' FROM expansion
     WHERE lexeme NOT IN (SELECT lexeme FROM own) AND lexeme NOT IN (SELECT lexeme FROM filler)
    UNION ALL
    SELECT lexeme, 'vouched' FROM vouched`);
  const of = (kind: string) =>
    rows
      .filter((r) => r.kind === kind)
      .map((r) => r.lexeme)
      .sort();
  return { own: of("own"), expansions: of("expansion"), vouched: new Set(of("vouched")) };
}

function coverageOf(stats: CorpusStats, known: readonly string[], expansions: readonly string[], doc: ParsedVector) {
  let total = 0;
  let covered = 0;
  for (const lexeme of known) {
    total += idf(stats, lexeme);
    if (doc.termFrequency.has(lexeme)) covered += idf(stats, lexeme);
  }
  for (const lexeme of expansions) if (doc.termFrequency.has(lexeme)) covered += EXPANSION_WEIGHT * idf(stats, lexeme);
  if (total === 0) return covered > 0 ? EXPANSION_WEIGHT : 0;
  return Math.min(1, covered / total);
}

/** `'a' | 'b'` as tsquery text: the lexemes are already stemmed, so no to_tsquery re-stemming. */
function orQuery(lexemes: readonly string[]): string {
  return lexemes.map((l) => `'${l.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`).join(" | ");
}

export async function retrieve(shopId: string, locale: KnowledgeLocale, text: string): Promise<RetrievalResult> {
  const { own, expansions, vouched } = await queryLexemes(locale, text);
  const lexemes = [...own, ...expansions];
  if (lexemes.length === 0) return { locale, queryLexemes: [], ranked: [], maxPossible: 0, unknownShare: 1 };
  const [stats, candidates] = await Promise.all([
    corpusStats(shopId, locale),
    db().$queryRaw<{ id: string; articleId: string; heading: string; body: string; vector: string }[]>(Prisma.sql`
      SELECT id, "articleId", heading, body, "searchVector"::text AS vector
        FROM "KnowledgeSection", CAST(${orQuery(lexemes)} AS tsquery) AS q
       WHERE "shopId" = ${shopId} AND published AND locale = ${locale} AND "searchVector" @@ q
       ORDER BY ts_rank("searchVector", q) DESC
       LIMIT ${CANDIDATE_LIMIT}`),
  ]);
  // Words no section contains say the question is about something else ("iPhones", "insurance");
  // they are a feature of their own rather than part of the score's denominator.
  const known = own.filter((l) => stats.documentFrequency.has(l));
  const knownExpansions = expansions.filter((l) => stats.documentFrequency.has(l));
  const unknown = own.filter((l) => !stats.documentFrequency.has(l) && !vouched.has(l));
  const unknownShare = own.length ? unknown.length / own.length : 1;
  const maxPossible = Math.max(
    maxPossibleScore(stats, known),
    EXPANSION_WEIGHT * Math.max(0, ...knownExpansions.map((l) => maxPossibleScore(stats, [l]))),
  );
  const bestPerArticle = new Map<string, RankedSection>();
  for (const c of candidates) {
    const doc = parseTsvector(c.vector);
    const score = bm25(stats, known, doc) + EXPANSION_WEIGHT * bm25(stats, knownExpansions, doc);
    const current = bestPerArticle.get(c.articleId);
    if (!current || score > current.score) {
      bestPerArticle.set(c.articleId, {
        sectionId: c.id,
        articleId: c.articleId,
        heading: c.heading,
        body: c.body,
        score,
        coverage: coverageOf(stats, known, knownExpansions, doc),
        matchedTerms:
          known.filter((l) => doc.termFrequency.has(l)).length +
          0.5 * knownExpansions.filter((l) => doc.termFrequency.has(l)).length,
      });
    }
  }
  const ranked = [...bestPerArticle.values()].sort(
    (a, b) => b.score - a.score || a.sectionId.localeCompare(b.sectionId),
  );
  return { locale, queryLexemes: lexemes, ranked, maxPossible, unknownShare };
}

/** Does the shop have any published section in this language? */
export async function hasPublishedSections(shopId: string, locale: KnowledgeLocale): Promise<boolean> {
  const row = await db().knowledgeSection.findFirst({
    where: { shopId, locale, published: true },
    select: { id: true },
  });
  return row !== null;
}
