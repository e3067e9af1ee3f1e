// The Knowledge page's one upload: a .csv goes to the CSV importer, a .md/.markdown/.txt to the
// document importer; anything else is refused before it is read.
import type { KnowledgeLocale } from "./contracts";
import { importKnowledgeCsv } from "./csv-import.server";
import { importKnowledgeDocument } from "./document-import.server";
import { importFailure, type ImportResult } from "./import-file.server";

export type { ImportResult };

export const IMPORT_ACCEPT = ".csv,.md,.markdown,.txt,text/csv,text/markdown,text/plain";

export async function importKnowledgeFile(
  shopId: string,
  file: { name: string; bytes: Uint8Array },
  options: { asDrafts: boolean; locale: KnowledgeLocale },
): Promise<ImportResult> {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase();
  if (extension === "csv") {
    return importKnowledgeCsv(shopId, file, { asDrafts: options.asDrafts, defaultLocale: options.locale });
  }
  if (extension === "md" || extension === "markdown" || extension === "txt") {
    return importKnowledgeDocument(shopId, file, options);
  }
  return importFailure(400, "Choose a .csv, .md or .txt file.");
}
