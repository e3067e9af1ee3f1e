// Writes a new migration from the difference between prisma/migrations and
// schema.prisma, offline (an in-memory PGlite is the shadow database).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newPglite, PrismaPGliteWithExtensions } from "../app/db/client.server";
import { diffMigrationsToSchema, MIGRATIONS_DIR } from "../app/db/schema-engine.server";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration:new -- <name>");
  process.exit(2);
}
const sql = await diffMigrationsToSchema(new PrismaPGliteWithExtensions(newPglite()));
if (!sql.trim()) {
  console.log("schema.prisma and prisma/migrations already agree; nothing to write");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql`);
