// Document frequencies and average length per shop and language, cached in the process. The
// cache is keyed by a fingerprint of the shop's published sections (count, newest row, a hash of
// the ids): indexArticle deletes and re-inserts an article's rows, so any edit, publish or delete
// changes it, in this process or another (web and workers may run apart). Checking the
// fingerprint is one indexed aggregate; rebuilding is one ts_stat over the shop's sections.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import type { CorpusStats } from "./bm25";
import type { KnowledgeLocale } from "./contracts";

const cache = new Map<string, { fingerprint: string; stats: CorpusStats }>();
const MAX_CACHED = 500;

export async function corpusStats(shopId: string, locale: KnowledgeLocale): Promise<CorpusStats> {
  const key = `${shopId}:${locale}`;
  const [row] = await db().$queryRaw<{ n: number; h: string; m: Date | null }[]>(Prisma.sql`
    SELECT count(*)::int AS n, coalesce(sum(hashtext(id)::bigint), 0)::text AS h, max("createdAt") AS m
      FROM "KnowledgeSection"
     WHERE "shopId" = ${shopId} AND published AND locale = ${locale}`);
  const fingerprint = `${row?.n ?? 0}:${row?.h ?? 0}:${row?.m?.getTime() ?? 0}`;
  const hit = cache.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.stats;

  const words = await db().$queryRaw<{ word: string; ndoc: number; nentry: number }[]>(Prisma.sql`
    SELECT word, ndoc, nentry FROM ts_stat(format(
      'SELECT "searchVector" FROM "KnowledgeSection" WHERE "shopId" = %L AND published AND locale = %L AND "searchVector" IS NOT NULL',
      ${shopId}::text, ${locale}::text))`);
  const documentFrequency = new Map<string, number>();
  let occurrences = 0;
  for (const w of words) {
    documentFrequency.set(w.word, Number(w.ndoc));
    occurrences += Number(w.nentry);
  }
  const documents = row?.n ?? 0;
  const stats: CorpusStats = {
    documents,
    averageLength: documents > 0 ? occurrences / documents : 0,
    documentFrequency,
  };
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { fingerprint, stats });
  return stats;
}
