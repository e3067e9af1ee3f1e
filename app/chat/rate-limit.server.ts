// Storefront chat: at most CHAT_MESSAGES_PER_MINUTE messages per visitor per minute, counted in
// Redis (INCR + EXPIRE NX on a fixed one-minute window) under QUEUE_PREFIX. One lazily opened
// connection per process; closeChatRateLimiter() releases it at shutdown.
import type { Redis } from "ioredis";
import { config } from "../config.server";
import { createRedisConnection } from "../jobs/connection.server";
import { logger } from "../lib/logger.server";

export const CHAT_MESSAGES_PER_MINUTE = 10;
const WINDOW_SECONDS = 60;

const globalForChat = globalThis as unknown as { threadlineChatRedis?: Redis };

function redis(): Redis {
  // A few retries, not BullMQ's infinite ones: a chat request must not hang on a dead Redis.
  return (globalForChat.threadlineChatRedis ??= createRedisConnection(config().REDIS_URL, {
    maxRetriesPerRequest: 2,
  }));
}

export function chatRateKey(shopId: string, visitorId: string): string {
  return `${config().QUEUE_PREFIX}:chat-rate:${shopId}:${visitorId}`;
}

/**
 * Counts one message; false when the visitor is over the limit for the current window.
 * Fails open (logs and allows) when Redis cannot be reached: chat keeps working in an outage.
 */
export async function takeChatMessageSlot(shopId: string, visitorId: string): Promise<boolean> {
  const key = chatRateKey(shopId, visitorId);
  try {
    // EXPIRE NX: the window starts with the first message and later ones never extend it.
    const results = await redis().multi().incr(key).expire(key, WINDOW_SECONDS, "NX").exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    return count <= CHAT_MESSAGES_PER_MINUTE;
  } catch (err) {
    logger.warn({ shopId, err: (err as Error).message }, "chat rate limit unavailable; message allowed");
    return true;
  }
}

export async function closeChatRateLimiter(): Promise<void> {
  const client = globalForChat.threadlineChatRedis;
  globalForChat.threadlineChatRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
