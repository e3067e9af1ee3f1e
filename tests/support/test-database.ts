// Each test file gets its own PostgreSQL schema with every migration applied,
// so files run in parallel without seeing each other's rows.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export function migrationSql(): string[] {
  const dir = resolve("prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => readFileSync(join(dir, name, "migration.sql"), "utf8"));
}

export async function createTestSchema(label: string): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `t_${label
    .replace(/[^a-z0-9]+/gi, "_")
    .toLowerCase()
    .slice(0, 30)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at TEST_DATABASE_URL=${TEST_DATABASE_URL} (${(error as Error).message}). Start it or set TEST_DATABASE_URL.`,
    );
  }
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    // public after the schema: extensions (pg_trgm's operator classes) live there.
    await client.query(`SET search_path TO "${schema}", public`);
    for (const sql of migrationSql()) await client.query(sql);
  } finally {
    await client.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("schema", schema);
  return {
    schema,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}
