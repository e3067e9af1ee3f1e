import { describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config.server";
import { hasHashTag, parseRedisUrl, queuePrefixFor, redactRedisUrl } from "../../app/jobs/redis-url";

const env = (vars: Record<string, string>) => ({ NODE_ENV: "test", ...vars }) as NodeJS.ProcessEnv;

describe("REDIS_URL shapes", () => {
  it("GIVEN redis:// or rediss:// THEN it is one server, handed to ioredis as it is", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6379")).toEqual({ kind: "standalone", url: "redis://127.0.0.1:6379" });
    expect(parseRedisUrl("rediss://:pw@cache.example.com:6380/2")).toEqual({
      kind: "standalone",
      url: "rediss://:pw@cache.example.com:6380/2",
    });
  });

  it("GIVEN redis-sentinel:// THEN every Sentinel, the master's name, the data nodes' credentials and the db", () => {
    expect(
      parseRedisUrl("redis-sentinel://:s%40cret@10.0.0.1:26379,10.0.0.2,[::1]:26380/mymaster?db=3&sentinelPassword=sp"),
    ).toEqual({
      kind: "sentinel",
      sentinels: [
        { host: "10.0.0.1", port: 26379 },
        { host: "10.0.0.2", port: 26379 },
        { host: "::1", port: 26380 },
      ],
      masterName: "mymaster",
      password: "s@cret",
      db: 3,
      sentinelPassword: "sp",
      tls: false,
    });
    expect(parseRedisUrl("rediss-sentinel://app:pw@s1:26379/main")).toMatchObject({
      kind: "sentinel",
      username: "app",
      password: "pw",
      db: 0,
      tls: true,
    });
  });

  it("GIVEN redis-cluster:// THEN its seed nodes (port 6379 by default) and credentials", () => {
    expect(parseRedisUrl("redis-cluster://default:pw@n1:7000,n2:7001,n3")).toEqual({
      kind: "cluster",
      nodes: [
        { host: "n1", port: 7000 },
        { host: "n2", port: 7001 },
        { host: "n3", port: 6379 },
      ],
      username: "default",
      password: "pw",
      tls: false,
    });
    expect(parseRedisUrl("rediss-cluster://n1:7000")).toMatchObject({ kind: "cluster", tls: true });
  });

  it.each([
    ["http://127.0.0.1:6379", /must be redis:\/\//],
    ["redis-sentinel://s1:26379", /master's name/],
    ["redis-sentinel://s1:26379/a/b", /master's name/],
    ["redis-sentinel://s1:26379/m?db=x", /db must be/],
    ["redis-cluster://n1:7000/2", /one database/],
    ["redis-cluster://n1:99999", /not host\[:port\]/],
    ["redis-cluster://n1:7000,,n2", /not host\[:port\]/],
  ])("GIVEN %s THEN the app refuses to start with the reason", (url, reason) => {
    expect(() => parseRedisUrl(url)).toThrow(reason);
    expect(() => loadConfig(env({ REDIS_URL: url }))).toThrow(/Invalid environment: REDIS_URL: /);
  });

  it("GIVEN a password in any shape WHEN redacted THEN it is masked", () => {
    expect(redactRedisUrl("redis-sentinel://:pw@s1,s2/m?sentinelPassword=sp&db=1")).toBe(
      "redis-sentinel://:***@s1,s2/m?sentinelPassword=***&db=1",
    );
    expect(redactRedisUrl("redis-cluster://u:pw@n1:7000")).toBe("redis-cluster://u:***@n1:7000");
  });
});

describe("the queue prefix on a Redis Cluster", () => {
  it("GIVEN a cluster URL THEN a prefix without a hash tag is wrapped whole, one with a tag is kept", () => {
    const cluster = "redis-cluster://n1:7000";
    expect(queuePrefixFor(cluster, "threadline")).toBe("{threadline}");
    expect(queuePrefixFor(cluster, "prod-{tl}")).toBe("prod-{tl}");
    // "{}" is no tag for Redis: the whole key would be hashed.
    expect(queuePrefixFor(cluster, "a{}b{c}")).toBe("{a{}b{c}}");
    expect(queuePrefixFor("redis://127.0.0.1:6379", "threadline")).toBe("threadline");
    expect(queuePrefixFor("redis-sentinel://s1/m", "threadline")).toBe("threadline");
  });

  it("GIVEN REDIS_URL is a cluster THEN config() hands every queue the hash-tagged prefix", () => {
    expect(loadConfig(env({ REDIS_URL: "redis-cluster://n1:7000" })).QUEUE_PREFIX).toBe("{threadline}");
    expect(loadConfig(env({ REDIS_URL: "redis-cluster://n1:7000", QUEUE_PREFIX: "shop" })).QUEUE_PREFIX).toBe("{shop}");
    expect(loadConfig(env({ REDIS_URL: "redis://127.0.0.1:6379" })).QUEUE_PREFIX).toBe("threadline");
  });

  it("follows Redis's own hash tag rule", () => {
    expect(hasHashTag("{a}")).toBe(true);
    expect(hasHashTag("x{a}y")).toBe(true);
    expect(hasHashTag("{}a")).toBe(false);
    expect(hasHashTag("a}{")).toBe(false);
    expect(hasHashTag("plain")).toBe(false);
  });
});
