// What a valid article is, for the editor and both importers alike. Messages name the field the
// way the CSV header does ("question is empty"), so an import error and an editor error read the same.
import { z } from "zod";
import { KNOWLEDGE_LOCALES, MAX_ARTICLE_ANSWER, MAX_ARTICLE_TAG, MAX_ARTICLE_TAGS, MAX_ARTICLE_TITLE } from "./limits";

const count = (n: number) => n.toLocaleString("en-US");

/** Newlines as \n, surrounding space trimmed: what we store. */
export function cleanText(value: string): string {
  return value.replace(/\r\n?/g, "\n").trim();
}

/** Tags from a list or a separated string: trimmed, empty ones dropped, duplicates (any case) once. */
export function cleanTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const tag of raw.map((t) => t.trim().replace(/\s+/g, " "))) {
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}

export function splitTags(cell: string, separator: string | RegExp): string[] {
  return cleanTags(cell.split(separator));
}

export const articleFields = z.object({
  title: z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, "question is empty")
        .max(MAX_ARTICLE_TITLE, `question is longer than ${count(MAX_ARTICLE_TITLE)} characters`),
    ),
  answer: z
    .string()
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, "answer is empty")
        .max(MAX_ARTICLE_ANSWER, `answer is longer than ${count(MAX_ARTICLE_ANSWER)} characters`),
    ),
  tags: z
    .array(z.string())
    .transform(cleanTags)
    .pipe(
      z
        .array(z.string().max(MAX_ARTICLE_TAG, { message: `a tag is longer than ${MAX_ARTICLE_TAG} characters` }))
        .max(MAX_ARTICLE_TAGS, `more than ${MAX_ARTICLE_TAGS} tags`),
    ),
  locale: z.string().refine((l) => (KNOWLEDGE_LOCALES as readonly string[]).includes(l), {
    message: "locale is not one of en, es, fr",
  }),
});

export type ArticleFields = Omit<z.infer<typeof articleFields>, "locale"> & { locale: "en" | "es" | "fr" };
export type ArticleField = "title" | "answer" | "tags" | "locale";
export type ArticleProblems = Partial<Record<ArticleField, string>>;

/** Validated fields, or the first problem per field. The locale message quotes the value given. */
export function checkArticleFields(raw: {
  title: string;
  answer: string;
  tags: string[];
  locale: string;
}): { ok: true; fields: ArticleFields } | { ok: false; problems: ArticleProblems } {
  const parsed = articleFields.safeParse(raw);
  if (parsed.success) return { ok: true, fields: parsed.data as ArticleFields };
  const problems: ArticleProblems = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as ArticleField;
    let message = issue.message;
    if (field === "locale") message = `locale '${raw.locale}' is not one of ${KNOWLEDGE_LOCALES.join(", ")}`;
    if (field === "tags" && typeof issue.path[1] === "number") {
      const tag = cleanTags(raw.tags)[issue.path[1]] ?? "";
      message = `tag '${tag.slice(0, 20)}${tag.length > 20 ? "…" : ""}' is longer than ${MAX_ARTICLE_TAG} characters`;
    }
    problems[field] ??= message;
  }
  return { ok: false, problems };
}

/** "question is empty" → "Question is empty", for the editor's fields. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
