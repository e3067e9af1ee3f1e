// Shop.settings.csat: whether a satisfaction survey follows a resolved conversation, after how many
// minutes, and the question per language. Lenient reader: anything unreadable falls back to the
// default, which is OFF so shops that never opened the card behave as before.
import type { KnowledgeLocale } from "../knowledge/contracts";

export const CSAT_LOCALES: readonly KnowledgeLocale[] = ["en", "es", "fr"];
export const MAX_CSAT_DELAY_MINUTES = 60;
export const MAX_CSAT_QUESTION_LENGTH = 300;

export const DEFAULT_CSAT_QUESTION: Record<KnowledgeLocale, string> = {
  en: "How did we do? Reply with a number from 1 (bad) to 5 (great).",
  es: "¿Qué tal lo hicimos? Responde con un número del 1 (mal) al 5 (genial).",
  fr: "Comment avons-nous fait ? Répondez par un chiffre de 1 (mauvais) à 5 (excellent).",
};

/** An approved Twilio Content API template: "HX" + 32 hex digits. */
export const CONTENT_SID_PATTERN = /^HX[0-9a-fA-F]{32}$/;

export interface CsatSettings {
  enabled: boolean;
  delayMinutes: number;
  question: Record<KnowledgeLocale, string>;
  /**
   * WhatsApp outside the 24-hour window: the approved template (Content SID) per language, null when
   * none. Without any, such surveys are skipped (whatsapp_window).
   */
  whatsappContentSid: Record<KnowledgeLocale, string | null>;
}

export function parseCsatSettings(shopSettings: unknown): CsatSettings {
  const raw = (shopSettings as { csat?: Record<string, unknown> } | null)?.csat ?? {};
  const delay = Number(raw.delayMinutes);
  const question = (raw.question ?? {}) as Record<string, unknown>;
  const sids = (raw.whatsappContentSid ?? {}) as Record<string, unknown>;
  return {
    enabled: raw.enabled === true,
    delayMinutes: Number.isInteger(delay) && delay >= 0 && delay <= MAX_CSAT_DELAY_MINUTES ? delay : 0,
    question: Object.fromEntries(
      CSAT_LOCALES.map((l) => {
        const q = question[l];
        return [l, typeof q === "string" && q.trim() ? q.trim() : DEFAULT_CSAT_QUESTION[l]];
      }),
    ) as Record<KnowledgeLocale, string>,
    whatsappContentSid: Object.fromEntries(
      CSAT_LOCALES.map((l) => {
        const sid = sids[l];
        return [l, typeof sid === "string" && CONTENT_SID_PATTERN.test(sid) ? sid : null];
      }),
    ) as Record<KnowledgeLocale, string | null>,
  };
}

/**
 * The template for a customer writing in `locale`: that language's, else the first configured in
 * en, es, fr order (one template in any language beats no survey); null when none is configured.
 */
export function csatWhatsappTemplateFor(
  settings: CsatSettings,
  locale: KnowledgeLocale,
): { contentSid: string; locale: KnowledgeLocale } | null {
  for (const l of [locale, ...CSAT_LOCALES]) {
    const sid = settings.whatsappContentSid[l];
    if (sid) return { contentSid: sid, locale: l };
  }
  return null;
}
