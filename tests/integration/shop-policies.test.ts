// The shop's policies as knowledge articles, read from the Admin API stand-in over real HTTP:
// one published article per policy with "##" sections from the HTML headings, answered and cited by
// decideAnswer; a refresh rewrites a changed policy, removes a deleted one and leaves the rest
// alone; Shopify failing leaves everything as it was; the daily job's id; the page's refresh route
// and the editor's read-only rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { dailyPolicyJobId, JOB, QUEUE } from "../../app/jobs/queues.server";
import { processors } from "../../app/jobs/processors/index.server";
import { scheduleRepeatableJobs } from "../../app/jobs/schedule.server";
import { decideAnswer } from "../../app/knowledge/decide-answer.server";
import { refreshDueShopPolicies } from "../../app/knowledge/shop-policy-jobs.server";
import { policyArticles as articlesOfPolicies, refreshShopPolicies } from "../../app/knowledge/shop-policies.server";
import { syncSourceArticles } from "../../app/knowledge/articles.server";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { seedDemoKnowledge } from "../../scripts/demo/seed-knowledge";
import { indexArticle } from "../../app/knowledge/index-article.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { runBackfill } from "../../app/shopify/backfill/run-backfill.server";
import { startBackfill } from "../../app/shopify/backfill/start-backfill.server";
import {
  generateShopDataset,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeShopDataset,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = { action?: (args: RouteArgs) => Promise<Response> | Response };

const BASE = "http://127.0.0.1:3999";
let fake: FakeShopifyAdmin;
let shopId: string;

function dataset(): FakeShopDataset {
  return generateShopDataset({ seed: 36, customers: 2, shopDomain: TEST_SHOP_DOMAIN });
}

async function call(mod: RouteModule, request: Request, params: Record<string, string> = {}) {
  try {
    return await mod.action!({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const post = (path: string, fields: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(fields) });

const policyArticles = () =>
  db().knowledgeArticle.findMany({ where: { shopId, source: "SHOP_POLICY" }, orderBy: { sourceRef: "asc" } });

beforeAll(async () => {
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  fake = await startFakeShopifyAdmin({ dataset: dataset(), bucket: { maximumAvailable: 2000, restoreRate: 1000 } });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
  resetConfigCache();
  await seedOfflineSession(TEST_SHOP_DOMAIN);
  shopId = (await db().shop.create({ data: { domain: TEST_SHOP_DOMAIN, name: "Threadline Demo" } })).id;
});

afterAll(async () => {
  await fake?.close();
  delete process.env.THREADLINE_DEMO;
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  markDemoRunner(false);
  resetConfigCache();
});

describe("shop policies", () => {
  it("GIVEN the stand-in's five policies WHEN refreshed THEN one published article each, sections from the headings, plain text", async () => {
    const result = await refreshShopPolicies(shopId);

    expect(result).toMatchObject({ ok: true, created: 5, updated: 0, removed: 0, unchanged: 0 });
    const [request] = fake.requestsFor("ShopPolicies");
    expect(request.body?.query).toMatch(/shop\s*{\s*shopPolicies\s*{\s*id type title body url updatedAt\s*}/);
    const articles = await policyArticles();
    expect(articles.map((a) => [a.sourceRef, a.title, a.status, a.locale, a.tags])).toEqual([
      ["CONTACT_INFORMATION", "Contact information", "PUBLISHED", "en", ["policy"]],
      ["PRIVACY_POLICY", "Privacy policy", "PUBLISHED", "en", ["policy"]],
      ["REFUND_POLICY", "Refund policy", "PUBLISHED", "en", ["policy"]],
      ["SHIPPING_POLICY", "Shipping policy", "PUBLISHED", "en", ["policy"]],
      ["TERMS_OF_SERVICE", "Terms of service", "PUBLISHED", "en", ["policy"]],
    ]);
    const refund = articles.find((a) => a.sourceRef === "REFUND_POLICY")!;
    expect(refund.answer).toMatch(/^## Returns\n\nWe have a 30-day return policy, which means/);
    expect(refund.answer).toContain("- Gift cards\n- Sale items\n- Socks and underwear, for hygiene reasons");
    expect(refund.answer).toContain("You’ll also need the receipt");
    for (const a of articles) expect(a.answer).not.toMatch(/<[a-z/]|&[a-z]+;/i);
    const sections = await db().knowledgeSection.findMany({
      where: { shopId, articleId: refund.id },
      orderBy: { position: "asc" },
    });
    expect(sections.map((s) => s.heading)).toEqual([
      "Refund policy — Returns",
      "Refund policy — Damages and issues",
      "Refund policy — Exceptions / non-returnable items",
      "Refund policy — Exchanges",
      "Refund policy — Refunds",
    ]);
    expect(sections.every((s) => s.published)).toBe(true);
    const contact = articles.find((a) => a.sourceRef === "CONTACT_INFORMATION")!;
    expect(contact.answer).toBe(
      "Threadline Demo Outfitters\n120 Market Street\nBrooklyn, NY 11201\nUnited States\n\n" +
        "Email: hello@threadline-demo.example.com\nPhone: +1 (718) 555-0100, Monday to Friday, 9 am–5 pm Eastern",
    );
    const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.policiesSyncedAt?.getTime()).toBe(result.ok ? result.syncedAt.getTime() : NaN);
  });

  it("GIVEN the imported policies WHEN a customer asks about one part THEN decideAnswer answers from that section and cites it", async () => {
    const decision = await decideAnswer({ shopId, text: "Which items cannot be returned?" });
    expect(decision, JSON.stringify(decision)).toMatchObject({ kind: "answer" });
    if (decision.kind !== "answer") return;
    expect(decision.article.title).toBe("Refund policy");
    const section = await db().knowledgeSection.findUniqueOrThrow({ where: { id: decision.article.sectionId } });
    expect(section.heading).toBe("Refund policy — Exceptions / non-returnable items");
    expect(decision.text).toContain("Gift cards");
    expect(decision.text).not.toContain("30-day return policy");
  });

  it("GIVEN a changed, a deleted, an emptied and an unchanged policy WHEN refreshed THEN exactly those are rewritten or removed", async () => {
    const before = await policyArticles();
    const next = dataset();
    const policies = next.shop.policies!;
    policies.find((p) => p.type === "SHIPPING_POLICY")!.body =
      "<h2>Processing time</h2><p>Orders ship the same day.</p><h2>International shipping</h2><p>We now ship worldwide.</p>";
    next.shop.policies = policies.filter((p) => p.type !== "TERMS_OF_SERVICE");
    next.shop.policies.find((p) => p.type === "PRIVACY_POLICY")!.body = "<p>  </p>";
    next.shop.policies.push({
      ...policies[0]!,
      id: "gid://shopify/ShopPolicy/24000099",
      type: "LEGAL_NOTICE",
      title: "",
      body: "<p>Threadline Demo Outfitters LLC, registered in New York.</p>",
    });
    fake.setDataset(next);

    const result = await refreshShopPolicies(shopId);

    expect(result).toMatchObject({ ok: true, created: 1, updated: 1, removed: 2, unchanged: 2 });
    const after = await policyArticles();
    expect(after.map((a) => a.sourceRef)).toEqual([
      "CONTACT_INFORMATION",
      "LEGAL_NOTICE",
      "REFUND_POLICY",
      "SHIPPING_POLICY",
    ]);
    const shipping = after.find((a) => a.sourceRef === "SHIPPING_POLICY")!;
    expect(shipping.answer).toBe(
      "## Processing time\n\nOrders ship the same day.\n\n## International shipping\n\nWe now ship worldwide.",
    );
    expect(after.find((a) => a.sourceRef === "LEGAL_NOTICE")!.title).toBe("Legal notice");
    // Unchanged policies are not rewritten at all.
    const refundBefore = before.find((a) => a.sourceRef === "REFUND_POLICY")!;
    expect(after.find((a) => a.sourceRef === "REFUND_POLICY")!.updatedAt).toEqual(refundBefore.updatedAt);
    const decision = await decideAnswer({ shopId, text: "Do you ship worldwide?" });
    expect(decision.kind === "answer" ? decision.article.title : decision).toBe("Shipping policy");
  });

  it("GIVEN a policy the merchant unpublished WHEN Shopify changes it THEN it is rewritten but stays unpublished", async () => {
    const refund = (await policyArticles()).find((a) => a.sourceRef === "REFUND_POLICY")!;
    const articleRoute = (await import("../../app/routes/app.knowledge.$id")) as RouteModule;
    const unpublished = await call(articleRoute, post(`/app/knowledge/${refund.id}`, { intent: "unpublish" }), {
      id: refund.id,
    });
    expect(unpublished.status).toBe(200);
    const next = structuredClone(fake.dataset);
    next.shop.policies!.find((p) => p.type === "REFUND_POLICY")!.body = "<h2>Returns</h2><p>60 days now.</p>";
    fake.setDataset(next);

    expect(await refreshShopPolicies(shopId)).toMatchObject({ ok: true, updated: 1 });

    const after = await db().knowledgeArticle.findUniqueOrThrow({ where: { id: refund.id } });
    expect(after).toMatchObject({ status: "DRAFT", answer: "## Returns\n\n60 days now." });
    expect(await db().knowledgeSection.count({ where: { articleId: refund.id, published: true } })).toBe(0);
  });

  it("GIVEN a policy article WHEN its fields are saved from the editor THEN 409 and nothing changes", async () => {
    const shipping = (await policyArticles()).find((a) => a.sourceRef === "SHIPPING_POLICY")!;
    const articleRoute = (await import("../../app/routes/app.knowledge.$id")) as RouteModule;
    const res = await call(
      articleRoute,
      post(`/app/knowledge/${shipping.id}`, {
        intent: "save",
        title: "Edited here",
        answer: "We never ship.",
        tags: "policy",
        locale: "en",
        status: "PUBLISHED",
      }),
      { id: shipping.id },
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Shopify admin → Settings → Policies");
    expect(await db().knowledgeArticle.findUniqueOrThrow({ where: { id: shipping.id } })).toMatchObject({
      title: "Shipping policy",
      answer: shipping.answer,
    });
  });

  it("GIVEN Shopify failing WHEN refreshed THEN the articles and the sync time are untouched and the result says so", async () => {
    const before = await policyArticles();
    const syncedBefore = (await db().shop.findUniqueOrThrow({ where: { id: shopId } })).policiesSyncedAt;
    fake.failNext(503, 3);

    const result = await refreshShopPolicies(shopId, {
      adminClient: { maxTransientRetries: 2, transientBackoffMs: 1 },
    });

    expect(result).toMatchObject({ ok: false, reason: "admin_api" });
    expect(result.ok ? "" : result.message).toMatch(
      /^Shopify could not be read \(.*HTTP 503.*\)\. Your policy articles were left as they were\.$/,
    );
    expect(await policyArticles()).toEqual(before);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shopId } })).policiesSyncedAt).toEqual(syncedBefore);
  });

  it("GIVEN the Knowledge page WHEN Refresh policies is posted THEN it answers with the result and the time", async () => {
    const route = (await import("../../app/routes/app.knowledge.policies.refresh")) as RouteModule;
    const res = await call(route, post("/app/knowledge/policies/refresh"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; message: string; syncedAt: string };
    expect(body).toMatchObject({ ok: true, message: "Policies refreshed: 4 unchanged." });
    const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
    expect(shop.policiesSyncedAt?.toISOString()).toBe(body.syncedAt);
  });

  it("GIVEN a shop in French or in German WHEN refreshed THEN the articles are French, or English", async () => {
    await db().shop.update({ where: { id: shopId }, data: { primaryLocale: "fr-CA" } });
    await refreshShopPolicies(shopId);
    expect(new Set((await policyArticles()).map((a) => a.locale))).toEqual(new Set(["fr"]));
    await db().shop.update({ where: { id: shopId }, data: { primaryLocale: "de" } });
    await refreshShopPolicies(shopId);
    expect(new Set((await policyArticles()).map((a) => a.locale))).toEqual(new Set(["en"]));
  });
});

describe("policies beside the merchant's own articles", () => {
  it("GIVEN the demo's FAQ and the five policies WHEN customers ask the FAQ's questions THEN the FAQ articles still answer", async () => {
    const shop = await db().shop.create({ data: { domain: "policies-and-faq.myshopify.com" } });
    await seedDemoKnowledge(shop.id);
    const faqOnly = await decideAnswer({ shopId: shop.id, text: "How long does shipping take?" });
    // The same policies, written as the refresh writes them.
    const policies = articlesOfPolicies({ shop: { shopPolicies: dataset().shop.policies! } }, "en");
    await inRetryingTransaction((tx) => syncSourceArticles(tx, shop.id, "SHOP_POLICY", policies));

    const gifts = await db().knowledgeArticle.create({
      data: {
        shopId: shop.id,
        title: "Do you sell gift cards?",
        answer: "Yes: gift cards from $10 to $500, delivered by email within minutes. They never expire.",
        tags: ["gifts", "cards"],
        status: "PUBLISHED",
      },
    });
    await inRetryingTransaction((tx) => indexArticle(tx, shop.id, gifts.id));
    for (const [text, title] of [
      ["How long does shipping take?", "How long does shipping take?"],
      ["Do you sell gift cards?", "Do you sell gift cards?"],
      ["¿Puedo devolver un producto?", "¿Puedo devolver un producto?"],
    ]) {
      const decision = await decideAnswer({ shopId: shop.id, text });
      expect(decision.kind === "answer" ? decision.article.title : decision, text).toBe(title);
    }
    const after = await decideAnswer({ shopId: shop.id, text: "How long does shipping take?" });
    expect(after.kind === "answer" && faqOnly.kind === "answer").toBe(true);
  });
});

describe("the daily refresh", () => {
  it("GIVEN shops due, fresh and uninstalled WHEN the hourly pass runs THEN one job policies-<shopId>-<day> per due shop, once", async () => {
    const now = new Date("2026-12-02T10:00:00Z");
    const due = await db().shop.create({
      data: { domain: "policies-due.myshopify.com", policiesSyncedAt: new Date("2026-12-01T09:00:00Z") },
    });
    const fresh = await db().shop.create({
      data: { domain: "policies-fresh.myshopify.com", policiesSyncedAt: new Date("2026-12-02T08:00:00Z") },
    });
    const gone = await db().shop.create({
      data: { domain: "policies-gone.myshopify.com", uninstalledAt: new Date() },
    });
    expect(dailyPolicyJobId(due.id, now)).toBe(`policies-${due.id}-2026-12-02`);

    await refreshDueShopPolicies(now);
    await refreshDueShopPolicies(now);

    const queue = getQueue(QUEUE.backfill);
    const job = await queue.getJob(`policies-${due.id}-2026-12-02`);
    expect(job?.name).toBe(JOB.refreshShopPolicies);
    expect(job?.data).toEqual({ shopId: due.id });
    expect(await queue.getJob(`policies-${fresh.id}-2026-12-02`)).toBeUndefined();
    expect(await queue.getJob(`policies-${gone.id}-2026-12-02`)).toBeUndefined();
    const ours = (await queue.getJobs(["waiting", "delayed", "prioritized"])).filter((j) =>
      String(j.id).startsWith(`policies-${due.id}-`),
    );
    expect(ours).toHaveLength(1);
  });

  it("GIVEN the workers' schedules WHEN set up THEN the hourly pass repeats under one scheduler id", async () => {
    await scheduleRepeatableJobs();
    await scheduleRepeatableJobs();
    const schedulers = await getQueue(QUEUE.maintenance).getJobSchedulers();
    const passes = schedulers.filter((s) => s.key === JOB.refreshDueShopPolicies);
    expect(passes).toHaveLength(1);
    expect(passes[0]!.every).toBe(60 * 60_000);
  });

  it("GIVEN the job for a shop WHEN it runs THEN the policies are read; a Shopify failure throws so BullMQ retries", async () => {
    fake.setDataset(dataset());
    await db().shop.update({ where: { id: shopId }, data: { primaryLocale: "en" } });
    await processors[JOB.refreshShopPolicies]({ shopId }, {} as never);
    expect((await policyArticles()).map((a) => a.sourceRef)).toHaveLength(5);

    fake.failNext(400, 1);
    await expect(processors[JOB.refreshShopPolicies]({ shopId }, {} as never)).rejects.toThrow(
      /Your policy articles were left as they were/,
    );
    expect(await policyArticles()).toHaveLength(5);
  });

  it("GIVEN a completed backfill THEN a policy refresh is enqueued under the run's own id", async () => {
    const runId = await startBackfill(shopId, "manual");
    await runBackfill(runId);
    const job = await getQueue(QUEUE.backfill).getJob(`policies-${shopId}-backfill-${runId}`);
    expect(job?.name).toBe(JOB.refreshShopPolicies);
    expect(job?.data).toEqual({ shopId });
  });
});
