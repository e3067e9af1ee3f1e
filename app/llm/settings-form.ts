// The Language model card's form (POST /app/answers/model and …/model/test): text fields in,
// LlmSettingsInput out, or the first problem named by its field. Checked here with the merchant's
// words ("Timeout: must be between 0.5 and 60 seconds"); llmSettingsInputSchema then applies the
// rules shared with every other caller (a base URL for OpenAI-compatible, no Anthropic embeddings).
import { z } from "zod";
import { LLM_PROVIDERS, llmSettingsInputSchema, type LlmSettingsInput } from "./settings";

export const LLM_FORM_LABELS: Record<string, string> = {
  enabled: "Use a language model",
  provider: "Provider",
  model: "Model",
  baseUrl: "Base URL",
  apiKey: "API key",
  clearApiKey: "Remove stored key",
  dailyTokenBudget: "Daily token budget",
  timeoutMs: "Timeout",
  timeoutSeconds: "Timeout",
  embeddingModel: "Embedding model",
};

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true");
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional().default("");

const formSchema = z.object({
  enabled: checkbox,
  provider: z.enum(LLM_PROVIDERS, { error: "must be openai, anthropic or openai_compatible" }),
  model: text(200),
  baseUrl: text(500),
  apiKey: text(500),
  clearApiKey: checkbox,
  dailyTokenBudget: z
    .string({ error: "is required" })
    .trim()
    .regex(/^\d+$/, "must be a whole number of tokens, 0 or more")
    .transform(Number)
    .refine((n) => n <= 100_000_000, "must be at most 100,000,000 tokens"),
  timeoutSeconds: z
    .string({ error: "is required" })
    .trim()
    .regex(/^\d+(\.\d+)?$/, "must be a number of seconds")
    .transform(Number)
    .refine((s) => s >= 0.5 && s <= 60, "must be between 0.5 and 60 seconds"),
  embeddingModel: text(200),
});

export type LlmFormResult = { ok: true; input: LlmSettingsInput } | { ok: false; field: string; error: string };

function problem(issues: readonly z.core.$ZodIssue[]): { ok: false; field: string; error: string } {
  const issue = issues[0]!;
  const field = String(issue.path.find((p) => typeof p === "string") ?? "form");
  return { ok: false, field, error: `${LLM_FORM_LABELS[field] ?? field}: ${issue.message}` };
}

/** The form's fields (FormData as a plain object of strings) → settings input, or the first problem. */
export function parseLlmSettingsForm(fields: Record<string, string | undefined>): LlmFormResult {
  const form = formSchema.safeParse(fields);
  if (!form.success) return problem(form.error.issues);
  const f = form.data;
  const input: LlmSettingsInput = {
    enabled: f.enabled,
    provider: f.provider,
    model: f.model,
    baseUrl: f.baseUrl || undefined,
    apiKey: f.apiKey || undefined,
    clearApiKey: f.clearApiKey,
    dailyTokenBudget: f.dailyTokenBudget,
    timeoutMs: Math.round(f.timeoutSeconds * 1000),
    embeddingModel: f.embeddingModel || undefined,
  };
  const checked = llmSettingsInputSchema.safeParse(input);
  if (!checked.success) return problem(checked.error.issues);
  return { ok: true, input };
}

/** The card's fields out of a posted form; files and unknown names are ignored. */
export function llmFormFields(form: FormData): Record<string, string | undefined> {
  const fields: Record<string, string | undefined> = {};
  for (const name of Object.keys(LLM_FORM_LABELS)) {
    const value = form.get(name);
    if (typeof value === "string") fields[name] = value;
  }
  return fields;
}
