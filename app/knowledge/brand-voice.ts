// The brand voice guide, as a pure function: greeting + answer + sign-off, with the words the
// merchant wants to avoid replaced (or removed). Greetings and sign-offs are written per language
// because an answer goes out in the customer's language. The tone is kept for the fluent writer
// (an LLM, later); retrieval answers are the merchant's own words, so tone does not rewrite them.
import { z } from "zod";
import type { KnowledgeLocale } from "./contracts";

export const BRAND_TONES = ["friendly", "neutral", "formal"] as const;
export const MAX_BRAND_PHRASE = 200;
export const MAX_WORDS_TO_AVOID = 50;

const phrase = z.string().trim().max(MAX_BRAND_PHRASE, `at most ${MAX_BRAND_PHRASE} characters`);
const perLocale = z.object({ en: phrase.default(""), es: phrase.default(""), fr: phrase.default("") });

export const brandVoiceSchema = z.object({
  tone: z.enum(BRAND_TONES).default("friendly"),
  greeting: perLocale.default({ en: "", es: "", fr: "" }),
  signOff: perLocale.default({ en: "", es: "", fr: "" }),
  wordsToAvoid: z
    .array(
      z.object({
        word: z.string().trim().min(1).max(60),
        replacement: z.string().trim().max(60).default(""),
      }),
    )
    .max(MAX_WORDS_TO_AVOID, `at most ${MAX_WORDS_TO_AVOID} words to avoid`)
    .default([]),
});

export type BrandVoice = z.infer<typeof brandVoiceSchema>;

export const DEFAULT_BRAND_VOICE: BrandVoice = brandVoiceSchema.parse({});

/** Stored JSON → settings; anything unreadable falls back to the defaults (an answer must still go out). */
export function readBrandVoice(stored: unknown): BrandVoice {
  const parsed = brandVoiceSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_BRAND_VOICE;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whole words only, any case: "cheap" never touches "cheaper"; a phrase ("no worries") works too. */
export function replaceAvoidedWords(text: string, words: BrandVoice["wordsToAvoid"]): string {
  let out = text;
  for (const { word, replacement } of words) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(word)}(?![\\p{L}\\p{N}_])`, "giu");
    out = out.replace(pattern, replacement);
  }
  if (out === text) return text;
  // A removed word leaves double spaces or a space before punctuation behind.
  return (
    out
      .replace(/[ \t]{2,}/g, " ")
      .replace(/ +([,.;:!?])/g, "$1")
      .replace(/^[ \t]+|[ \t]+$/gm, "")
      // "Unfortunately, we…" without its first word: drop the orphaned comma, capitalise the rest.
      .replace(/(^|[.!?]\s+)[,;:]\s*(\p{L})/gmu, (_m, before: string, letter: string) => before + letter.toUpperCase())
  );
}

export function applyBrandVoiceTo(voice: BrandVoice, text: string, locale: KnowledgeLocale): string {
  const parts = [voice.greeting[locale], text.trim(), voice.signOff[locale]].filter((p) => p.trim() !== "");
  return replaceAvoidedWords(parts.join("\n\n"), voice.wordsToAvoid);
}

/** "word -> replacement" per line (no arrow: the word is removed), as the settings card edits them. */
export function parseWordsToAvoid(lines: string): { word: string; replacement: string }[] {
  return lines
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [word, ...rest] = line.split(/\s*(?:->|→)\s*/);
      return { word: (word ?? "").trim(), replacement: rest.join(" ").trim() };
    })
    .filter((w) => w.word !== "");
}

export function formatWordsToAvoid(words: BrandVoice["wordsToAvoid"]): string {
  return words.map((w) => (w.replacement ? `${w.word} -> ${w.replacement}` : w.word)).join("\n");
}
