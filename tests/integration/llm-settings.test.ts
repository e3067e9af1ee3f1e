// The Language model card's routes (POST /app/answers/model and /app/answers/model/test) through
// the real route modules, database and Redis, against the OpenAI-format stand-in: the key is
// stored sealed, kept when left blank, removed on request and never in the page's JSON; bad
// fields answer 400 naming them; another shop's settings are untouched; Test connection reports
// the model and tokens, or the provider's failure in plain words.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { decryptSecret } from "../../app/lib/crypto.server";
import { closeLlmBudget, tokensUsedToday } from "../../app/llm/budget.server";
import { loadLlmSettings, saveLlmSettings } from "../../app/llm/settings.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { startFakeOpenAI, type FakeOpenAI } from "../fakes";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  action?: (args: RouteArgs) => Promise<Response>;
  loader?: (args: RouteArgs) => Promise<Response>;
};

const KEY = "sk-right-key-0123456789";
let fake: FakeOpenAI;
let shopId: string;
let otherShopId: string;

async function post(path: "model" | "model/test", fields: Record<string, string>) {
  const route = (await import(
    path === "model" ? "../../app/routes/app.answers.model" : "../../app/routes/app.answers.model.test"
  )) as unknown as RouteModule;
  const res = await route.action!({
    request: new Request(`http://127.0.0.1:3999/app/answers/${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    params: {},
    context: {},
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function form(over: Record<string, string> = {}): Record<string, string> {
  return {
    enabled: "on",
    provider: "openai_compatible",
    model: "threadline-test-model",
    baseUrl: fake.url,
    apiKey: "",
    dailyTokenBudget: "50000",
    timeoutSeconds: "5",
    embeddingModel: "",
    ...over,
  };
}

const storedLlm = async (id: string) =>
  ((await db().shop.findUniqueOrThrow({ where: { id } })).settings as Record<string, Record<string, unknown>>).llm;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: KEY });
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  shopId = (await createShop()).id;
  otherShopId = (await createShop({ domain: "other-llm.myshopify.com" })).id;
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
});

afterAll(async () => {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
  await closeLlmBudget();
  await fake?.close();
});

beforeEach(() => fake.reset());

describe("saving the language model settings", () => {
  it("GIVEN a key WHEN saved THEN it is stored sealed, and a blank key later keeps it; the other shop is untouched", async () => {
    await saveLlmSettings(otherShopId, {
      enabled: true,
      provider: "openai",
      model: "gpt-other",
      apiKey: "sk-other-shop",
    });
    const otherBefore = await storedLlm(otherShopId);

    const first = await post("model", form({ apiKey: KEY, embeddingModel: "threadline-embed" }));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ok: true,
      settings: {
        enabled: true,
        provider: "openai_compatible",
        model: "threadline-test-model",
        baseUrl: fake.url,
        dailyTokenBudget: 50000,
        timeoutMs: 5000,
        embeddingModel: "threadline-embed",
        hasApiKey: true,
      },
    });
    const sealed = await storedLlm(shopId);
    expect(JSON.stringify(sealed)).not.toContain(KEY);
    expect(decryptSecret(String(sealed!.apiKeyCiphertext))).toBe(KEY);

    const second = await post("model", form({ model: "another-model", embeddingModel: "threadline-embed" }));
    expect(second.status).toBe(200);
    const kept = await loadLlmSettings(shopId);
    expect(kept.model).toBe("another-model");
    expect(kept.apiKeyCiphertext).toBe(sealed!.apiKeyCiphertext);

    expect(await storedLlm(otherShopId)).toEqual(otherBefore);
  });

  it("GIVEN a stored key WHEN the page loads THEN its JSON says only that a key is stored", async () => {
    await post("model", form({ apiKey: KEY }));
    const ciphertext = (await loadLlmSettings(shopId)).apiKeyCiphertext!;
    const route = (await import("../../app/routes/app.knowledge._index")) as unknown as RouteModule;
    const res = await route.loader!({
      request: new Request("http://127.0.0.1:3999/app/knowledge"),
      params: {},
      context: {},
    });
    const text = await res.text();
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(ciphertext);
    expect(text).not.toContain("apiKeyCiphertext");
    const data = JSON.parse(text) as { languageModel: { settings: Record<string, unknown>; usedToday: number } };
    expect(data.languageModel.settings).toMatchObject({ hasApiKey: true, model: "threadline-test-model" });
    expect(data.languageModel.usedToday).toBe(0);
  });

  it("GIVEN 'Remove stored key' WHEN saved THEN the key is gone", async () => {
    await post("model", form({ apiKey: KEY }));
    const res = await post("model", form({ clearApiKey: "on" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, settings: { hasApiKey: false } });
    expect((await loadLlmSettings(shopId)).apiKeyCiphertext).toBeUndefined();
  });

  it("GIVEN bad fields WHEN saved THEN 400 names the field and nothing changes", async () => {
    await post("model", form({ apiKey: KEY }));
    const before = await storedLlm(shopId);
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ provider: "gemini" }, "provider", "Provider: must be openai, anthropic or openai_compatible"],
      [{ model: "" }, "model", "Model: is required"],
      [{ baseUrl: "" }, "baseUrl", "Base URL: is required for an OpenAI-compatible server"],
      [{ baseUrl: "ftp://models.example" }, "baseUrl", "Base URL: must start with http:// or https://"],
      [
        { dailyTokenBudget: "-5" },
        "dailyTokenBudget",
        "Daily token budget: must be a whole number of tokens, 0 or more",
      ],
      [{ timeoutSeconds: "120" }, "timeoutSeconds", "Timeout: must be between 0.5 and 60 seconds"],
      [
        { provider: "anthropic", baseUrl: "", embeddingModel: "voyage-3" },
        "embeddingModel",
        "Embedding model: Anthropic has no embedding models: leave it blank, or use OpenAI or an OpenAI-compatible server",
      ],
    ];
    for (const [over, field, error] of cases) {
      const res = await post("model", form(over));
      expect(res, JSON.stringify(over)).toEqual({ status: 400, body: { ok: false, field, error } });
    }
    expect(await storedLlm(shopId)).toEqual(before);
  });

  it("GIVEN switched off without a model WHEN saved THEN it is accepted: off needs no model", async () => {
    const res = await post("model", form({ enabled: "", model: "" }));
    expect(res.status).toBe(200);
    expect(await loadLlmSettings(shopId)).toMatchObject({ enabled: false, model: "" });
  });
});

describe("Test connection", () => {
  it("GIVEN the right key WHEN tested THEN one structured call reaches the stand-in and the model and tokens are shown", async () => {
    await post("model", form({ apiKey: KEY, enabled: "" }));
    const usedBefore = await tokensUsedToday(shopId);
    // Blank key: the stored one is used; the settings need not be switched on to be tested.
    const res = await post("model/test", form({ embeddingModel: "threadline-embed" }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      model: "threadline-test-model",
      embedding: { model: "threadline-embed", dimensions: 256 },
    });
    expect(res.body.tokens).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.apiKey).toBe(KEY);
    expect(fake.requests[0]!.body.response_format?.json_schema?.name).toBe("intent_classification");
    expect(fake.embeddingRequests.map((r) => r.body.input)).toEqual([["Where is my order?"]]);
    // Nothing saved by a test; its tokens count.
    expect((await loadLlmSettings(shopId)).embeddingModel).toBeUndefined();
    expect(await tokensUsedToday(shopId)).toBeGreaterThan(usedBefore);
  });

  it("GIVEN a wrong key typed in the form WHEN tested THEN 502 with the provider's words", async () => {
    const res = await post("model/test", form({ apiKey: "sk-wrong" }));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ ok: false, failedAt: "chat" });
    expect(String(res.body.error)).toMatch(/^The call to threadline-test-model failed: .*Incorrect API key provided/);
  });

  it("GIVEN a server that does not answer in time WHEN tested THEN it says so in seconds", async () => {
    fake.enqueue({ kind: "delay", ms: 2000 });
    const res = await post("model/test", form({ apiKey: KEY, timeoutSeconds: "0.5" }));
    expect(res).toEqual({
      status: 502,
      body: { ok: false, failedAt: "chat", error: "No answer from threadline-test-model within 0.5 seconds." },
    });
  });

  it("GIVEN a working chat model but a failing embedding endpoint WHEN tested THEN the embeddings are named", async () => {
    fake.enqueueEmbedding({ kind: "status", status: 404, message: "model 'nope' not found" });
    const res = await post("model/test", form({ apiKey: KEY, embeddingModel: "nope" }));
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ ok: false, failedAt: "embeddings" });
    expect(String(res.body.error)).toMatch(/^The chat model works, but embeddings do not\. .*model 'nope' not found/);
  });

  it("GIVEN no model in the form WHEN tested THEN 400 names the field and nothing is called", async () => {
    const res = await post("model/test", form({ model: "" }));
    expect(res).toEqual({ status: 400, body: { ok: false, field: "model", error: "Model: is required" } });
    expect(fake.requests).toHaveLength(0);
  });
});
