import { Redis, type RedisOptions } from "ioredis";
import { config } from "../config.server";

export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Redis is not reachable at REDIS_URL=${url} (${reason}). Start Redis (for example \`redis-server\`) or set REDIS_URL to a running instance.`,
    );
    this.name = "RedisUnavailableError";
  }
}

function redact(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}

/** One quick ping with no retries, so a missing Redis is one clear line, not a stack of reconnects. */
export async function assertRedisReachable(url = config().REDIS_URL): Promise<void> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new RedisUnavailableError(redact(url), error);
  } finally {
    probe.disconnect();
  }
}

/** Connection for BullMQ queues and workers (workers require maxRetriesPerRequest: null). */
export function createRedisConnection(url = config().REDIS_URL, extra: RedisOptions = {}): Redis {
  const connection = new Redis(url, { maxRetriesPerRequest: null, ...extra });
  let warned = false;
  connection.on("error", (error) => {
    if (warned) return;
    warned = true;
    console.error(new RedisUnavailableError(redact(url), error).message);
  });
  connection.on("ready", () => {
    warned = false;
  });
  return connection;
}
