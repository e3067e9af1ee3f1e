import { Redis } from "ioredis";

/**
 * Deletes a test file's BullMQ keys once it is done, so repeated runs do not pile up keys in
 * the developer's Redis. SCAN, not KEYS: other test files use the same Redis at the same time.
 */
export async function deleteRedisKeysWithPrefix(
  prefix: string,
  url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
) {
  // A test file may have pointed REDIS_URL at a private Redis it has already stopped: then there
  // is nothing left to clean, and no reconnecting either.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    try {
      await redis.connect();
    } catch {
      return;
    }
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
