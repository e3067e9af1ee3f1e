// What every import shares: the size limit, UTF-8 decoding, a safe file name for sourceRef, and
// the one transaction the articles are written in (all or nothing).
import { db } from "../db/client.server";
import type { KnowledgeSource } from "../generated/prisma/client";
import { upsertImportedArticles, type ImportedArticle } from "./articles.server";
import { enqueueArticleEmbeddings } from "./embed-sections.server";
import { MAX_IMPORT_BYTES } from "./limits";

export type ImportResult =
  | { ok: true; created: number; updated: number; total: number }
  | { ok: false; status: 400 | 413; message: string; errors: string[] };

export function importFailure(status: 400 | 413, message: string, errors: string[] = []): ImportResult {
  return { ok: false, status, message, errors };
}

/** What reading a file gives before anything is written: its articles, or every problem in it. */
export type ReadResult = { ok: true; articles: ImportedArticle[] } | { ok: false; message: string; errors: string[] };

export function readResult(articles: ImportedArticle[], errors: string[]): ReadResult {
  if (!errors.length) return { ok: true, articles };
  const n = errors.length;
  return { ok: false, message: `Nothing was imported: ${n} ${n === 1 ? "problem" : "problems"} in the file.`, errors };
}

/**
 * The whole import of one file: size limit, UTF-8, reading (pure, every problem at once), then one
 * transaction. Nothing is written unless every row or section is valid.
 */
export async function importFile(
  shopId: string,
  file: { bytes: Uint8Array },
  how: { source: KnowledgeSource; asDrafts: boolean; notUtf8: string; read: (text: string) => ReadResult },
): Promise<ImportResult> {
  if (file.bytes.byteLength > MAX_IMPORT_BYTES) return importFailure(413, TOO_LARGE_MESSAGE);
  const text = decodeUtf8(file.bytes);
  if (text === null) return importFailure(400, how.notUtf8);
  const read = how.read(text);
  if (!read.ok) return importFailure(400, read.message, read.errors);
  return writeImport(shopId, how.source, how.asDrafts, read.articles);
}

export const TOO_LARGE_MESSAGE = `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files and import each.`;

/** UTF-8 (a byte-order mark is dropped); anything else is refused rather than imported garbled. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

/** "C:\\fakepath\\faq.csv" → "faq.csv": the part of sourceRef that names the file. */
export function importFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // Control characters and "#" (our separator in sourceRef) are dropped.
  const clean = [...base]
    .filter((c) => c !== "#" && c.charCodeAt(0) >= 0x20)
    .join("")
    .trim();
  return (clean || "upload").slice(0, 120);
}

export async function writeImport(
  shopId: string,
  source: KnowledgeSource,
  asDrafts: boolean,
  articles: readonly ImportedArticle[],
): Promise<ImportResult> {
  // Up to 5,000 articles and their sections: far beyond Prisma's 5-second default.
  const { created, updated } = await db().$transaction(
    (tx) => upsertImportedArticles(tx, shopId, source, asDrafts ? "DRAFT" : "PUBLISHED", articles),
    { maxWait: 15_000, timeout: 300_000 },
  );
  // Every article of the shop still missing a vector (the import's among them), after the commit.
  await enqueueArticleEmbeddings(shopId);
  return { ok: true, created, updated, total: articles.length };
}
