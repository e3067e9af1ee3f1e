// The shape of every batched stage: the batch settles what it can in a few statements; each key it
// did not settle (all of them, when it gave way) runs through the one-at-a-time function, which
// stays the reference. Returns the keys whose one-at-a-time run threw.
import { logger } from "../lib/logger.server";
import { mapInChunks } from "./map-in-chunks";

export async function batchThenEach<K>(
  keys: K[],
  stage: { name: string; parallel: number },
  batched: (keys: K[]) => Promise<Set<K>>,
  alone: (key: K) => Promise<unknown>,
): Promise<Map<K, unknown>> {
  let settled = new Set<K>();
  try {
    settled = await batched(keys);
  } catch (error) {
    // Nothing the batch wrote was committed half-way: each key runs alone instead.
    logger.warn({ stage: stage.name, keys: keys.length, err: (error as Error).message }, "batch gave way");
  }
  const failed = new Map<K, unknown>();
  await mapInChunks(
    keys.filter((key) => !settled.has(key)),
    stage.parallel,
    async (key) => {
      try {
        await alone(key);
      } catch (error) {
        failed.set(key, error);
      }
    },
  );
  return failed;
}
