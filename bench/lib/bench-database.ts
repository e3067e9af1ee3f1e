// The start every database bench shares: a fresh PostgreSQL schema with every migration, dropped
// even when the run fails (a failed seed must not leave a million rows behind), and the app's
// environment pointed at it as production runs it.
import { randomBytes } from "node:crypto";
import { createTestSchema } from "../../tests/support/test-database";

export async function benchDatabase(label: string) {
  const database = await createTestSchema(label);
  const dropOnFailure = (error: unknown) => {
    console.error(error);
    void database.drop().finally(() => process.exit(1));
  };
  process.once("uncaughtException", dropOnFailure);
  process.once("unhandledRejection", dropOnFailure);
  delete process.env.THREADLINE_DEMO;
  Object.assign(process.env, {
    NODE_ENV: "production",
    ENCRYPTION_KEY: process.env.ENCRYPTION_KEY ?? "b".repeat(64),
    // Production refuses the public development secret; nothing here is signed.
    SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? `bench-${randomBytes(16).toString("hex")}`,
    DATABASE_URL: database.url,
    LOG_LEVEL: "warn",
  });
  return database;
}
