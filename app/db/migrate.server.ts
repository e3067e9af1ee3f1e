import { logger } from "../lib/logger.server";
import { createAdapterFactory, describeDatabase, type DatabaseTarget } from "./client.server";
import { applyMigrations } from "./schema-engine.server";

/** Applies prisma/migrations to the target; records them in _prisma_migrations like `prisma migrate deploy`. */
export async function migrateDatabase(target: DatabaseTarget = describeDatabase()) {
  if (target.kind === "postgres" && target.schema) {
    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: target.location });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema.replaceAll('"', "")}"`);
    } finally {
      await client.end();
    }
  }
  const { appliedMigrationNames } = await applyMigrations(createAdapterFactory(target));
  logger.info(
    { database: target.kind, schema: target.schema, applied: appliedMigrationNames },
    appliedMigrationNames.length ? "database migrated" : "database already up to date",
  );
  return appliedMigrationNames;
}
