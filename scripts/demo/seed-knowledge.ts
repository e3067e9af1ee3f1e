// A few knowledge articles for the demo shop, so the Knowledge page's Try it answers at once.
// Read through the real CSV importer's reader; only articles whose sourceRef is missing are
// written, so restarting the demo neither duplicates them nor undoes a merchant's edits.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { db } from "../../app/db/client.server";
import { upsertImportedArticles } from "../../app/knowledge/articles.server";
import { readKnowledgeCsv } from "../../app/knowledge/csv-import.server";

const FILE = fileURLToPath(new URL("./knowledge-demo.csv", import.meta.url));

export async function seedDemoKnowledge(shopId: string): Promise<number> {
  const read = readKnowledgeCsv(readFileSync(FILE, "utf8"), { fileName: "demo-faq.csv", defaultLocale: "en" });
  if (!read.ok) throw new Error(`demo knowledge CSV: ${read.message} ${read.errors.join("; ")}`);
  const existing = await db().knowledgeArticle.findMany({
    where: { shopId, source: "CSV", sourceRef: { in: read.articles.map((a) => a.sourceRef) } },
    select: { sourceRef: true },
  });
  const have = new Set(existing.map((e) => e.sourceRef));
  const missing = read.articles.filter((a) => !have.has(a.sourceRef));
  if (missing.length === 0) return 0;
  await db().$transaction((tx) => upsertImportedArticles(tx, shopId, "CSV", "PUBLISHED", missing), { timeout: 60_000 });
  return missing.length;
}
