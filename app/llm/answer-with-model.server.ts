// answerWithModel: the one entry point for a model-written answer. decideAnswer (or automatic
// answers) calls it AFTER the deterministic hand-off detectors and retrieval have run, with the
// retrieved articles; every way this can go wrong (switched off, no key, over budget, timeout,
// provider error, output that fails the schema or the citation rules) returns
// `{ kind: "fallback", reason }` so the caller answers from retrieval or hands off instead.
import { logger } from "../lib/logger.server";
import { budgetAllows, estimateTokens, recordTokens } from "./budget.server";
import { aiSdkClient, type LanguageModelClient } from "./client.server";
import { checkDecision, isFallback, type LlmDecision, type LlmFallback, type LlmFallbackReason } from "./decision";
import { checkGrounding } from "./grounding";
import { createLanguageModel } from "./model.server";
import {
  buildDecisionPrompt,
  type PromptArticle,
  type PromptBrandVoice,
  type PromptOrder,
  type PromptTurn,
} from "./prompt";
import type { StoredLlmSettings } from "./settings";
import { loadLlmSettings, resolveLlmSettings, type ResolvedLlmSettings } from "./settings.server";

export interface AnswerWithModelInput {
  shopId: string;
  /** The customer's latest message. */
  message: string;
  locale?: string;
  /** The retrieved articles, best first: the only facts the model may use and cite. */
  articles: PromptArticle[];
  /** Whose conversation it is; orders of any other customer are dropped. */
  customerId?: string | null;
  orders?: PromptOrder[];
  brandVoice?: PromptBrandVoice;
  /** The conversation since it was last resolved, oldest first, without `message`. */
  history?: PromptTurn[];
}

export type ModelAnswer = (LlmDecision & { kind: "decision"; tokens: number }) | LlmFallback;

export interface ModelDeps {
  /** Stand-in client (eval, tests); default: the AI SDK with the shop's provider. */
  client?: LanguageModelClient;
  /** Settings already loaded by the caller; default: read from Shop.settings.llm. */
  settings?: StoredLlmSettings;
  now?: Date;
}

function fallback(shopId: string, reason: LlmFallbackReason, detail?: string): LlmFallback {
  // Never the customer's text: logs hold ids and reasons only.
  if (reason !== "disabled") logger.info({ shopId, reason, detail }, "language model fallback");
  return { kind: "fallback", reason, detail };
}

/**
 * Opens the shop's model and checks today's budget. Shared with classifyIntent so both
 * refuse in the same cases.
 */
export async function prepareModelCall(
  shopId: string,
  estimate: number,
  deps: ModelDeps,
): Promise<
  { ok: true; settings: ResolvedLlmSettings; client: LanguageModelClient } | { ok: false; fallback: LlmFallback }
> {
  const resolved = resolveLlmSettings(deps.settings ?? (await loadLlmSettings(shopId)));
  if (!resolved.ok) return { ok: false, fallback: fallback(shopId, resolved.reason, resolved.detail) };
  const { settings } = resolved;
  try {
    const { allowed, used } = await budgetAllows(shopId, settings.dailyTokenBudget, estimate, deps.now);
    if (!allowed) {
      return {
        ok: false,
        fallback: fallback(shopId, "over_budget", `${used} of ${settings.dailyTokenBudget} tokens used today`),
      };
    }
  } catch (err) {
    return { ok: false, fallback: fallback(shopId, "budget_unavailable", (err as Error).message) };
  }
  let client = deps.client;
  if (!client) {
    try {
      client = aiSdkClient(createLanguageModel(settings), { timeoutMs: settings.timeoutMs });
    } catch (err) {
      return { ok: false, fallback: fallback(shopId, "not_configured", (err as Error).message) };
    }
  }
  return { ok: true, settings, client };
}

/** Counts what a call used; a failed count is logged, never turned into a failed answer. */
export async function chargeTokens(shopId: string, tokens: number, now?: Date): Promise<void> {
  if (tokens <= 0) return;
  await recordTokens(shopId, tokens, now).catch((err: unknown) =>
    logger.warn({ shopId, err: (err as Error).message }, "could not count language-model tokens"),
  );
}

export async function answerWithModel(input: AnswerWithModelInput, deps: ModelDeps = {}): Promise<ModelAnswer> {
  const { shopId } = input;
  const prompt = buildDecisionPrompt({
    message: input.message,
    locale: input.locale,
    articles: input.articles,
    customerId: input.customerId,
    orders: input.orders,
    brandVoice: input.brandVoice,
    history: input.history,
  });
  // No article, nothing the model may cite: a reply could only fail the checks, so spend nothing.
  if (!prompt.articleIds.length) return fallback(shopId, "no_articles");
  const estimate = estimateTokens(prompt.system, prompt.user);
  const prepared = await prepareModelCall(shopId, estimate, deps);
  if (!prepared.ok) return prepared.fallback;

  const result = await prepared.client.decide(prompt);
  // A timed-out call may still be billed: count the prompt's estimate then.
  await chargeTokens(shopId, result.tokens ?? (result.ok || result.reason === "timeout" ? estimate : 0), deps.now);
  if (!result.ok) return fallback(shopId, result.reason, result.detail);

  const checked = checkDecision(result.value, prompt.articleIds);
  if (isFallback(checked)) return fallback(shopId, checked.reason, checked.detail);
  if (checked.action === "reply") {
    const grounded = checkGrounding(checked.answer, groundingSourcesOf(input));
    if (!grounded.ok) return fallback(shopId, "ungrounded", grounded.detail);
  }
  return { ...checked, kind: "decision", tokens: result.tokens ?? estimate };
}

/** The shop's words the model was given, and the customer's, for checkGrounding. */
function groundingSourcesOf(input: AnswerWithModelInput) {
  const orders = (input.orders ?? []).filter((o) => !input.customerId || o.customerId === input.customerId);
  return {
    shopText: [
      ...input.articles.flatMap((a) => [a.title, a.text]),
      ...orders.map((o) => JSON.stringify(o)),
      ...(input.brandVoice?.wordsToAvoid ?? []).map((w) => JSON.stringify(w)),
    ],
    customerText: [input.message, ...(input.history ?? []).filter((t) => t.from === "customer").map((t) => t.text)],
  };
}
