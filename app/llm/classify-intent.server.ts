// classifyIntent: a second opinion for when retrieval is unsure (confidence near the threshold,
// or no candidate at all). Same settings, budget and fallbacks as answerWithModel; the model
// sees only the one message, as data, and answers one of four labels through structured output.
import type { Intent, LlmFallback } from "./decision";
import { chargeTokens, prepareModelCall, type ModelDeps } from "./answer-with-model.server";
import { estimateTokens } from "./budget.server";
import { buildIntentPrompt } from "./prompt";

export type IntentResult = { kind: "intent"; intent: Intent } | LlmFallback;

export async function classifyIntent(shopId: string, text: string, deps: ModelDeps = {}): Promise<IntentResult> {
  const prompt = buildIntentPrompt(text);
  const estimate = estimateTokens(prompt.system, prompt.user);
  const prepared = await prepareModelCall(shopId, estimate, deps);
  if (!prepared.ok) return prepared.fallback;
  const result = await prepared.client.classify(prompt);
  await chargeTokens(shopId, result.tokens ?? (result.ok || result.reason === "timeout" ? estimate : 0), deps.now);
  if (!result.ok) return { kind: "fallback", reason: result.reason, detail: result.detail };
  return { kind: "intent", intent: result.value };
}
