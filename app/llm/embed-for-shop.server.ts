// embedForShop: texts → vectors with the shop's embedding model, under the same settings and
// daily token budget as every other model call. Used by the section job (long timeout) and by
// decideAnswer for the customer's message (short timeout). Any failure is a named fallback and
// retrieval carries on with BM25 alone.
import { logger } from "../lib/logger.server";
import { chargeTokens } from "./answer-with-model.server";
import { budgetAllows, estimateTokens } from "./budget.server";
import type { LlmFallbackReason } from "./decision";
import { aiSdkEmbeddingClient, type EmbeddingClient } from "./embedding-client.server";
import { createEmbeddingModel } from "./model.server";
import type { StoredLlmSettings } from "./settings";
import { loadLlmSettings, resolveLlmSettings, type ResolvedLlmSettings } from "./settings.server";

export type ShopEmbedding =
  | { ok: true; vectors: number[][]; model: string; tokens: number }
  | { ok: false; reason: LlmFallbackReason; detail: string };

/** The shop's settings when they can embed: switched on, resolvable, with an embedding model. */
export function embeddingSettingsOf(
  stored: StoredLlmSettings,
): (ResolvedLlmSettings & { embeddingModel: string }) | null {
  const resolved = resolveLlmSettings(stored);
  if (!resolved.ok || !resolved.settings.embeddingModel) return null;
  return resolved.settings as ResolvedLlmSettings & { embeddingModel: string };
}

export interface EmbedOptions {
  timeoutMs: number;
  /** Settings already read by the caller; default: Shop.settings.llm. */
  settings?: StoredLlmSettings;
  /** Stand-in client for tests; default: the AI SDK with the shop's provider. */
  client?: EmbeddingClient;
  now?: Date;
}

export async function embedForShop(
  shopId: string,
  texts: readonly string[],
  options: EmbedOptions,
): Promise<ShopEmbedding> {
  const fail = (reason: LlmFallbackReason, detail: string): ShopEmbedding => {
    if (reason !== "disabled") logger.info({ shopId, reason, detail }, "embedding fallback");
    return { ok: false, reason, detail };
  };
  const stored = options.settings ?? (await loadLlmSettings(shopId));
  const settings = embeddingSettingsOf(stored);
  if (!settings) return fail("disabled", "no embedding model switched on");
  const estimate = estimateTokens(...texts);
  try {
    const { allowed, used } = await budgetAllows(shopId, settings.dailyTokenBudget, estimate, options.now);
    if (!allowed) return fail("over_budget", `${used} of ${settings.dailyTokenBudget} tokens used today`);
  } catch (err) {
    return fail("budget_unavailable", (err as Error).message);
  }
  let client = options.client;
  if (!client) {
    const model = createEmbeddingModel(settings);
    if (!model) return fail("not_configured", `${settings.provider} has no embedding model`);
    client = aiSdkEmbeddingClient(model, { timeoutMs: options.timeoutMs });
  }
  const result = await client.embedCounted(texts);
  // A timed-out call may still be billed: count the estimate then, as chat calls do.
  const tokens = result.ok ? (result.tokens ?? estimate) : result.reason === "timeout" ? estimate : 0;
  await chargeTokens(shopId, tokens, options.now);
  if (!result.ok) return fail(result.reason, result.detail);
  return { ok: true, vectors: result.vectors, model: settings.embeddingModel, tokens };
}
