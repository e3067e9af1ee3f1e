// The structured decision a language model must return, and the checks it must pass before the
// app believes it. The model is asked for JSON matching `modelDecisionSchema` through the SDK's
// structured output (json_schema), never for a magic string; `checkDecision` then applies the
// rules a schema cannot express: cited ids must be among the articles we gave it, a reply must
// cite one, and an answer has a bounded length. Anything that fails is a fallback, not a guess.
import { z } from "zod";

export const MAX_ANSWER_CHARS = 1200;
export const MIN_ANSWER_CHARS = 2;

/** Why the model chose a person. The first six mirror the mandatory hand-off topics. */
export const MODEL_HANDOFF_REASONS = [
  "asked_for_person",
  "frustration",
  "legal_threat",
  "dispute",
  "safety",
  "self_harm",
  /** The articles do not answer the message. */
  "not_covered",
  /** The customer wants something changed (refund, cancellation, address) that only staff can do. */
  "needs_action",
] as const;
export type ModelHandoffReason = (typeof MODEL_HANDOFF_REASONS)[number];

// Every key required and nullable rather than optional: OpenAI's strict json_schema mode demands
// it, and Anthropic and OpenAI-compatible servers accept the same schema. Bounds (length, id
// membership) are checked by checkDecision, so a violation is a named fallback, not an SDK error.
export const modelDecisionSchema = z.object({
  action: z.enum(["reply", "handoff"]),
  answer: z.string().nullable(),
  citedArticleIds: z.array(z.string()),
  handoffReason: z.enum(MODEL_HANDOFF_REASONS).nullable(),
  language: z.string().nullable(),
});
export type ModelDecisionOutput = z.infer<typeof modelDecisionSchema>;

/** What the caller gets when the model's decision holds up. */
export type LlmDecision =
  | { action: "reply"; answer: string; citedArticleIds: string[]; language?: string }
  | { action: "handoff"; handoffReason: ModelHandoffReason; citedArticleIds: string[]; language?: string };

export type LlmFallbackReason =
  | "disabled"
  | "not_configured"
  | "no_articles"
  | "over_budget"
  | "budget_unavailable"
  | "timeout"
  | "error"
  | "invalid_output"
  | "unknown_citation"
  | "missing_citation"
  | "answer_length"
  /** The answer states a fact or repeats customer words that none of the shop's material holds. */
  | "ungrounded";

export interface LlmFallback {
  kind: "fallback";
  reason: LlmFallbackReason;
  /** For logs and the "Try it" box; never shown to customers. */
  detail?: string;
}

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z]{2,4})?$/;

/** Applies the rules after the schema; `articleIds` are exactly the ids placed in the prompt. */
export function checkDecision(output: ModelDecisionOutput, articleIds: readonly string[]): LlmDecision | LlmFallback {
  const known = new Set(articleIds);
  const cited = [...new Set(output.citedArticleIds)];
  const unknown = cited.filter((id) => !known.has(id));
  if (unknown.length) {
    return { kind: "fallback", reason: "unknown_citation", detail: `cited ${unknown.slice(0, 3).join(", ")}` };
  }
  const language = output.language && LANGUAGE.test(output.language.trim()) ? output.language.trim() : undefined;
  if (output.action === "handoff") {
    return {
      action: "handoff",
      handoffReason: output.handoffReason ?? "not_covered",
      citedArticleIds: cited,
      language,
    };
  }
  if (!cited.length) return { kind: "fallback", reason: "missing_citation", detail: "a reply must cite an article" };
  const answer = (output.answer ?? "").trim();
  if (answer.length < MIN_ANSWER_CHARS || answer.length > MAX_ANSWER_CHARS) {
    return {
      kind: "fallback",
      reason: "answer_length",
      detail: `answer of ${answer.length} characters (allowed ${MIN_ANSWER_CHARS}–${MAX_ANSWER_CHARS})`,
    };
  }
  return { action: "reply", answer, citedArticleIds: cited, language };
}

export function isFallback(value: object): value is LlmFallback {
  return (value as { kind?: unknown }).kind === "fallback";
}

/** What classifyIntent answers when retrieval is unsure. */
export const INTENTS = ["faq", "order_tracking", "handoff", "other"] as const;
export type Intent = (typeof INTENTS)[number];
export const intentSchema = z.object({ intent: z.enum(INTENTS) });
