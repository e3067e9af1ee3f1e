// A shop's language-model settings, kept under Shop.settings.llm (other features own the other
// keys). Only the non-secret part is readable there; the API key is stored as `apiKeyCiphertext`
// (AES-256-GCM, app/lib/crypto.server.ts), the same sealing as channel credentials, so the schema
// needs no new column. A missing or malformed value reads as "off": the model is optional.
import { z } from "zod";

export const LLM_PROVIDERS = ["openai", "anthropic", "openai_compatible"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export const DEFAULT_DAILY_TOKEN_BUDGET = 200_000;
export const DEFAULT_TIMEOUT_MS = 8_000;

export const ANTHROPIC_EMBEDDINGS_MESSAGE =
  "Anthropic has no embedding models: leave it blank, or use OpenAI or an OpenAI-compatible server";

const httpUrl = z
  .string()
  .trim()
  .url("must be a URL")
  .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://");

export const storedLlmSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  provider: z.enum(LLM_PROVIDERS).default("openai"),
  model: z.string().trim().max(200).default(""),
  /** Required for openai_compatible (Ollama, vLLM); an optional proxy for the others. */
  baseUrl: httpUrl.optional(),
  dailyTokenBudget: z.number().int().min(0).max(100_000_000).default(DEFAULT_DAILY_TOKEN_BUDGET),
  timeoutMs: z.number().int().min(500).max(60_000).default(DEFAULT_TIMEOUT_MS),
  apiKeyCiphertext: z.string().optional(),
  /** Optional: embeds knowledge sections for retrieval (app/knowledge/embed-sections.server.ts). */
  embeddingModel: z.string().trim().max(200).optional(),
});
export type StoredLlmSettings = z.infer<typeof storedLlmSettingsSchema>;

export const DEFAULT_LLM_SETTINGS: StoredLlmSettings = storedLlmSettingsSchema.parse({});

/** What a settings form submits: the key in plain text, blank meaning "keep the stored one". */
export const llmSettingsInputSchema = z
  .object({
    enabled: z.boolean(),
    provider: z.enum(LLM_PROVIDERS),
    // Required only to switch the model on: a shop may save "off" before choosing one.
    model: z.string().trim().max(200),
    baseUrl: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(httpUrl.optional()),
    dailyTokenBudget: z.number().int().min(0).max(100_000_000).default(DEFAULT_DAILY_TOKEN_BUDGET),
    timeoutMs: z.number().int().min(500).max(60_000).default(DEFAULT_TIMEOUT_MS),
    apiKey: z.string().trim().max(500).optional(),
    /** Explicitly forget the stored key (a local Ollama needs none). */
    clearApiKey: z.boolean().optional(),
    /** Blank: no embeddings, retrieval ranks with BM25 alone. */
    embeddingModel: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => (v ? v : undefined)),
  })
  .refine((s) => !s.enabled || s.model, { message: "is required", path: ["model"] })
  .refine((s) => s.provider !== "openai_compatible" || s.baseUrl, {
    message: "is required for an OpenAI-compatible server",
    path: ["baseUrl"],
  })
  // The AI SDK's Anthropic provider has no embedding model (Anthropic sells none).
  .refine((s) => s.provider !== "anthropic" || !s.embeddingModel, {
    message: ANTHROPIC_EMBEDDINGS_MESSAGE,
    path: ["embeddingModel"],
  });
export type LlmSettingsInput = z.input<typeof llmSettingsInputSchema>;

/** Reads `llm` out of a Shop.settings value; anything invalid reads as the (disabled) defaults. */
export function parseLlmSettings(shopSettings: unknown): StoredLlmSettings {
  const raw =
    shopSettings && typeof shopSettings === "object" && !Array.isArray(shopSettings)
      ? (shopSettings as Record<string, unknown>).llm
      : undefined;
  const parsed = storedLlmSettingsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : DEFAULT_LLM_SETTINGS;
}

/** What may be shown back to the merchant: never the key, only whether one is stored. */
export function publicLlmSettings(stored: StoredLlmSettings): Omit<StoredLlmSettings, "apiKeyCiphertext"> & {
  hasApiKey: boolean;
} {
  const { apiKeyCiphertext, ...rest } = stored;
  return { ...rest, hasApiKey: Boolean(apiKeyCiphertext) };
}
