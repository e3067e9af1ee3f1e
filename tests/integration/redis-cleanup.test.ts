import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteRedisKeysWithPrefix } from "../support/redis-cleanup";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
afterAll(() => redis.disconnect());

describe("test Redis cleanup", () => {
  it("GIVEN keys under a test file's prefix and a neighbour's WHEN the file's keys are deleted THEN only the neighbour's remain", async () => {
    const mine = `cleanup-${process.pid}-${Date.now()}`;
    const neighbour = `${mine}-neighbour`;
    await redis.set(`${neighbour}:keep`, "1");
    for (let i = 0; i < 2500; i++) await redis.set(`${mine}:queue:${i}`, "1");

    await deleteRedisKeysWithPrefix(mine);

    expect(await redis.keys(`${mine}:*`)).toEqual([]);
    expect(await redis.get(`${neighbour}:keep`)).toBe("1");
    await redis.del(`${neighbour}:keep`);
  });
});
