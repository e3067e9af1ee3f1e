// Rewrites an article's KnowledgeSection rows after any change (create, edit, publish, import).
// The search vector is written with raw SQL because Prisma cannot write tsvector columns.
// Rows are deleted and re-inserted (new ids), which is also what tells retrieval's per-shop
// statistics cache that the shop's knowledge changed (see bm25-stats.server.ts).
import { Prisma } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { splitSections } from "./split-sections";
import { foldAccents, knowledgeLocale, TS_CONFIG } from "./text-normalize";

export async function indexArticle(tx: Tx, shopId: string, articleId: string): Promise<void> {
  await tx.knowledgeSection.deleteMany({ where: { shopId, articleId } });
  const article = await tx.knowledgeArticle.findFirst({ where: { id: articleId, shopId } });
  if (!article) return; // deleted (or another shop's): nothing left to index

  const locale = knowledgeLocale(article.locale);
  const config = TS_CONFIG[locale];
  const published = article.status === "PUBLISHED";
  const drafts = splitSections(article.title, article.answer);
  const tags = article.tags.join(" ");

  for (const draft of drafts) {
    const created = await tx.knowledgeSection.create({
      data: {
        shopId,
        articleId,
        position: draft.position,
        heading: draft.heading,
        body: draft.body,
        locale,
        published,
      },
      select: { id: true },
    });
    // Heading 'A' (retrieval counts heading words double), body 'B', tags 'C'.
    await tx.$executeRaw(Prisma.sql`
      UPDATE "KnowledgeSection"
         SET "searchVector" =
               setweight(to_tsvector(${config}::regconfig, ${foldAccents(draft.heading)}), 'A') ||
               setweight(to_tsvector(${config}::regconfig, ${foldAccents(draft.body)}), 'B') ||
               setweight(to_tsvector(${config}::regconfig, ${foldAccents(tags)}), 'C')
       WHERE id = ${created.id} AND "shopId" = ${shopId}`);
  }
}
