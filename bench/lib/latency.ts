// Latency helpers for single-request benches: two paths timed alternately on the
// same targets, so that caches, plans and machine noise hit both alike.

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export async function timeSeries<T>(
  targets: T[],
  app: (target: T) => Promise<unknown>,
  raw: (target: T) => Promise<unknown>,
): Promise<{ app: number[]; raw: number[] }> {
  const out = { app: [] as number[], raw: [] as number[] };
  for (const [i, target] of targets.entries()) {
    // Alternate which path goes first, so neither always warms the other's cache.
    const order: Array<["app" | "raw", (t: T) => Promise<unknown>]> =
      i % 2 === 0
        ? [
            ["app", app],
            ["raw", raw],
          ]
        : [
            ["raw", raw],
            ["app", app],
          ];
    for (const [name, fn] of order) {
      const started = performance.now();
      await fn(target);
      out[name].push(performance.now() - started);
    }
  }
  return out;
}
