// Knowledge articles: create, edit, publish, unpublish, delete and list, per shop. An id of
// another shop answers 404. Every write rewrites the article's sections (indexArticle) in the
// same transaction, so retrieval never sees an article whose search vectors lag behind it.
import type { Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { KnowledgeSource, KnowledgeStatus, Prisma } from "../generated/prisma/client";
import { checkArticleFields, type ArticleProblems } from "./article-input";
import { indexArticle } from "./index-article.server";
import { isKnowledgeLocale } from "./limits";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export const ARTICLE_PAGE_SIZE = 50;

export interface ArticleFilters {
  q?: string;
  status?: KnowledgeStatus;
  locale?: string;
  tag?: string;
  page?: number;
}

export async function listArticles(shopId: string, filters: ArticleFilters = {}) {
  const q = filters.q?.trim();
  const where: Prisma.KnowledgeArticleWhereInput = {
    shopId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.locale && isKnowledgeLocale(filters.locale) ? { locale: filters.locale } : {}),
    ...(filters.tag ? { tags: { has: filters.tag } } : {}),
    ...(q
      ? {
          OR: [
            { title: { contains: q, mode: "insensitive" as const } },
            { answer: { contains: q, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const page = Math.max(1, filters.page ?? 1);
  const [rows, total, shopTotal] = await Promise.all([
    db().knowledgeArticle.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * ARTICLE_PAGE_SIZE,
      take: ARTICLE_PAGE_SIZE,
      select: {
        id: true,
        title: true,
        status: true,
        locale: true,
        tags: true,
        source: true,
        sourceRef: true,
        updatedAt: true,
      },
    }),
    db().knowledgeArticle.count({ where }),
    db().knowledgeArticle.count({ where: { shopId } }),
  ]);
  return { articles: rows, total, shopTotal, page, pageCount: Math.max(1, Math.ceil(total / ARTICLE_PAGE_SIZE)) };
}

/** Every tag the shop's articles use, for the filter. */
export async function listArticleTags(shopId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT unnest(tags) AS tag FROM "KnowledgeArticle" WHERE "shopId" = ${shopId} ORDER BY 1 LIMIT 500`;
  return rows.map((r) => r.tag);
}

export async function requireArticle(shopId: string, id: string) {
  const article = await db().knowledgeArticle.findFirst({ where: { id, shopId } });
  if (!article) notFound();
  return article;
}

export interface ArticleInput {
  title: string;
  answer: string;
  tags: string[];
  locale: string;
  status: KnowledgeStatus;
}

export type SaveArticleResult = { ok: true; id: string } | { ok: false; problems: ArticleProblems };

/** Creates (id null) or edits a manual article; a new one is MANUAL, an edited one keeps its source. */
export async function saveArticle(shopId: string, id: string | null, input: ArticleInput): Promise<SaveArticleResult> {
  const checked = checkArticleFields(input);
  if (!checked.ok) return checked;
  const data = { ...checked.fields, status: input.status };
  const saved = await db().$transaction(async (tx) => {
    if (id) {
      const { count } = await tx.knowledgeArticle.updateMany({ where: { id, shopId }, data });
      if (count === 0) notFound();
      await indexArticle(tx, shopId, id);
      return id;
    }
    const row = await tx.knowledgeArticle.create({ data: { ...data, shopId, source: "MANUAL" } });
    await indexArticle(tx, shopId, row.id);
    return row.id;
  });
  return { ok: true, id: saved };
}

export async function setArticleStatus(shopId: string, id: string, status: KnowledgeStatus): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.knowledgeArticle.updateMany({ where: { id, shopId }, data: { status } });
    if (count === 0) notFound();
    await indexArticle(tx, shopId, id);
  });
}

/** Deleting removes its sections too (cascade): retrieval stops citing it at once. */
export async function deleteArticle(shopId: string, id: string): Promise<void> {
  const { count } = await db().knowledgeArticle.deleteMany({ where: { id, shopId } });
  if (count === 0) notFound();
}

export interface ImportedArticle {
  title: string;
  answer: string;
  tags: string[];
  locale: string;
  sourceRef: string;
}

/**
 * Creates or updates (by source and sourceRef) the given articles in one transaction: re-importing
 * a file updates its articles instead of duplicating them. Returns how many were new.
 */
export async function upsertImportedArticles(
  tx: Tx,
  shopId: string,
  source: KnowledgeSource,
  status: KnowledgeStatus,
  articles: readonly ImportedArticle[],
): Promise<{ created: number; updated: number }> {
  const existing = await tx.knowledgeArticle.findMany({
    where: { shopId, source, sourceRef: { in: articles.map((a) => a.sourceRef) } },
    select: { id: true, sourceRef: true },
  });
  const idByRef = new Map(existing.map((e) => [e.sourceRef, e.id]));
  const fresh = articles.filter((a) => !idByRef.has(a.sourceRef));
  const created = fresh.length
    ? await tx.knowledgeArticle.createManyAndReturn({
        data: fresh.map((a) => ({ ...a, shopId, source, status })),
        select: { id: true },
      })
    : [];
  const touched = created.map((c) => c.id);
  for (const a of articles) {
    const id = idByRef.get(a.sourceRef);
    if (!id) continue;
    await tx.knowledgeArticle.update({
      where: { id },
      data: { title: a.title, answer: a.answer, tags: a.tags, locale: a.locale, status },
    });
    touched.push(id);
  }
  for (const id of touched) await indexArticle(tx, shopId, id);
  return { created: created.length, updated: existing.length };
}
