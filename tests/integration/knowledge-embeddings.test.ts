// Live embeddings fused with BM25, through the real AI SDK against the OpenAI-format stand-in's
// `/embeddings`, real PostgreSQL and a real BullMQ worker: the job writes each published
// section's vector with the model's name (the stand-in received exactly the section texts), the
// reconciler re-enqueues what is missing or from another model, fusion lifts a paraphrase BM25
// ranked second, an uncovered question is still handed off, a failing or spent embedding call
// gives exactly the BM25-only decision, and embedding tokens count against the daily budget.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { saveArticle } from "../../app/knowledge/articles.server";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "../../app/knowledge/confidence-model";
import type { AnswerDecision } from "../../app/knowledge/contracts";
import { importKnowledgeCsv } from "../../app/knowledge/csv-import.server";
import { decideAnswer } from "../../app/knowledge/decide-answer.server";
import { sectionEmbeddingText } from "../../app/knowledge/embed-sections.server";
import { closeLlmBudget, recordTokens, tokensUsedToday } from "../../app/llm/budget.server";
import { saveLlmSettings } from "../../app/llm/settings.server";
import { fakeEmbedding, startFakeOpenAI, type FakeOpenAI } from "../fakes";
import { createShop } from "../support/factories";
import { waitFor } from "./flows-engine-support";

// A: BM25's favourite (its heading and body repeat "money back"). B: "money back" once, in the
// body, among the customer's own words ("want", "would", "help", "get" are filler to BM25, not
// to a vector).
// C: shares those words but not the topic, so it is no BM25 candidate, yet the vectors put it
// between B and A: reciprocal rank then prefers B over A.
const CSV = [
  "question,answer,tags,locale",
  '"Money back guarantee","Money back guarantee: money back on every product within 60 days if it breaks.",,en',
  '"When is my payment returned?","We would like to help you get your money back: tell us you want it and we pay you in 5 days.",,en',
  '"Can we help?","We would like to know what you want and help you.",,en',
  '"How long does shipping take?","Standard shipping takes 3 to 5 business days.",shipping,en',
].join("\n");
const PARAPHRASE = "I want to know, would you help me get my money back?";
const EMBED_MODEL = "threadline-embed";

let fake: FakeOpenAI;
let workers: WorkerHandle;
let shopId: string;

async function configure(over: Record<string, unknown> = {}) {
  const saved = await saveLlmSettings(shopId, {
    enabled: true,
    provider: "openai_compatible",
    model: "threadline-test-model",
    baseUrl: fake.url,
    timeoutMs: 3000,
    embeddingModel: EMBED_MODEL,
    ...over,
  });
  expect(saved.ok).toBe(true);
}

const sections = () =>
  db().knowledgeSection.findMany({
    where: { shopId, published: true },
    select: { id: true, articleId: true, heading: true, body: true, embedding: true, embeddingModel: true },
    orderBy: { heading: "asc" },
  });

async function allEmbedded(model = EMBED_MODEL) {
  return waitFor(async () => {
    const rows = await sections();
    const done = rows.length > 0 && rows.every((r) => r.embeddingModel === model && r.embedding.length > 0);
    return done ? rows : null;
  }, `every section embedded with ${model}`);
}

async function articleId(title: string) {
  return (await db().knowledgeArticle.findFirstOrThrow({ where: { shopId, title } })).id;
}

const articleOf = (d: AnswerDecision) => (d.kind === "answer" ? d.article.articleId : null);

/** The same message decided with embeddings off: what every embedding failure must equal. */
async function bm25Only(text: string): Promise<AnswerDecision> {
  await configure({ embeddingModel: undefined });
  const decision = await decideAnswer({ shopId, text, locale: "en" });
  await configure();
  return decision;
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  workers = await startWorkers({ queues: [QUEUE.embeddings], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await closeLlmBudget();
  await fake?.close();
});
beforeEach(async () => {
  fake.reset();
  await getQueue(QUEUE.embeddings).drain(true);
  // Budgets count per shop per day: a fresh shop per test keeps them apart.
  shopId = (await createShop({ domain: `embed-${Math.random().toString(36).slice(2)}.myshopify.com` })).id;
});

describe("section vectors", () => {
  it("GIVEN embeddings switched on WHEN an article is saved THEN its job writes the vector with the model's name, from exactly the section's text, and counts the tokens", async () => {
    await configure();
    const saved = await saveArticle(shopId, null, {
      title: "Do you sell gift cards?",
      answer: "Yes. Digital gift cards from $25 to $200.",
      tags: [],
      locale: "en",
      status: "PUBLISHED",
    });
    expect(saved.ok).toBe(true);
    const [row] = await allEmbedded();
    const text = "Do you sell gift cards?\n\nYes. Digital gift cards from $25 to $200.";
    expect(sectionEmbeddingText(row!.heading, row!.body)).toBe(text);
    expect(fake.embeddingRequests).toHaveLength(1);
    expect(fake.embeddingRequests[0]!.body).toMatchObject({ model: EMBED_MODEL, input: [text] });
    expect(row!.embedding).toEqual(fakeEmbedding(text));
    // The stand-in reports ceil(length / 4) tokens per input: exactly what the budget counted.
    expect(await tokensUsedToday(shopId)).toBe(Math.ceil(text.length / 4));
  });

  it("GIVEN articles written while embeddings were off, then a new embedding model WHEN the reconciler runs THEN every section is (re-)embedded with it", async () => {
    await configure({ embeddingModel: undefined });
    const imported = await importKnowledgeCsv(
      shopId,
      { name: "faq.csv", bytes: new TextEncoder().encode(CSV) },
      { asDrafts: false, defaultLocale: "en" },
    );
    expect(imported.ok).toBe(true);
    expect(fake.embeddingRequests).toHaveLength(0);

    await configure(); // saved directly: nothing enqueued, only the reconciler can notice
    expect((await reconcile()).embeddings).toBe(4);
    const rows = await allEmbedded();
    const sent = fake.embeddingRequests.flatMap((r) => r.body.input as string[]).sort();
    expect(sent).toEqual(rows.map((r) => sectionEmbeddingText(r.heading, r.body)).sort());

    await configure({ embeddingModel: "threadline-embed-v2" });
    expect((await reconcile()).embeddings).toBe(4);
    await allEmbedded("threadline-embed-v2");
    expect(fake.embeddingRequests.at(-1)!.body.model).toBe("threadline-embed-v2");
    expect((await reconcile()).embeddings).toBe(0);
  });
});

describe("fusion in decideAnswer", () => {
  beforeEach(async () => {
    await configure();
    const imported = await importKnowledgeCsv(
      shopId,
      { name: "faq.csv", bytes: new TextEncoder().encode(CSV) },
      { asDrafts: false, defaultLocale: "en" },
    );
    expect(imported.ok).toBe(true);
    await allEmbedded();
    fake.reset();
  });

  it("GIVEN a paraphrase BM25 ranks second WHEN decided THEN fusion answers from it, embedding the message once", async () => {
    const baseline = await bm25Only(PARAPHRASE);
    expect(articleOf(baseline)).toBe(await articleId("Money back guarantee"));
    fake.reset();
    const fused = await decideAnswer({ shopId, text: PARAPHRASE, locale: "en" });
    expect(fused.kind).toBe("answer");
    expect(articleOf(fused)).toBe(await articleId("When is my payment returned?"));
    // Lifted only because it is trusted on its own BM25 features.
    expect(fused.kind === "answer" && fused.confidence).toBeGreaterThanOrEqual(DEFAULT_CONFIDENCE_THRESHOLD);
    expect(fake.embeddingRequests.map((r) => r.body.input)).toEqual([[PARAPHRASE]]);
  });

  it("GIVEN a question the knowledge base does not cover WHEN decided THEN it is handed off exactly as without embeddings, and nothing is embedded", async () => {
    const text = "Can I pay with a cheque sent by post from Norway?";
    const baseline = await bm25Only(text);
    expect(baseline.kind).toBe("handoff");
    fake.reset();
    expect(await decideAnswer({ shopId, text, locale: "en" })).toEqual(baseline);
    expect(fake.embeddingRequests).toHaveLength(0);
  });

  it("GIVEN the embedding endpoint down, failing or slow WHEN decided THEN the decision is exactly BM25's", async () => {
    const baseline = await bm25Only(PARAPHRASE);
    await configure({ baseUrl: "http://127.0.0.1:9/v1" }); // nothing listens there
    expect(await decideAnswer({ shopId, text: PARAPHRASE, locale: "en" })).toMatchObject({
      kind: "answer",
      article: { articleId: articleOf(baseline) },
    });
    await configure();
    fake.reset();
    fake.enqueueEmbedding({ kind: "status", status: 500 });
    expect(await decideAnswer({ shopId, text: PARAPHRASE, locale: "en" })).toEqual(baseline);
    fake.enqueueEmbedding({ kind: "delay", ms: 2500 });
    expect(await decideAnswer({ shopId, text: PARAPHRASE, locale: "en" })).toEqual(baseline);
    expect(fake.embeddingRequests).toHaveLength(2);
  });

  it("GIVEN today's budget spent WHEN decided THEN nothing is embedded and the decision is BM25's; the message's tokens count otherwise", async () => {
    const baseline = await bm25Only(PARAPHRASE);
    // The chat call fails (a failed call counts no tokens), so only the message's embedding counts.
    fake.reset();
    fake.setDefault({ kind: "status", status: 500 });
    const before = await tokensUsedToday(shopId);
    await decideAnswer({ shopId, text: PARAPHRASE, locale: "en" });
    expect(fake.requests).toHaveLength(1);
    expect(fake.embeddingRequests).toHaveLength(1);
    expect(await tokensUsedToday(shopId)).toBe(before + Math.ceil(PARAPHRASE.length / 4));

    await recordTokens(shopId, 10_000_000);
    fake.reset();
    expect(await decideAnswer({ shopId, text: PARAPHRASE, locale: "en" })).toEqual(baseline);
    expect(fake.embeddingRequests).toHaveLength(0);
  });
});
