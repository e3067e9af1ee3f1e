// Loading and saving Shop.settings.llm. Saved with jsonb_set, like the brand voice, so a stale
// copy of the other settings in the same JSON is never written back.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { decryptSecret, encryptSecret } from "../lib/crypto.server";
import {
  llmSettingsInputSchema,
  parseLlmSettings,
  type LlmProvider,
  type LlmSettingsInput,
  type StoredLlmSettings,
} from "./settings";

export async function loadLlmSettings(shopId: string): Promise<StoredLlmSettings> {
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { settings: true } });
  return parseLlmSettings(shop?.settings);
}

export type SaveLlmSettingsResult = { ok: true; settings: StoredLlmSettings } | { ok: false; error: string };

export async function saveLlmSettings(shopId: string, raw: LlmSettingsInput | unknown): Promise<SaveLlmSettingsResult> {
  const parsed = llmSettingsInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.filter((p) => typeof p === "string").join(" ");
    return { ok: false, error: `${where ? `${where}: ` : ""}${issue.message}` };
  }
  const { apiKey, clearApiKey, ...plain } = parsed.data;
  const previous = await loadLlmSettings(shopId);
  // A form never shows the key back, so a blank key keeps the sealed one.
  const apiKeyCiphertext = clearApiKey ? undefined : apiKey ? encryptSecret(apiKey) : previous.apiKeyCiphertext;
  const settings: StoredLlmSettings = { ...plain, ...(apiKeyCiphertext ? { apiKeyCiphertext } : {}) };
  await db().$executeRaw(Prisma.sql`
    UPDATE "Shop"
       SET settings = jsonb_set(
             CASE WHEN jsonb_typeof(settings) = 'object' THEN settings ELSE '{}'::jsonb END,
             '{llm}', ${JSON.stringify(settings)}::jsonb),
           "updatedAt" = now()
     WHERE id = ${shopId}`);
  return { ok: true, settings };
}

/** Everything needed to open a model: the stored settings plus the decrypted key. */
export interface ResolvedLlmSettings {
  provider: LlmProvider;
  model: string;
  baseUrl?: string;
  apiKey?: string;
  dailyTokenBudget: number;
  timeoutMs: number;
  /** Set only when the provider can embed (never Anthropic). */
  embeddingModel?: string;
}

/** The shop's usable settings, or why there are none (off, no model, a key that will not open). */
export function resolveLlmSettings(
  stored: StoredLlmSettings,
): { ok: true; settings: ResolvedLlmSettings } | { ok: false; reason: "disabled" | "not_configured"; detail: string } {
  if (!stored.enabled) return { ok: false, reason: "disabled", detail: "language model is switched off" };
  if (!stored.model) return { ok: false, reason: "not_configured", detail: "no model chosen" };
  if (stored.provider === "openai_compatible" && !stored.baseUrl) {
    return { ok: false, reason: "not_configured", detail: "no base URL for the OpenAI-compatible server" };
  }
  let apiKey: string | undefined;
  if (stored.apiKeyCiphertext) {
    try {
      apiKey = decryptSecret(stored.apiKeyCiphertext);
    } catch (err) {
      return {
        ok: false,
        reason: "not_configured",
        detail: `API key could not be decrypted: ${(err as Error).message}`,
      };
    }
  }
  if (!apiKey && stored.provider !== "openai_compatible") {
    return { ok: false, reason: "not_configured", detail: `no API key for ${stored.provider}` };
  }
  return {
    ok: true,
    settings: {
      provider: stored.provider,
      model: stored.model,
      baseUrl: stored.baseUrl,
      apiKey,
      dailyTokenBudget: stored.dailyTokenBudget,
      timeoutMs: stored.timeoutMs,
      embeddingModel: stored.provider === "anthropic" ? undefined : stored.embeddingModel || undefined,
    },
  };
}
