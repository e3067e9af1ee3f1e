// LanguageModelClient: the thin interface the rest of the app sees. One call, one structured
// object back, no tools, no retries (a retry doubles the spend and the wait; the caller already
// has retrieval to fall back on). The AI SDK validates the JSON against the zod schema; what it
// cannot parse or validate comes back as `invalid_output`, never as a guess.
import { generateText, NoObjectGeneratedError, Output, type LanguageModel, type LanguageModelUsage } from "ai";
import type { z } from "zod";
import { intentSchema, modelDecisionSchema, type ModelDecisionOutput, type Intent } from "./decision";
import type { BuiltPrompt, IntentPrompt } from "./prompt";

export type LlmCallFailure = "timeout" | "error" | "invalid_output";

export type LlmCallResult<T> =
  | { ok: true; value: T; tokens: number | undefined }
  | { ok: false; reason: LlmCallFailure; detail: string; tokens: number | undefined };

export interface LanguageModelClient {
  /** The model's structured decision on a customer message, before the app's own checks. */
  decide(prompt: BuiltPrompt): Promise<LlmCallResult<ModelDecisionOutput>>;
  classify(prompt: IntentPrompt): Promise<LlmCallResult<Intent>>;
}

export interface AiSdkClientOptions {
  timeoutMs: number;
  maxOutputTokens?: number;
}

const totalOf = (usage: LanguageModelUsage | undefined): number | undefined =>
  usage?.totalTokens ?? (usage ? (usage.inputTokens ?? 0) + (usage.outputTokens ?? 0) : undefined);

async function structuredCall<S extends z.ZodType>(
  model: LanguageModel,
  schema: S,
  name: string,
  prompt: { system: string; user: string },
  { timeoutMs, maxOutputTokens = 700 }: AiSdkClientOptions,
): Promise<LlmCallResult<z.infer<S>>> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    const result = await generateText({
      model,
      system: prompt.system,
      messages: [{ role: "user", content: prompt.user }],
      output: Output.object({ schema, name }),
      temperature: 0,
      maxOutputTokens,
      maxRetries: 0,
      abortSignal: controller.signal,
    });
    return { ok: true, value: result.output as z.infer<S>, tokens: totalOf(result.usage) };
  } catch (err) {
    if (controller.signal.aborted) {
      return { ok: false, reason: "timeout", detail: `no answer within ${timeoutMs} ms`, tokens: undefined };
    }
    if (NoObjectGeneratedError.isInstance(err)) {
      return { ok: false, reason: "invalid_output", detail: err.message, tokens: totalOf(err.usage) };
    }
    return { ok: false, reason: "error", detail: (err as Error)?.message ?? String(err), tokens: undefined };
  } finally {
    clearTimeout(timer);
  }
}

/** The client over any AI SDK LanguageModel (see model.server.ts for how one is opened). */
export function aiSdkClient(model: LanguageModel, options: AiSdkClientOptions): LanguageModelClient {
  return {
    decide: (prompt) => structuredCall(model, modelDecisionSchema, "support_decision", prompt, options),
    classify: async (prompt) => {
      const result = await structuredCall(model, intentSchema, "intent_classification", prompt, {
        ...options,
        maxOutputTokens: 50,
      });
      return result.ok ? { ...result, value: result.value.intent } : result;
    },
  };
}
