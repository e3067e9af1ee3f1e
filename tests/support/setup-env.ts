// vitest setupFiles: runs before every test file (each file is isolated), so the
// app's process-wide singletons (db(), queues) point at this file's own schema
// and queue prefix. Nothing of ours is mocked: real PostgreSQL, real Redis.
import { afterAll } from "vitest";
import { basename } from "node:path";
import { expect } from "vitest";
import { deleteRedisKeysWithPrefix } from "./redis-cleanup";
import { createTestSchema } from "./test-database";

const label = basename(expect.getState().testPath ?? "file").replace(/\.test\.tsx?$/, "");
const database = await createTestSchema(label);

process.env.NODE_ENV = "test";
process.env.DATABASE_URL = database.url;
process.env.QUEUE_PREFIX = `test-${database.schema}`;
process.env.LOG_LEVEL ??= "silent";
process.env.SHOPIFY_API_KEY = "test-api-key";
process.env.SHOPIFY_API_SECRET = "test-api-secret";
process.env.SHOPIFY_APP_URL = "http://127.0.0.1:3999";
process.env.ENCRYPTION_KEY = "a".repeat(64);

afterAll(async () => {
  const { disconnectDb } = await import("../../app/db/client.server");
  const { closeQueues } = await import("../../app/jobs/enqueue.server");
  await closeQueues();
  await disconnectDb();
  await database.drop();
  await deleteRedisKeysWithPrefix(`test-${database.schema}`);
});
