// A token bucket per sender in Redis, shared by every worker process: a campaign's sends through
// one Twilio number (or one SendGrid account) never go faster than that sender's rate, however
// many batches run at once. The bucket holds at most a tenth of a second's worth (at least one
// token), so at 1/s the sends are a second apart and at 100/s they go ten at a time. Redis's own
// clock decides, so workers on different machines agree. A Redis that forgot the bucket starts a
// full one: at most one extra burst of that size.
import { config } from "../../config.server";
import { createRedisConnection, type RedisClient } from "../../jobs/connection.server";

const TAKE = `
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
if now > at then tokens = math.min(capacity, tokens + (now - at) * rate / 1000) end
local granted = math.min(want, math.floor(tokens))
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], 60000)
local wait = 0
if granted < want then wait = math.ceil((1 - (tokens - math.floor(tokens))) * 1000 / rate) end
return {granted, wait}
`;

const globalForThrottle = globalThis as unknown as { campaignThrottleRedis?: RedisClient };

function redis(): RedisClient {
  return (globalForThrottle.campaignThrottleRedis ??= createRedisConnection());
}

export function closeThrottle(): void {
  globalForThrottle.campaignThrottleRedis?.disconnect();
  globalForThrottle.campaignThrottleRedis = undefined;
}

export function bucketCapacity(ratePerSecond: number): number {
  return Math.max(1, Math.floor(ratePerSecond / 10));
}

/** Up to `want` sends may go now through `sender`; resolves once at least one may (never 0). */
export async function takeSendTokens(sender: string, ratePerSecond: number, want: number): Promise<number> {
  const key = `${config().QUEUE_PREFIX}:campaign-rate:${sender}`;
  for (;;) {
    const [granted, wait] = (await redis().eval(
      TAKE,
      1,
      key,
      String(ratePerSecond),
      String(bucketCapacity(ratePerSecond)),
      String(want),
    )) as [number, number];
    if (granted > 0) return granted;
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait)));
  }
}
