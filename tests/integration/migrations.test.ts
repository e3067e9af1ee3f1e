import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  createDb,
  describeDatabase,
  disconnectDb,
  newPglite,
  PrismaPGliteWithExtensions,
} from "../../app/db/client.server";
import { migrateDatabase } from "../../app/db/migrate.server";
import { diffMigrationsToSchema } from "../../app/db/schema-engine.server";
import { TEST_DATABASE_URL } from "../support/test-database";

const pgliteDir = mkdtempSync(join(tmpdir(), "threadline-pglite-"));
const schema = `mig_${process.pid}_${Date.now().toString(36)}`;

afterAll(async () => {
  await disconnectDb();
  rmSync(pgliteDir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe("schema and migrations", () => {
  it("GIVEN schema.prisma and prisma/migrations WHEN diffed THEN they agree (no drift)", async () => {
    const missingSql = await diffMigrationsToSchema(new PrismaPGliteWithExtensions(newPglite()));
    expect(missingSql, "run `npm run db:migration:new -- <name>` to add a migration").toBe("");
  });

  it("GIVEN an empty PostgreSQL schema WHEN migrated twice THEN the first run applies everything and the second nothing", async () => {
    const target = describeDatabase(`${TEST_DATABASE_URL}?schema=${schema}`);
    const first = await migrateDatabase(target);
    const second = await migrateDatabase(target);
    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual([]);

    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(
      `SELECT migration_name, finished_at FROM "${schema}"._prisma_migrations ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    expect(rows.every((r) => r.finished_at)).toBe(true);
  });

  it("GIVEN no DATABASE_URL WHEN migrated THEN the embedded PGlite database is created on disk and usable through Prisma", async () => {
    const target = describeDatabase(null, pgliteDir);
    expect(target.kind).toBe("pglite");
    await migrateDatabase(target);
    const client = createDb(target);
    const shop = await client.shop.create({ data: { domain: "embedded.myshopify.com" } });
    const found = await client.shop.findUnique({ where: { domain: "embedded.myshopify.com" } });
    expect(found?.id).toBe(shop.id);
  });
});
