// The shop's section vectors per language and embedding model, cached in the process like the
// BM25 statistics (bm25-stats.server.ts): keyed by a fingerprint of the published sections that
// carry a vector of this model (count, a hash of their ids, the newest row). A section's vector is
// written once per (section id, model) and indexArticle re-creates sections under new ids on any
// edit, so every change (new vector, edit, publish, delete) changes the fingerprint, in this
// process or another. Ranking is cosine similarity in the app: pgvector is not installable here.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import type { KnowledgeLocale } from "./contracts";

export interface SectionVector {
  sectionId: string;
  articleId: string;
  embedding: number[];
}

const cache = new Map<string, { fingerprint: string; sections: SectionVector[] }>();
const MAX_CACHED = 100;

export async function sectionVectors(shopId: string, locale: KnowledgeLocale, model: string): Promise<SectionVector[]> {
  const key = `${shopId}:${locale}:${model}`;
  const [row] = await db().$queryRaw<{ n: number; h: string; m: Date | null }[]>(Prisma.sql`
    SELECT count(*)::int AS n, coalesce(sum(hashtext(id)::bigint), 0)::text AS h, max("createdAt") AS m
      FROM "KnowledgeSection"
     WHERE "shopId" = ${shopId} AND published AND locale = ${locale}
       AND "embeddingModel" = ${model} AND cardinality(embedding) > 0`);
  if (!row || row.n === 0) return [];
  const fingerprint = `${row.n}:${row.h}:${row.m?.getTime() ?? 0}`;
  const hit = cache.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.sections;

  const rows = await db().knowledgeSection.findMany({
    where: { shopId, locale, published: true, embeddingModel: model, NOT: { embedding: { isEmpty: true } } },
    select: { id: true, articleId: true, embedding: true },
  });
  const sections = rows.map((r) => ({ sectionId: r.id, articleId: r.articleId, embedding: r.embedding }));
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { fingerprint, sections });
  return sections;
}
