// Limits of the knowledge base, shared by the editor (maxLength), validation and the importers.
// No server imports here: the browser bundle reads these too.
import type { KnowledgeLocale } from "./contracts";

export const KNOWLEDGE_LOCALES: readonly KnowledgeLocale[] = ["en", "es", "fr"];
export const LOCALE_NAMES: Record<KnowledgeLocale, string> = { en: "English", es: "Spanish", fr: "French" };

export const MAX_ARTICLE_TITLE = 300;
export const MAX_ARTICLE_ANSWER = 20_000;
export const MAX_ARTICLE_TAGS = 20;
export const MAX_ARTICLE_TAG = 40;

/** One import: at most this many CSV rows (or document sections) and this many bytes. */
export const MAX_IMPORT_ROWS = 5_000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * Tags in one CSV cell are separated by "|" (needs no quoting). A comma or semicolon separates too,
 * because spreadsheets and hand-written files use them ("shipping,delivery" in a quoted cell).
 */
export const CSV_TAG_SEPARATOR = "|";
export const CSV_TAG_SEPARATORS = /[|;,]/;

export function isKnowledgeLocale(value: unknown): value is KnowledgeLocale {
  return typeof value === "string" && (KNOWLEDGE_LOCALES as readonly string[]).includes(value);
}

/** The shop's primary locale ("fr", "es-MX") when it is one we stem, else English. */
export function defaultKnowledgeLocale(primaryLocale: string | null | undefined): KnowledgeLocale {
  const base = (primaryLocale ?? "").slice(0, 2).toLowerCase();
  return isKnowledgeLocale(base) ? base : "en";
}
