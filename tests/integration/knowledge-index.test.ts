// indexArticle: the sections and search vectors retrieval reads, written from the article.
import { describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { indexArticle } from "../../app/knowledge/index-article.server";
import { createShop } from "../support/factories";

async function sections(articleId: string) {
  return db().$queryRaw<{ heading: string; body: string; locale: string; published: boolean; vector: string }[]>`
    SELECT heading, body, locale, published, "searchVector"::text AS vector
      FROM "KnowledgeSection" WHERE "articleId" = ${articleId} ORDER BY position`;
}

describe("indexArticle", () => {
  it("GIVEN a published Q&A article WHEN indexed THEN one section, heading weighted A, stemmed in its language", async () => {
    const shop = await createShop({ domain: "index-qa.myshopify.com" });
    const article = await db().knowledgeArticle.create({
      data: {
        shopId: shop.id,
        title: "¿Cuánto tarda el envío?",
        answer: "Los pedidos llegan en 3 a 5 días hábiles.",
        locale: "es",
        status: "PUBLISHED",
        tags: ["envíos"],
      },
    });
    await inRetryingTransaction((tx) => indexArticle(tx, shop.id, article.id));
    const rows = await sections(article.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ heading: "¿Cuánto tarda el envío?", locale: "es", published: true });
    // Spanish stemming with accents folded: "envío" → 'envi', heading weight A; "pedidos" → 'ped' weight B.
    expect(rows[0]!.vector).toMatch(/'envi':\d+A/);
    expect(rows[0]!.vector).toMatch(/'ped':\d+B/);
  });

  it("GIVEN an answer with Markdown headings WHEN indexed THEN one section per heading, the title kept; a draft is unpublished; re-indexing replaces", async () => {
    const shop = await createShop({ domain: "index-md.myshopify.com" });
    const article = await db().knowledgeArticle.create({
      data: {
        shopId: shop.id,
        title: "Shipping policy",
        answer: "We ship worldwide.\n\n## Delivery times\nOrders arrive in 3-5 days.\n\n## Costs\nFree over $50.",
        locale: "en",
        status: "DRAFT",
      },
    });
    await inRetryingTransaction((tx) => indexArticle(tx, shop.id, article.id));
    let rows = await sections(article.id);
    expect(rows.map((r) => [r.heading, r.body, r.published])).toEqual([
      ["Shipping policy", "We ship worldwide.", false],
      ["Shipping policy — Delivery times", "Orders arrive in 3-5 days.", false],
      ["Shipping policy — Costs", "Free over $50.", false],
    ]);
    expect(rows[1]!.vector).toMatch(/'deliveri':\d+A/);

    await db().knowledgeArticle.update({ where: { id: article.id }, data: { status: "PUBLISHED", answer: "Plain." } });
    await inRetryingTransaction((tx) => indexArticle(tx, shop.id, article.id));
    rows = await sections(article.id);
    expect(rows.map((r) => [r.heading, r.body, r.published])).toEqual([["Shipping policy", "Plain.", true]]);
  });

  it("GIVEN another shop's id WHEN indexed THEN nothing is written", async () => {
    const shop = await createShop({ domain: "index-a.myshopify.com" });
    const other = await createShop({ domain: "index-b.myshopify.com" });
    const article = await db().knowledgeArticle.create({
      data: { shopId: shop.id, title: "Q", answer: "A", status: "PUBLISHED" },
    });
    await inRetryingTransaction((tx) => indexArticle(tx, other.id, article.id));
    expect(await sections(article.id)).toHaveLength(0);
  });
});
