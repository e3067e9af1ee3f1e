// Storefront chat counters in Redis (INCR + EXPIRE NX on fixed windows) under QUEUE_PREFIX. One
// lazily opened connection per process; closeChatRateLimiter() releases it at shutdown.
// Which counters a message takes, and their limits, are decided in chat-admission.server.ts.
import { config } from "../config.server";
import { createRedisConnection, type RedisClient } from "../jobs/connection.server";
import { logger } from "../lib/logger.server";

export interface RateCounter {
  /** Key suffix under `<QUEUE_PREFIX>:chat-rate:`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

const globalForChat = globalThis as unknown as { threadlineChatRedis?: RedisClient };

function redis(): RedisClient {
  // A few retries, not BullMQ's infinite ones: a chat request must not hang on a dead Redis.
  return (globalForChat.threadlineChatRedis ??= createRedisConnection(config().REDIS_URL, {
    maxRetriesPerRequest: 2,
  }));
}

export function chatRateKey(suffix: string): string {
  return `${config().QUEUE_PREFIX}:chat-rate:${suffix}`;
}

/**
 * Counts one hit on every counter at once; returns the first counter now over its limit, or null.
 * Refused attempts count too, so hammering a full window keeps it full.
 * Fails open (logs and allows) when Redis cannot be reached: chat keeps working in an outage.
 */
export async function takeSlots(counters: RateCounter[]): Promise<RateCounter | null> {
  if (!counters.length) return null;
  try {
    const multi = redis().multi();
    for (const c of counters) {
      const key = chatRateKey(c.key);
      // EXPIRE NX: the window starts with the first hit and later ones never extend it.
      multi.incr(key).expire(key, c.windowSeconds, "NX");
    }
    const results = await multi.exec();
    return counters.find((c, i) => Number(results?.[i * 2]?.[1] ?? 0) > c.limit) ?? null;
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "chat rate limit unavailable; message allowed");
    return null;
  }
}

export async function closeChatRateLimiter(): Promise<void> {
  const client = globalForChat.threadlineChatRedis;
  globalForChat.threadlineChatRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
