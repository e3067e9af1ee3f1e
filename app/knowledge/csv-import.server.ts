// CSV import: columns question,answer,tags,locale (the header row names them, in any order;
// tags and locale may be left out), tags separated by "|" (or "," or ";"), locale en|es|fr defaulting to the
// shop's. Every row is checked before anything is written; one bad row and nothing is imported,
// with every problem listed by row ("Row 7: answer is empty"). A row's sourceRef is the file name
// plus a hash of its question, so importing the same file again updates its articles.
import { createHash } from "node:crypto";
import type { KnowledgeLocale } from "./contracts";
import type { ImportedArticle } from "./articles.server";
import { checkArticleFields, splitTags } from "./article-input";
import { isBlankRecord, parseCsv } from "./csv";
import { importFile, importFileName, readResult, type ImportResult, type ReadResult } from "./import-file.server";
import { CSV_TAG_SEPARATORS, MAX_IMPORT_ROWS } from "./limits";

export const CSV_COLUMNS = ["question", "answer", "tags", "locale"] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ["question", "answer"];

/** The same question (any case or spacing) hashes the same: what makes a re-import an update. */
export function questionHash(question: string): string {
  const normal = question.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(normal).digest("hex").slice(0, 16);
}

export type CsvReadResult = ReadResult;

/** Pure: CSV text → the articles it describes, or every problem in it. */
export function readKnowledgeCsv(
  text: string,
  options: { fileName: string; defaultLocale: KnowledgeLocale },
): CsvReadResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    return { ok: false, message: "The file is not valid CSV.", errors: [`Row ${parsed.row}: ${parsed.error}`] };
  }
  const records = parsed.records;
  const header = records.shift();
  if (!header || isBlankRecord(header)) {
    return {
      ok: false,
      message: "The file is empty.",
      errors: [`Row 1: the header row is missing (expected ${CSV_COLUMNS.join(",")})`],
    };
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const headerErrors: string[] = [];
  for (const [index, name] of names.entries()) {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      headerErrors.push(`Row 1: unknown column '${name}' (the columns are ${CSV_COLUMNS.join(", ")})`);
    } else if (names.indexOf(name) !== index && names.indexOf(name, names.indexOf(name) + 1) === index) {
      headerErrors.push(`Row 1: column '${name}' appears more than once`);
    }
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!names.includes(required)) headerErrors.push(`Row 1: the header has no '${required}' column`);
  }
  if (headerErrors.length)
    return { ok: false, message: "The header row is not question,answer,tags,locale.", errors: headerErrors };

  const dataRows = records.filter((r) => !isBlankRecord(r));
  if (dataRows.length === 0) return { ok: false, message: "The file has a header but no rows.", errors: [] };
  if (dataRows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      message: `The file has ${dataRows.length.toLocaleString("en-US")} rows; at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} can be imported at once. Split it into smaller files.`,
      errors: [],
    };
  }

  const col = (name: Column) => names.indexOf(name);
  const fileName = importFileName(options.fileName);
  const errors: string[] = [];
  const articles: ImportedArticle[] = [];
  const rowOfHash = new Map<string, number>();
  for (const record of dataRows) {
    if (record.fields.length !== names.length) {
      errors.push(`Row ${record.row}: has ${record.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const cell = (name: Column) => (col(name) >= 0 ? record.fields[col(name)]! : "");
    const givenLocale = cell("locale").trim();
    const locale = givenLocale.toLowerCase() || options.defaultLocale;
    const checked = checkArticleFields({
      title: cell("question"),
      answer: cell("answer"),
      tags: splitTags(cell("tags"), CSV_TAG_SEPARATORS),
      locale,
    });
    if (!checked.ok) {
      for (const field of ["title", "answer", "tags", "locale"] as const) {
        const problem = checked.problems[field];
        if (!problem) continue;
        errors.push(
          `Row ${record.row}: ${field === "locale" ? `locale '${givenLocale}' is not one of en, es, fr` : problem}`,
        );
      }
      continue;
    }
    const hash = questionHash(checked.fields.title);
    const first = rowOfHash.get(hash);
    if (first !== undefined) {
      errors.push(`Row ${record.row}: the same question as row ${first}`);
      continue;
    }
    rowOfHash.set(hash, record.row);
    articles.push({ ...checked.fields, sourceRef: `${fileName}#${hash}` });
  }
  return readResult(articles, errors);
}

export async function importKnowledgeCsv(
  shopId: string,
  file: { name: string; bytes: Uint8Array },
  options: { asDrafts: boolean; defaultLocale: KnowledgeLocale },
): Promise<ImportResult> {
  return importFile(shopId, file, {
    source: "CSV",
    asDrafts: options.asDrafts,
    notUtf8: "The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.",
    read: (text) => readKnowledgeCsv(text, { fileName: file.name, defaultLocale: options.defaultLocale }),
  });
}
