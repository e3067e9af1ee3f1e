// Knowledge articles through the real route loaders and actions in demo mode: create, edit,
// publish, unpublish, delete, list filters; every write rewrites the article's search sections;
// another shop's article answers 404 and never shows in the list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};

const BASE = "http://127.0.0.1:3999";
const listRoute = () => import("../../app/routes/app.knowledge._index") as Promise<RouteModule>;
const articleRoute = () => import("../../app/routes/app.knowledge.$id") as Promise<RouteModule>;

async function call(
  mod: RouteModule,
  kind: "loader" | "action",
  request: Request,
  params: Record<string, string> = {},
) {
  try {
    return await mod[kind]!({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function post(path: string, fields: Record<string, string>) {
  return new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

async function saveArticle(id: string, fields: Record<string, string>) {
  return call(await articleRoute(), "action", post(`/app/knowledge/${id}`, { intent: "save", ...fields }), { id });
}

async function list(query = "") {
  const res = await call(await listRoute(), "loader", new Request(`${BASE}/app/knowledge${query}`));
  expect(res.status).toBe(200);
  return (await res.json()) as { articles: { id: string; title: string }[]; total: number; shopTotal: number };
}

let shopId: string;
let foreignId: string;

beforeAll(async () => {
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  const shop = await createShop();
  shopId = shop.id;
  const [{ Session }, { sessionStorage }] = await Promise.all([
    import("@shopify/shopify-api"),
    import("../../app/shopify.server"),
  ]);
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${TEST_SHOP_DOMAIN}`,
      shop: TEST_SHOP_DOMAIN,
      state: "t",
      isOnline: false,
      accessToken: "shpat_test",
    }),
  );
  const other = await createShop({ domain: "someone-else.myshopify.com" });
  foreignId = (
    await db().knowledgeArticle.create({
      data: { shopId: other.id, title: "Their secret article", answer: "Not yours.", status: "PUBLISHED" },
    })
  ).id;
});

afterAll(() => {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

describe("knowledge articles", () => {
  let articleId = "";

  it("GIVEN no articles WHEN the page loads THEN the list is empty and another shop's article is not shown", async () => {
    const data = await list();
    expect(data.shopTotal).toBe(0);
    expect(data.articles).toEqual([]);
  });

  it("GIVEN the new-article form WHEN it is saved THEN a published MANUAL article exists with clean tags and its search sections", async () => {
    const res = await saveArticle("new", {
      title: "  How long does shipping take? ",
      answer: "Orders ship within 2 business days.\r\nDelivery takes 3-5 days.",
      tags: "shipping, delivery, Shipping, ",
      locale: "en",
      status: "PUBLISHED",
    });
    expect(res.status).toBe(302);
    const article = await db().knowledgeArticle.findFirstOrThrow({ where: { shopId } });
    articleId = article.id;
    expect(res.headers.get("location")).toBe(`/app/knowledge/${article.id}?saved=1`);
    expect(article).toMatchObject({
      title: "How long does shipping take?",
      answer: "Orders ship within 2 business days.\nDelivery takes 3-5 days.",
      tags: ["shipping", "delivery"],
      locale: "en",
      status: "PUBLISHED",
      source: "MANUAL",
    });
    const sections = await db().knowledgeSection.findMany({ where: { articleId } });
    expect(sections.length).toBeGreaterThan(0);
    expect(sections.every((s) => s.published && s.shopId === shopId)).toBe(true);
  });

  it("GIVEN invalid fields WHEN saved THEN 400 names each problem and nothing is written", async () => {
    const res = await saveArticle("new", {
      title: "x".repeat(301),
      answer: "   ",
      tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(","),
      locale: "de",
      status: "PUBLISHED",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).problems).toEqual({
      title: "question is longer than 300 characters",
      answer: "answer is empty",
      tags: "more than 20 tags",
      locale: "locale 'de' is not one of en, es, fr",
    });
    expect(await db().knowledgeArticle.count({ where: { shopId } })).toBe(1);
  });

  it("GIVEN an article WHEN it is edited and unpublished THEN the row and its sections follow", async () => {
    const res = await saveArticle(articleId, {
      title: "¿Cuánto tarda el envío?",
      answer: "Enviamos en 2 días hábiles.",
      tags: "envíos",
      locale: "es",
      status: "PUBLISHED",
    });
    expect(res.status).toBe(302);
    expect(await db().knowledgeArticle.findUniqueOrThrow({ where: { id: articleId } })).toMatchObject({
      title: "¿Cuánto tarda el envío?",
      locale: "es",
    });
    const unpublish = await call(
      await articleRoute(),
      "action",
      post(`/app/knowledge/${articleId}`, { intent: "unpublish" }),
      {
        id: articleId,
      },
    );
    expect(unpublish.status).toBe(200);
    expect((await db().knowledgeArticle.findUniqueOrThrow({ where: { id: articleId } })).status).toBe("DRAFT");
    const sections = await db().knowledgeSection.findMany({ where: { articleId } });
    expect(sections.map((s) => [s.locale, s.published])).toEqual(sections.map(() => ["es", false]));

    await call(await articleRoute(), "action", post(`/app/knowledge/${articleId}`, { intent: "publish" }), {
      id: articleId,
    });
    expect((await db().knowledgeArticle.findUniqueOrThrow({ where: { id: articleId } })).status).toBe("PUBLISHED");
  });

  it("GIVEN articles WHEN the list is filtered by search, status, language and tag THEN only matching ones are listed", async () => {
    await saveArticle("new", {
      title: "Do you ship to Canada?",
      answer: "Yes.",
      tags: "shipping",
      locale: "en",
      status: "DRAFT",
    });
    expect((await list()).total).toBe(2);
    expect((await list("?q=canada")).articles.map((a) => a.title)).toEqual(["Do you ship to Canada?"]);
    expect((await list("?q=ENVIAMOS")).articles.map((a) => a.title)).toEqual(["¿Cuánto tarda el envío?"]);
    expect((await list("?status=DRAFT")).articles.map((a) => a.title)).toEqual(["Do you ship to Canada?"]);
    expect((await list("?locale=es")).articles.map((a) => a.title)).toEqual(["¿Cuánto tarda el envío?"]);
    expect((await list("?tag=shipping")).articles.map((a) => a.title)).toEqual(["Do you ship to Canada?"]);
  });

  it("GIVEN another shop's article id WHEN it is opened, saved, published or deleted THEN each answers 404 and it is unchanged", async () => {
    const route = await articleRoute();
    expect(
      (await call(route, "loader", new Request(`${BASE}/app/knowledge/${foreignId}`), { id: foreignId })).status,
    ).toBe(404);
    const fields = { title: "Hijacked", answer: "x", tags: "", locale: "en", status: "PUBLISHED" };
    expect((await saveArticle(foreignId, fields)).status).toBe(404);
    for (const intent of ["publish", "unpublish", "delete"]) {
      const res = await call(route, "action", post(`/app/knowledge/${foreignId}`, { intent }), { id: foreignId });
      expect(res.status).toBe(404);
    }
    expect(await db().knowledgeArticle.findUniqueOrThrow({ where: { id: foreignId } })).toMatchObject({
      title: "Their secret article",
      status: "PUBLISHED",
    });
    expect((await list("?q=secret")).total).toBe(0);
  });

  it("GIVEN an article WHEN it is deleted THEN it and its sections are gone", async () => {
    const res = await call(await articleRoute(), "action", post(`/app/knowledge/${articleId}`, { intent: "delete" }), {
      id: articleId,
    });
    expect(res.status).toBe(302);
    expect(await db().knowledgeArticle.findUnique({ where: { id: articleId } })).toBeNull();
    expect(await db().knowledgeSection.count({ where: { articleId } })).toBe(0);
  });
});
