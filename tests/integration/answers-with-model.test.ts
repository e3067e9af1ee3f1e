// decideAnswer with the shop's language model switched on, against the OpenAI-format stand-in
// through the real AI SDK: a grounded reply is used, every model failure gives exactly the
// retrieval-only decision, mandatory hand-offs never reach the model, and a Spanish question
// over English articles is answered in Spanish.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import type { AnswerDecision, DecideAnswerInput } from "../../app/knowledge/contracts";
import { importKnowledgeCsv } from "../../app/knowledge/csv-import.server";
import { decideAnswer } from "../../app/knowledge/decide-answer.server";
import { saveBrandVoice } from "../../app/knowledge/brand-voice.server";
import { closeLlmBudget, recordTokens } from "../../app/llm/budget.server";
import { saveLlmSettings } from "../../app/llm/settings.server";
import { dataBlockOf, startFakeOpenAI, type FakeOpenAI } from "../fakes";
import { createShop } from "../support/factories";

const ARTICLES_CSV = [
  "question,answer,tags,locale",
  "How long does shipping take?,Standard shipping takes 3 to 5 business days. Express shipping takes 1 to 2 business days.,shipping,en",
  "What is your return policy?,You can return unworn items within 30 days of delivery for a full refund.,returns,en",
  "Do you sell gift cards?,Yes. Digital gift cards from $25 to $200 are sold on the Gift cards page.,gift cards,en",
].join("\n");

let fake: FakeOpenAI;
let shopId: string;
let customerId: string;
let otherCustomerId: string;

async function configure(overrides: Record<string, unknown> = {}) {
  const saved = await saveLlmSettings(shopId, {
    enabled: true,
    provider: "openai_compatible",
    model: "threadline-test-model",
    baseUrl: fake.url,
    timeoutMs: 800,
    ...overrides,
  });
  expect(saved.ok).toBe(true);
}

/** The same message decided with the model switched off: the baseline every fallback must equal. */
async function retrievalOnly(input: DecideAnswerInput): Promise<AnswerDecision> {
  await configure({ enabled: false });
  const decision = await decideAnswer(input);
  await configure();
  fake.reset();
  return decision;
}

async function seedShop() {
  const shop = await createShop({ domain: `model-${Math.random().toString(36).slice(2)}.myshopify.com` });
  const imported = await importKnowledgeCsv(
    shop.id,
    { name: "articles.csv", bytes: new TextEncoder().encode(ARTICLES_CSV) },
    { asDrafts: false, defaultLocale: "en" },
  );
  expect(imported.ok).toBe(true);
  const me = await db().customer.create({ data: { shopId: shop.id, firstName: "Ana", email: "ana@example.com" } });
  const other = await db().customer.create({ data: { shopId: shop.id, firstName: "Bo", email: "bo@example.com" } });
  await db().order.create({
    data: {
      shopId: shop.id,
      shopifyOrderId: 1001n,
      customerId: me.id,
      name: "#1001",
      totalPrice: "59.00",
      financialStatus: "paid",
      fulfillmentStatus: "fulfilled",
      lineItems: [{ title: "Rain jacket", quantity: 1 }],
      processedAt: new Date("2026-11-28T10:00:00Z"),
    },
  });
  await db().fulfillment.create({
    data: {
      shopId: shop.id,
      shopifyFulfillmentId: 5001n,
      shopifyOrderId: 1001n,
      trackingCompany: "UPS",
      trackingNumber: "1Z999",
      trackingUrl: "https://ups.example/1Z999",
    },
  });
  await db().order.create({
    data: {
      shopId: shop.id,
      shopifyOrderId: 9999n,
      customerId: other.id,
      name: "#9999-OTHER",
      totalPrice: "4242.00",
      processedAt: new Date("2026-11-29T10:00:00Z"),
    },
  });
  return { shopId: shop.id, customerId: me.id, otherCustomerId: other.id };
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await closeLlmBudget();
  await fake?.close();
});
beforeEach(async () => {
  fake.reset();
  // Budgets count per shop per day: a fresh shop per test keeps them apart.
  ({ shopId, customerId, otherCustomerId } = await seedShop());
  await configure();
});

const SHIPPING = "How long does shipping take?";

describe("GIVEN a shop with its language model switched on", () => {
  it("WHEN retrieval finds the article THEN the model's grounded reply is sent, citing it, and the model saw only the retrieved articles and this customer's orders", async () => {
    await saveBrandVoice(shopId, { greeting: { en: "Hi there!" }, signOff: { en: "— The Threadline team" } });
    const input = { shopId, text: SHIPPING, locale: "en" as const, customerId };
    const baseline = await retrievalOnly(input);
    expect(baseline.kind).toBe("answer");
    fake.setDefault({
      kind: "respond",
      respond: (body) => {
        const data = dataBlockOf(body)!;
        const first = (data.articles as { id: string }[])[0]!;
        return {
          action: "reply",
          answer: "Your order #1001 shipped with UPS; standard delivery takes 3 to 5 business days.",
          citedArticleIds: [first.id],
          handoffReason: null,
          language: "en",
        };
      },
    });

    const decision = await decideAnswer({
      ...input,
      history: [{ from: "customer", text: "Hello, I bought a rain jacket." }],
    });

    expect(decision).toEqual({
      kind: "answer",
      text: "Hi there!\n\nYour order #1001 shipped with UPS; standard delivery takes 3 to 5 business days.\n\n— The Threadline team",
      confidence: baseline.kind === "answer" ? baseline.confidence : -1,
      article: baseline.kind === "answer" ? baseline.article : null,
      locale: "en",
    });
    expect(fake.requests).toHaveLength(1);
    const data = dataBlockOf(fake.requests[0]!.body)!;
    const articles = data.articles as { id: string; title: string; text: string }[];
    expect(articles[0]).toMatchObject({ title: SHIPPING, text: expect.stringContaining("3 to 5 business days") });
    const shopArticleIds = (await db().knowledgeArticle.findMany({ where: { shopId }, select: { id: true } })).map(
      (a) => a.id,
    );
    for (const a of articles) expect(shopArticleIds).toContain(a.id);
    expect(data.customerOrders).toEqual([
      {
        name: "#1001",
        placedAt: "2026-11-28T10:00:00.000Z",
        financialStatus: "paid",
        fulfillmentStatus: "fulfilled",
        total: "USD 59.00",
        items: ["Rain jacket"],
        tracking: [{ carrier: "UPS", number: "1Z999", url: "https://ups.example/1Z999" }],
      },
    ]);
    expect(data.conversationSoFar).toEqual([{ from: "customer", text: "Hello, I bought a rain jacket." }]);
    const wire = JSON.stringify(fake.requests[0]!.body);
    expect(wire).not.toContain("#9999-OTHER");
    expect(wire).not.toContain("4242");
    expect(wire).not.toContain(otherCustomerId);
  });

  it("WHEN the model hands off THEN it is a hand-off that says the assistant chose a person", async () => {
    fake.enqueue({
      kind: "json",
      value: { action: "handoff", answer: null, citedArticleIds: [], handoffReason: "needs_action", language: "en" },
    });
    const decision = await decideAnswer({ shopId, text: SHIPPING, locale: "en", customerId });
    expect(decision).toMatchObject({
      kind: "handoff",
      reason: "low_confidence",
      explanation: "the assistant chose a person: wants something only staff can change",
      nearest: { title: SHIPPING },
    });
  });

  const failures = [
    ["times out", { kind: "delay", ms: 2000 }],
    ["answers 500", { kind: "status", status: 500 }],
    ["returns invalid JSON", { kind: "content", content: "Sure! Shipping takes 3-5 days." }],
    [
      "cites an article it was not given",
      {
        kind: "json",
        value: {
          action: "reply",
          answer: "Everything is free today.",
          citedArticleIds: ["art_invented"],
          handoffReason: null,
          language: "en",
        },
      },
    ],
  ] as const;
  for (const [what, behaviour] of failures) {
    it(`WHEN the model ${what} THEN the decision is exactly the retrieval-only one`, async () => {
      const input = { shopId, text: SHIPPING, locale: "en" as const, customerId };
      const baseline = await retrievalOnly(input);
      fake.enqueue(behaviour);
      const decision = await decideAnswer(input);
      expect(fake.requests).toHaveLength(1);
      expect(decision).toEqual(baseline);
    });
  }

  it("WHEN a message is a mandatory hand-off topic THEN the model is never called", async () => {
    for (const text of [
      "I want to speak to a human about shipping",
      "I will dispute this charge with my bank, how long does shipping take?",
      "The jacket gave me a rash, what is your return policy?",
    ]) {
      const decision = await decideAnswer({ shopId, text, locale: "en", customerId });
      expect(decision.kind, text).toBe("handoff");
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("WHEN today's token budget is spent THEN the model is not called and retrieval decides", async () => {
    await configure({ dailyTokenBudget: 1000 });
    const input = { shopId, text: SHIPPING, locale: "en" as const, customerId };
    const baseline = await retrievalOnly(input);
    await configure({ dailyTokenBudget: 1000 });
    await recordTokens(shopId, 1000);
    const decision = await decideAnswer(input);
    expect(fake.requests).toHaveLength(0);
    expect(decision).toEqual(baseline);
  });

  it("WHEN a Spanish question meets English-only articles THEN the model answers in Spanish, citing the English article", async () => {
    const text = "¿Venden gift cards?";
    // Retrieval alone finds the English article and can only send its English text.
    const baseline = await retrievalOnly({ shopId, text, customerId });
    expect(baseline).toMatchObject({
      kind: "answer",
      text: expect.stringContaining("Digital gift cards"),
      locale: "es",
    });
    fake.setDefault({
      kind: "respond",
      respond: (body) => {
        const data = dataBlockOf(body)!;
        expect(data.customerLanguage).toBe("es");
        const first = (data.articles as { id: string }[])[0]!;
        return {
          action: "reply",
          answer: "Sí. Vendemos tarjetas de regalo digitales de 25 a 200 dólares en la página Gift cards.",
          citedArticleIds: [first.id],
          handoffReason: null,
          language: "es",
        };
      },
    });
    const decision = await decideAnswer({ shopId, text, customerId });
    expect(decision).toMatchObject({
      kind: "answer",
      text: "Sí. Vendemos tarjetas de regalo digitales de 25 a 200 dólares en la página Gift cards.",
      confidence: baseline.kind === "answer" ? baseline.confidence : -1,
      article: { title: "Do you sell gift cards?" },
      locale: "es",
    });
    expect(fake.requests).toHaveLength(1);
  });

  it("WHEN retrieval is unsure and the model classifies it as a hand-off THEN it stays a hand-off, in the model's words", async () => {
    const text = "shipping of my jacket, any news";
    const baseline = await retrievalOnly({ shopId, text, locale: "en", customerId });
    fake.setDefault({ kind: "json", value: { intent: "handoff" } });
    const decision = await decideAnswer({ shopId, text, locale: "en", customerId });
    expect(decision).toEqual({
      ...baseline,
      explanation: "the assistant chose a person: needs a person, not an article",
    });
  });

  it("WHEN retrieval is unsure and the model classifies it as order tracking THEN it becomes order tracking, never an answer", async () => {
    const text = "shipping of my jacket, any news";
    const baseline = await retrievalOnly({ shopId, text, locale: "en", customerId });
    fake.setDefault({ kind: "json", value: { intent: "order_tracking" } });
    const decision = await decideAnswer({ shopId, text, locale: "en", customerId });
    expect(baseline).toMatchObject({ kind: "handoff", reason: "low_confidence", nearest: { title: SHIPPING } });
    expect(decision).toEqual({ kind: "order_tracking", confidence: 0.5, locale: "en" });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body.response_format).toMatchObject({ json_schema: { name: "intent_classification" } });
  });
});
