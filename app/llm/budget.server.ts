// The daily token budget per shop, counted in Redis: one counter per shop per UTC day
// (`<QUEUE_PREFIX>:llm-tokens:<shopId>:<YYYY-MM-DD>`), INCRBY the tokens each call reports, kept
// two days (EXPIRE NX) so yesterday's counter ages out by itself. Redis rather than the DB: it is
// a hot counter written on every call and needs no history. Calls already in flight can overshoot
// the budget by their own size; the next call is refused. When Redis cannot be read the call is
// refused too (fails closed): the model costs money and retrieval still answers without it.
import { config } from "../config.server";
import { createRedisConnection, type RedisClient } from "../jobs/connection.server";

const KEEP_SECONDS = 2 * 24 * 60 * 60;

const globalForLlm = globalThis as unknown as { threadlineLlmRedis?: RedisClient };

function redis(): RedisClient {
  // A few retries, not BullMQ's infinite ones: an answer must not hang on a dead Redis.
  return (globalForLlm.threadlineLlmRedis ??= createRedisConnection(config().REDIS_URL, {
    maxRetriesPerRequest: 2,
  }));
}

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function tokenBudgetKey(shopId: string, now: Date = new Date()): string {
  return `${config().QUEUE_PREFIX}:llm-tokens:${shopId}:${utcDay(now)}`;
}

export async function tokensUsedToday(shopId: string, now: Date = new Date()): Promise<number> {
  return Number((await redis().get(tokenBudgetKey(shopId, now))) ?? 0);
}

/** Whether a call expected to take about `estimate` tokens still fits today's budget. */
export async function budgetAllows(
  shopId: string,
  dailyBudget: number,
  estimate: number,
  now: Date = new Date(),
): Promise<{ allowed: boolean; used: number }> {
  const used = await tokensUsedToday(shopId, now);
  return { allowed: used + estimate <= dailyBudget, used };
}

/** Adds what a call really used (its reported total, or the estimate when none came back). */
export async function recordTokens(shopId: string, tokens: number, now: Date = new Date()): Promise<number> {
  const key = tokenBudgetKey(shopId, now);
  const results = await redis()
    .multi()
    .incrby(key, Math.max(0, Math.ceil(tokens)))
    .expire(key, KEEP_SECONDS, "NX")
    .exec();
  return Number(results?.[0]?.[1] ?? 0);
}

/** About four characters a token: enough to refuse a call that plainly cannot fit. */
export function estimateTokens(...texts: string[]): number {
  return Math.ceil(texts.reduce((n, t) => n + t.length, 0) / 4);
}

export async function closeLlmBudget(): Promise<void> {
  const client = globalForLlm.threadlineLlmRedis;
  globalForLlm.threadlineLlmRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
