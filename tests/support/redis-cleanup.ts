import { Redis } from "ioredis";

/**
 * Deletes a test file's BullMQ keys once it is done, so repeated runs do not pile up keys in
 * the developer's Redis. SCAN, not KEYS: other test files use the same Redis at the same time.
 */
export async function deleteRedisKeysWithPrefix(
  prefix: string,
  url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
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
