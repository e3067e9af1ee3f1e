// Every Redis connection of the app is built here, from REDIS_URL in any of its three shapes
// (one server, Sentinel, Cluster; app/jobs/redis-url.ts).
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
import { config } from "../config.server";
import { parseRedisUrl, redactRedisUrl, type RedisTopology } from "./redis-url";

/** What createRedisConnection returns: one server (directly or found through Sentinel) or a Cluster. */
export type RedisClient = Redis | Cluster;

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
    return redactRedisUrl(url);
  }
}

function build(topology: RedisTopology, options: RedisOptions, clusterOptions: ClusterOptions = {}): RedisClient {
  switch (topology.kind) {
    case "standalone":
      return new Redis(topology.url, options);
    case "sentinel":
      return new Redis({
        ...options,
        sentinels: topology.sentinels,
        name: topology.masterName,
        db: topology.db,
        ...(topology.username ? { username: topology.username } : {}),
        ...(topology.password ? { password: topology.password } : {}),
        ...(topology.sentinelUsername ? { sentinelUsername: topology.sentinelUsername } : {}),
        ...(topology.sentinelPassword ? { sentinelPassword: topology.sentinelPassword } : {}),
        ...(topology.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
      });
    case "cluster": {
      // Options that are the Cluster's own live at the top level; the rest apply to each node.
      const { enableOfflineQueue, lazyConnect, retryStrategy: _perNode, ...perNode } = options;
      return new Cluster(topology.nodes, {
        ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
        ...(lazyConnect !== undefined ? { lazyConnect } : {}),
        ...clusterOptions,
        redisOptions: {
          ...perNode,
          ...(topology.username ? { username: topology.username } : {}),
          ...(topology.password ? { password: topology.password } : {}),
          ...(topology.tls ? { tls: {} } : {}),
        },
      });
    }
  }
}

/** One quick ping with no retries, so a missing Redis is one clear line, not a stack of reconnects. */
export async function assertRedisReachable(url = config().REDIS_URL): Promise<void> {
  let probe: RedisClient | undefined;
  try {
    probe = build(
      parseRedisUrl(url),
      {
        lazyConnect: true,
        connectTimeout: 2000,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
        sentinelRetryStrategy: () => null,
      },
      { clusterRetryStrategy: () => null },
    );
    probe.on("error", () => {});
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new RedisUnavailableError(redact(url), error);
  } finally {
    probe?.disconnect();
  }
}

/** Connection for BullMQ queues and workers (workers require maxRetriesPerRequest: null). */
export function createRedisConnection(url = config().REDIS_URL, extra: RedisOptions = {}): RedisClient {
  const connection = build(parseRedisUrl(url), { maxRetriesPerRequest: null, ...extra });
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
