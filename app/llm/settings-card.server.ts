// What the Language model card shows and saves (app/components/answers/LanguageModelCard.tsx,
// POST /app/answers/model). The API key never leaves the server: the card learns only whether
// one is stored. Saving a changed embedding model enqueues the articles that now need vectors.
import { db } from "../db/client.server";
import { enqueueArticleEmbeddings } from "../knowledge/embed-sections.server";
import { logger } from "../lib/logger.server";
import { tokensUsedToday } from "./budget.server";
import { parseLlmSettingsForm } from "./settings-form";
import { publicLlmSettings } from "./settings";
import { loadLlmSettings, saveLlmSettings } from "./settings.server";

export interface LanguageModelCardData {
  settings: ReturnType<typeof publicLlmSettings>;
  /** Tokens counted today (UTC); null when Redis could not be read. */
  usedToday: number | null;
  /** Published sections, and how many carry a vector of the current embedding model. */
  sections: { published: number; embedded: number };
}

export async function languageModelCardData(shopId: string): Promise<LanguageModelCardData> {
  const stored = await loadLlmSettings(shopId);
  const [usedToday, published, embedded] = await Promise.all([
    tokensUsedToday(shopId).catch(() => null),
    db().knowledgeSection.count({ where: { shopId, published: true } }),
    stored.embeddingModel
      ? db().knowledgeSection.count({
          where: {
            shopId,
            published: true,
            embeddingModel: stored.embeddingModel,
            NOT: { embedding: { isEmpty: true } },
          },
        })
      : 0,
  ]);
  return { settings: publicLlmSettings(stored), usedToday, sections: { published, embedded } };
}

export type SaveLlmFormResult =
  { ok: true; settings: ReturnType<typeof publicLlmSettings> } | { ok: false; field: string; error: string };

export async function saveLlmSettingsForm(
  shopId: string,
  fields: Record<string, string | undefined>,
): Promise<SaveLlmFormResult> {
  const parsed = parseLlmSettingsForm(fields);
  if (!parsed.ok) {
    logger.info({ shopId, field: parsed.field }, "language model settings refused");
    return parsed;
  }
  const saved = await saveLlmSettings(shopId, parsed.input);
  if (!saved.ok) return { ok: false, field: "form", error: saved.error };
  // A new embedding model (or switching back on) leaves sections without a vector of it; a
  // corrected key deserves another try of jobs that gave up.
  await enqueueArticleEmbeddings(shopId, undefined, { retryFailed: true });
  return { ok: true, settings: publicLlmSettings(saved.settings) };
}
