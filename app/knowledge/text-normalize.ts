// Text normalisation shared by indexing and retrieval. Both sides must agree exactly: customers
// type "donde esta mi pedido" as often as "dónde está mi pedido", and PostgreSQL's Snowball
// stemmers (without the unaccent extension, which PGlite and the server may lack) treat the two
// spellings as different words. So accents are folded in the app before any to_tsvector call.
import type { KnowledgeLocale } from "./contracts";

export const TS_CONFIG: Record<KnowledgeLocale, "english" | "spanish" | "french"> = {
  en: "english",
  es: "spanish",
  fr: "french",
};

export function isKnowledgeLocale(value: unknown): value is KnowledgeLocale {
  return value === "en" || value === "es" || value === "fr";
}

/** The article's locale as one of ours; anything unknown is indexed as English. */
export function knowledgeLocale(value: string | null | undefined): KnowledgeLocale {
  return isKnowledgeLocale(value) ? value : "en";
}

/**
 * Lower case, accents folded, typographic apostrophes made plain, hyphens spaced: PostgreSQL's
 * parser would otherwise index "vendez-vous" as an extra compound lexeme that only the exact
 * same spelling matches (and counts twice when it does).
 */
export function foldAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[-\u2010-\u2015]/g, " ")
    .toLowerCase();
}
