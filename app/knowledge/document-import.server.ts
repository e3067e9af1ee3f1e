// Markdown or text import. A file with "#" or "##" heading lines becomes one article per such
// heading (its text is the title; everything up to the next "#"/"##" heading is the answer, so
// "###" subsections stay inside and become the article's own sections). Text before the first
// heading becomes an article titled after the file; a heading with nothing under it (a file's
// "# FAQ" title above its "##" questions) is skipped. A file without headings is split on blank
// lines: each paragraph's first line is the title and the rest its answer, and a one-line
// paragraph is the title of the paragraph after it. sourceRef is "<file name>#<heading slug>",
// so importing the same file again updates its articles.
import type { KnowledgeLocale } from "./contracts";
import type { ImportedArticle } from "./articles.server";
import { checkArticleFields } from "./article-input";
import { importFile, importFileName, readResult, type ImportResult, type ReadResult } from "./import-file.server";
import { MAX_IMPORT_ROWS } from "./limits";

const ARTICLE_HEADING = /^ {0,3}#{1,2}[ \t]+(.+?)[ \t#]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

export interface DocumentPart {
  /** 1-based line of the heading (or of the paragraph's first line). */
  line: number;
  title: string;
  answer: string;
}

/** "Returns & refunds (EU)" → "returns-refunds-eu". */
export function headingSlug(heading: string): string {
  return heading
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

function fileTitle(fileName: string): string {
  return (
    fileName
      .replace(/\.[^.]+$/, "")
      .replace(/[-_]+/g, " ")
      .trim() || "Untitled"
  );
}

function splitByHeadings(lines: string[], fileName: string): DocumentPart[] | null {
  const parts: DocumentPart[] = [{ line: 1, title: fileTitle(fileName), answer: "" }];
  const bodies: string[][] = [[]];
  let inFence = false;
  let sawHeading = false;
  lines.forEach((line, index) => {
    if (FENCE.test(line)) inFence = !inFence;
    const match = inFence ? null : ARTICLE_HEADING.exec(line);
    if (match) {
      sawHeading = true;
      parts.push({ line: index + 1, title: match[1]!.trim(), answer: "" });
      bodies.push([]);
    } else {
      bodies[bodies.length - 1]!.push(line);
    }
  });
  if (!sawHeading) return null;
  return parts.map((p, i) => ({ ...p, answer: bodies[i]!.join("\n").trim() })).filter((p) => p.answer !== "");
}

function splitByParagraphs(lines: string[]): DocumentPart[] {
  const paragraphs: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  lines.forEach((line, index) => {
    if (line.trim() === "") {
      current = null;
      return;
    }
    if (!current) {
      current = { line: index + 1, lines: [] };
      paragraphs.push(current);
    }
    current.lines.push(line);
  });
  const parts: DocumentPart[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.lines.length === 1) {
      const next = paragraphs[i + 1];
      // A lone line with a paragraph after it titles that paragraph; a lone last line has no answer.
      if (next && next.lines.length > 0) {
        parts.push({ line: p.line, title: p.lines[0]!.trim(), answer: next.lines.join("\n").trim() });
        i++;
      }
      continue;
    }
    parts.push({ line: p.line, title: p.lines[0]!.trim(), answer: p.lines.slice(1).join("\n").trim() });
  }
  return parts;
}

/** Pure: the articles a Markdown or text file holds, in file order. */
export function splitDocument(text: string, fileName: string): DocumentPart[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  return splitByHeadings(lines, fileName) ?? splitByParagraphs(lines);
}

export type DocumentReadResult = ReadResult;

export function readKnowledgeDocument(
  text: string,
  options: { fileName: string; locale: KnowledgeLocale },
): DocumentReadResult {
  const fileName = importFileName(options.fileName);
  const parts = splitDocument(text, fileName);
  if (parts.length === 0) return { ok: false, message: `No articles found in ${fileName}.`, errors: [] };
  if (parts.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      message: `The file has ${parts.length.toLocaleString("en-US")} sections; at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} can be imported at once.`,
      errors: [],
    };
  }
  const errors: string[] = [];
  const articles: ImportedArticle[] = [];
  const slugs = new Set<string>();
  parts.forEach((part, index) => {
    const checked = checkArticleFields({ title: part.title, answer: part.answer, tags: [], locale: options.locale });
    if (!checked.ok) {
      for (const problem of Object.values(checked.problems)) errors.push(`Line ${part.line}: ${problem}`);
      return;
    }
    // Two sections with the same heading keep apart as "-2", "-3": still stable on a re-import.
    const base = headingSlug(part.title) || `section-${index + 1}`;
    let slug = base;
    for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
    slugs.add(slug);
    articles.push({ ...checked.fields, sourceRef: `${fileName}#${slug}` });
  });
  return readResult(articles, errors);
}

export async function importKnowledgeDocument(
  shopId: string,
  file: { name: string; bytes: Uint8Array },
  options: { asDrafts: boolean; locale: KnowledgeLocale },
): Promise<ImportResult> {
  return importFile(shopId, file, {
    source: "DOCUMENT",
    asDrafts: options.asDrafts,
    notUtf8: "The file is not UTF-8 text. Save it as UTF-8 and try again.",
    read: (text) => readKnowledgeDocument(text, { fileName: file.name, locale: options.locale }),
  });
}
