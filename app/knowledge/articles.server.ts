// Knowledge articles: create, edit, publish, unpublish, delete and list, per shop. An id of
// another shop answers 404. Every write rewrites the article's sections (indexArticle) in the
// same transaction, so retrieval never sees an article whose search vectors lag behind it.
import type { Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { KnowledgeSource, KnowledgeStatus, Prisma } from "../generated/prisma/client";
import { checkArticleFields, type ArticleProblems } from "./article-input";
import { indexArticle } from "./index-article.server";
import { enqueueArticleEmbeddings } from "./embed-sections.server";
import { isKnowledgeLocale } from "./limits";
import { logger } from "../lib/logger.server";

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

function policyReadOnly(id: string): Response {
  logger.warn({ articleId: id }, "refused to edit a shop policy article");
  return new Response(
    "This article is a shop policy read from Shopify: edit it in Shopify admin → Settings → Policies.",
    {
      status: 409,
    },
  );
}

export const ARTICLE_PAGE_SIZE = 50;

export interface ArticleFilters {
  q?: string;
  status?: KnowledgeStatus;
  locale?: string;
  tag?: string;
  /** SUGGESTED for the Knowledge page's "Suggested" view. */
  source?: KnowledgeSource;
  page?: number;
}

export async function listArticles(shopId: string, filters: ArticleFilters = {}) {
  const q = filters.q?.trim();
  const where: Prisma.KnowledgeArticleWhereInput = {
    shopId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.source ? { source: filters.source } : {}),
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
      const current = await tx.knowledgeArticle.findFirst({ where: { id, shopId }, select: { source: true } });
      // A policy is Shopify's text and the next refresh rewrites it: only its status is ours to change.
      if (current?.source === "SHOP_POLICY") throw policyReadOnly(id);
      const { count } = await tx.knowledgeArticle.updateMany({ where: { id, shopId }, data });
      if (count === 0) notFound();
      await indexArticle(tx, shopId, id);
      return id;
    }
    const row = await tx.knowledgeArticle.create({ data: { ...data, shopId, source: "MANUAL" } });
    await indexArticle(tx, shopId, row.id);
    return row.id;
  });
  await enqueueArticleEmbeddings(shopId, [saved]);
  return { ok: true, id: saved };
}

export async function setArticleStatus(shopId: string, id: string, status: KnowledgeStatus): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.knowledgeArticle.updateMany({ where: { id, shopId }, data: { status } });
    if (count === 0) notFound();
    await indexArticle(tx, shopId, id);
  });
  await enqueueArticleEmbeddings(shopId, [id]);
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

export interface SyncedArticle {
  title: string;
  answer: string;
  tags: string[];
  locale: string;
  sourceRef: string;
}

/**
 * Makes the shop's articles of one source exactly `articles` (by sourceRef): new ones are created
 * published, changed ones rewritten (their status kept: a merchant may have unpublished one),
 * unchanged ones not touched at all, and the rest deleted. Used for the shop's policies.
 */
export async function syncSourceArticles(
  tx: Tx,
  shopId: string,
  source: KnowledgeSource,
  articles: readonly SyncedArticle[],
): Promise<{ created: number; updated: number; removed: number; unchanged: number }> {
  const existing = await tx.knowledgeArticle.findMany({
    where: { shopId, source },
    select: { id: true, sourceRef: true, title: true, answer: true, tags: true, locale: true },
  });
  const byRef = new Map(existing.map((e) => [e.sourceRef, e]));
  const wanted = new Set(articles.map((a) => a.sourceRef));
  const counts = { created: 0, updated: 0, removed: 0, unchanged: 0 };
  for (const article of articles) {
    const current = byRef.get(article.sourceRef);
    if (!current) {
      const row = await tx.knowledgeArticle.create({
        data: { ...article, shopId, source, status: "PUBLISHED" },
        select: { id: true },
      });
      await indexArticle(tx, shopId, row.id);
      counts.created += 1;
      continue;
    }
    const same =
      current.title === article.title &&
      current.answer === article.answer &&
      current.locale === article.locale &&
      current.tags.join("\n") === article.tags.join("\n");
    if (same) {
      counts.unchanged += 1;
      continue;
    }
    await tx.knowledgeArticle.update({
      where: { id: current.id },
      data: { title: article.title, answer: article.answer, tags: article.tags, locale: article.locale },
    });
    await indexArticle(tx, shopId, current.id);
    counts.updated += 1;
  }
  const gone = existing.filter((e) => !e.sourceRef || !wanted.has(e.sourceRef)).map((e) => e.id);
  if (gone.length)
    counts.removed = (await tx.knowledgeArticle.deleteMany({ where: { shopId, id: { in: gone } } })).count;
  return counts;
}

/**
 * Inserts suggested articles as drafts; a sourceRef already there (the same customer message mined
 * before) is left alone, so mining twice never duplicates. Returns the ids created.
 */
export async function insertSuggestedDrafts(
  tx: Tx,
  shopId: string,
  drafts: readonly SyncedArticle[],
): Promise<string[]> {
  if (!drafts.length) return [];
  const created = await tx.knowledgeArticle.createManyAndReturn({
    data: drafts.map((d) => ({ ...d, shopId, source: "SUGGESTED" as const, status: "DRAFT" as const })),
    skipDuplicates: true,
    select: { id: true },
  });
  for (const row of created) await indexArticle(tx, shopId, row.id);
  return created.map((c) => c.id);
}

/** Approve: a suggested article (this shop's, 404 otherwise) becomes published and may answer. */
export async function approveSuggestedArticle(shopId: string, id: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.knowledgeArticle.updateMany({
      where: { id, shopId, source: "SUGGESTED" },
      data: { status: "PUBLISHED" },
    });
    if (count === 0) notFound();
    await indexArticle(tx, shopId, id);
  });
}

/** Dismiss: a suggested draft (this shop's, 404 otherwise) is deleted; an approved one stays. */
export async function dismissSuggestedArticle(shopId: string, id: string): Promise<void> {
  const { count } = await db().knowledgeArticle.deleteMany({
    where: { id, shopId, source: "SUGGESTED", status: "DRAFT" },
  });
  if (count === 0) notFound();
}

/** How many suggested drafts wait for the merchant's approval. */
export async function countSuggestedDrafts(shopId: string): Promise<number> {
  return db().knowledgeArticle.count({ where: { shopId, source: "SUGGESTED", status: "DRAFT" } });
}

/**
 * customers/redact: suggested drafts mined from these conversations hold the customer's own words
 * (scrubbed, but never reviewed), so they go. An approved one is the merchant's article now.
 */
export async function deleteSuggestedDraftsOf(tx: Tx, shopId: string, conversationIds: readonly string[]) {
  if (!conversationIds.length) return 0;
  const { count } = await tx.knowledgeArticle.deleteMany({
    where: {
      shopId,
      source: "SUGGESTED",
      status: "DRAFT",
      OR: conversationIds.map((id) => ({ sourceRef: { startsWith: `conversation:${id}:` } })),
    },
  });
  return count;
}

/** The suggested drafts waiting for approval, newest first, with their text (the "Suggested" view). */
export async function listSuggestedDrafts(shopId: string, take = ARTICLE_PAGE_SIZE) {
  return db().knowledgeArticle.findMany({
    where: { shopId, source: "SUGGESTED", status: "DRAFT" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, title: true, answer: true, locale: true, sourceRef: true, createdAt: true },
  });
}
