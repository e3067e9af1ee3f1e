// "Test connection" on the Language model card: one tiny structured call (an intent label for a
// fixed sentence) through the same client and provider the answers use, and one embedding when an
// embedding model is set, with the values in the form (a blank key means the stored one), saved
// or not. The answer is the model and tokens, or what went wrong in plain words. Tokens count
// against today's budget like any call, but a spent budget does not block a test.
import { chargeTokens } from "./answer-with-model.server";
import { aiSdkClient } from "./client.server";
import { aiSdkEmbeddingClient } from "./embedding-client.server";
import { createEmbeddingModel, createLanguageModel } from "./model.server";
import { buildIntentPrompt } from "./prompt";
import { parseLlmSettingsForm } from "./settings-form";
import { loadLlmSettings, resolveLlmSettings } from "./settings.server";
import { logger } from "../lib/logger.server";

export const TEST_SENTENCE = "Where is my order?";

export type TestConnectionResult =
  | {
      ok: true;
      model: string;
      tokens: number | null;
      embedding: { model: string; dimensions: number; tokens: number | null } | null;
    }
  /** A form problem (`field`), or the provider's failure (`failedAt`). */
  | { ok: false; field?: string; failedAt?: "chat" | "embeddings"; error: string };

function plainWords(reason: string, detail: string, model: string, timeoutMs: number): string {
  if (reason === "timeout") return `No answer from ${model} within ${timeoutMs / 1000} seconds.`;
  if (reason === "invalid_output")
    return `${model} answered, but not with the structured JSON Threadline needs: ${detail}`;
  return `The call to ${model} failed: ${detail}`;
}

export async function testLlmConnection(
  shopId: string,
  fields: Record<string, string | undefined>,
): Promise<TestConnectionResult> {
  const parsed = parseLlmSettingsForm({ ...fields, enabled: "on" });
  if (!parsed.ok) return parsed;
  const { apiKey, clearApiKey, ...form } = parsed.input;
  const stored = await loadLlmSettings(shopId);
  const resolved = resolveLlmSettings({
    ...stored,
    ...form,
    enabled: true,
    dailyTokenBudget: form.dailyTokenBudget ?? stored.dailyTokenBudget,
    timeoutMs: form.timeoutMs ?? stored.timeoutMs,
    apiKeyCiphertext: clearApiKey ? undefined : stored.apiKeyCiphertext,
  });
  if (!resolved.ok) {
    // Only the key can be missing here (the form checked the rest): say so unless one was typed.
    if (!apiKey) return { ok: false, field: "apiKey", error: `API key: ${resolved.detail}` };
  }
  const settings = resolved.ok
    ? { ...resolved.settings, ...(apiKey ? { apiKey } : {}) }
    : {
        provider: form.provider,
        model: form.model,
        baseUrl: form.baseUrl,
        apiKey,
        dailyTokenBudget: form.dailyTokenBudget ?? stored.dailyTokenBudget,
        timeoutMs: form.timeoutMs ?? stored.timeoutMs,
        embeddingModel: form.provider === "anthropic" ? undefined : form.embeddingModel,
      };

  const client = aiSdkClient(createLanguageModel(settings), { timeoutMs: settings.timeoutMs });
  const result = await client.classify(buildIntentPrompt(TEST_SENTENCE));
  await chargeTokens(shopId, result.tokens ?? 0);
  if (!result.ok) {
    logger.info({ shopId, reason: result.reason }, "language model test failed");
    return {
      ok: false,
      failedAt: "chat",
      error: plainWords(result.reason, result.detail, settings.model, settings.timeoutMs),
    };
  }

  let embedding: { model: string; dimensions: number; tokens: number | null } | null = null;
  const embeddingModel = createEmbeddingModel(settings);
  if (embeddingModel && settings.embeddingModel) {
    const embedded = await aiSdkEmbeddingClient(embeddingModel, { timeoutMs: settings.timeoutMs }).embedCounted([
      TEST_SENTENCE,
    ]);
    if (!embedded.ok) {
      return {
        ok: false,
        failedAt: "embeddings",
        error: `The chat model works, but embeddings do not. ${plainWords(embedded.reason, embedded.detail, settings.embeddingModel, settings.timeoutMs)}`,
      };
    }
    await chargeTokens(shopId, embedded.tokens ?? 0);
    embedding = {
      model: settings.embeddingModel,
      dimensions: embedded.vectors[0]!.length,
      tokens: embedded.tokens ?? null,
    };
  }
  return { ok: true, model: settings.model, tokens: result.tokens ?? null, embedding };
}
