// REDIS_URL in its three shapes (docs/decisions/0047):
//   redis://[[user]:password@]host:port[/db]            one server (rediss:// for TLS), as ioredis reads it
//   redis-sentinel://[[user]:password@]h1:26379,h2:26379/<masterName>[?db=N&sentinelPassword=…&sentinelUsername=…]
//   redis-cluster://[[user]:password@]h1:6379,h2:6379   seed nodes of a Redis Cluster
// rediss-sentinel:// and rediss-cluster:// use TLS. The user and password are the data nodes'
// (master, replicas, cluster nodes); Sentinels that want their own take the query parameters.
import { z } from "zod";

export interface RedisNode {
  host: string;
  port: number;
}

export type RedisTopology =
  | { kind: "standalone"; url: string }
  | {
      kind: "sentinel";
      sentinels: RedisNode[];
      masterName: string;
      username?: string;
      password?: string;
      db: number;
      sentinelUsername?: string;
      sentinelPassword?: string;
      tls: boolean;
    }
  | { kind: "cluster"; nodes: RedisNode[]; username?: string; password?: string; tls: boolean };

const MULTI_HOST = /^(rediss?)-(sentinel|cluster):\/\/(?:([^@/?#]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/;
const NODE = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/;

function nodesOf(list: string, defaultPort: number): RedisNode[] | string {
  const nodes: RedisNode[] = [];
  for (const part of list.split(",")) {
    const m = NODE.exec(part.trim());
    const port = m?.[3] ? Number(m[3]) : defaultPort;
    if (!m || port < 1 || port > 65535) return `"${part}" is not host[:port]`;
    nodes.push({ host: m[1] ?? m[2], port });
  }
  return nodes;
}

function credentialsOf(userinfo: string | undefined): { username?: string; password?: string } {
  if (!userinfo) return {};
  const colon = userinfo.indexOf(":");
  const user = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
  const password = colon < 0 ? "" : decodeURIComponent(userinfo.slice(colon + 1));
  // As in redis://: a lone name without a colon is the password (Redis before ACLs had no users).
  if (colon < 0) return user ? { password: user } : {};
  return { ...(user ? { username: user } : {}), ...(password ? { password } : {}) };
}

function parse(raw: string): RedisTopology | string {
  const url = raw.trim();
  if (/^rediss?:\/\//i.test(url)) {
    try {
      new URL(url);
    } catch {
      return "is not a valid redis:// URL";
    }
    return { kind: "standalone", url };
  }
  const m = MULTI_HOST.exec(url);
  if (!m) return "must be redis://, rediss://, redis-sentinel:// or redis-cluster:// (see README)";
  const [, scheme, kind, userinfo, hostList, path = "", query = ""] = m;
  const tls = scheme === "rediss";
  let credentials: { username?: string; password?: string };
  try {
    credentials = credentialsOf(userinfo);
  } catch {
    return "has badly escaped credentials";
  }
  const params = new URLSearchParams(query);
  if (kind === "cluster") {
    if (path.replace(/\/+$/, "")) return "a Redis Cluster has one database: drop the path";
    const nodes = nodesOf(hostList, 6379);
    if (typeof nodes === "string") return nodes;
    return { kind: "cluster", nodes, ...credentials, tls };
  }
  const masterName = decodeURIComponent(path.replace(/\/+$/, ""));
  if (!masterName || masterName.includes("/")) return "needs the master's name as its path: …/mymaster";
  const sentinels = nodesOf(hostList, 26379);
  if (typeof sentinels === "string") return sentinels;
  const db = Number(params.get("db") ?? "0");
  if (!Number.isInteger(db) || db < 0) return "db must be a database number";
  const sentinelUsername = params.get("sentinelUsername") ?? undefined;
  const sentinelPassword = params.get("sentinelPassword") ?? undefined;
  return {
    kind: "sentinel",
    sentinels,
    masterName,
    ...credentials,
    db,
    ...(sentinelUsername ? { sentinelUsername } : {}),
    ...(sentinelPassword ? { sentinelPassword } : {}),
    tls,
  };
}

/** The zod schema config.server.ts validates REDIS_URL with (it stays a string there). */
export const redisUrlSchema = z.string().superRefine((value, ctx) => {
  const parsed = parse(value);
  if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
});

export function parseRedisUrl(url: string): RedisTopology {
  const parsed = parse(url);
  if (typeof parsed === "string") throw new Error(`REDIS_URL ${parsed}`);
  return parsed;
}

/** The URL with its passwords masked, for error messages and logs. */
export function redactRedisUrl(url: string): string {
  return url
    .replace(/^([a-z-]+:\/\/[^:@/]*:)[^@/]+@/i, "$1***@")
    .replace(/([?&](?:sentinelPassword)=)[^&#]*/gi, "$1***");
}

/**
 * BullMQ runs multi-key scripts, which a Redis Cluster only allows when every key hashes to one
 * slot: on a cluster the prefix must carry a hash tag. A prefix that has one is kept; any other
 * is wrapped whole ("threadline" becomes "{threadline}").
 */
export function queuePrefixFor(redisUrl: string, prefix: string): string {
  const topology = parse(redisUrl);
  if (typeof topology === "string" || topology.kind !== "cluster") return prefix;
  return hasHashTag(prefix) ? prefix : `{${prefix}}`;
}

/** Redis's rule: the text between the first "{" and the next "}", when not empty, is what is hashed. */
export function hasHashTag(key: string): boolean {
  const open = key.indexOf("{");
  if (open < 0) return false;
  const close = key.indexOf("}", open + 1);
  return close > open + 1;
}
