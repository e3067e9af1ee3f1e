// Groups keys handed in by concurrent jobs into batches. While one batch runs, new keys wait and
// form the next one, so batches grow with the load (one key at a time when idle, up to `max` under
// a burst) and nobody waits for a timer. Each caller's promise settles with its own key's outcome.
export interface MicroBatcher<K> {
  add(key: K): Promise<void>;
}

interface Waiting<K> {
  key: K;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * `run` returns the keys that failed with their error (absent = succeeded); a throw fails the
 * whole batch. At most `parallel` batches run at once.
 */
export function createMicroBatcher<K>(
  run: (keys: K[]) => Promise<Map<K, unknown>>,
  options: {
    /** The largest batch, asked afresh for each batch. */
    max: () => number;
    parallel: number;
    /** Waits until a batch may start; resolves with the function that ends its turn. */
    turn?: () => Promise<() => void>;
  },
): MicroBatcher<K> {
  const waiting: Waiting<K>[] = [];
  let running = 0;
  let scheduled = false;

  const runBatch = async (batch: Waiting<K>[]) => {
    const endTurn = options.turn ? await options.turn() : () => undefined;
    try {
      const failures = await run(batch.map((w) => w.key));
      for (const w of batch) {
        const error = failures.get(w.key);
        if (error === undefined) w.resolve();
        else w.reject(error);
      }
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      endTurn();
    }
  };
  const start = () => {
    scheduled = false;
    while (running < options.parallel && waiting.length > 0) {
      const batch = waiting.splice(0, Math.max(1, options.max()));
      running += 1;
      void runBatch(batch).finally(() => {
        running -= 1;
        schedule();
      });
    }
  };
  const schedule = () => {
    if (scheduled || waiting.length === 0) return;
    scheduled = true;
    // Lets every job that became active in this turn join the batch.
    setImmediate(start);
  };

  return {
    add(key) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ key, resolve, reject });
        schedule();
      });
    },
  };
}
