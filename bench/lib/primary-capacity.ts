// The capacity estimate of bench/primary.ts as plain arithmetic, so it can be
// recomputed from other per-order figures (the batched hot path) without
// running pgbench again.

export type Sustained = {
  /** TPC-B-like statements/s (single-row statements, as the unbatched hot path sends). */
  singleRowStatementsPerSecond: number;
  /** Set-based statements/s for an equal mix of the batch INSERT, UPDATE and SELECT. */
  batchStatementsPerSecond: number;
  /** Rows/s those batch statements move. */
  batchRowsPerSecond: number;
  /** Tiny autocommit transactions/s: every one waits for a WAL flush. */
  commitsPerSecond: number;
};

export type PerOrder = {
  statements: number;
  /** Transactions that write, each waiting for its WAL flush. */
  writeCommits: number;
  rowsWritten: number;
  /** 1 for today's path (one order per job); about 20 once the hot path batches. */
  ordersPerBatch: number;
};

export type Bound = { name: string; ordersPerSecond: number; formula: string };

/** Time-weighted mean: the rate of a workload that runs each kind equally often. */
export function mixedRate(rates: number[]): number {
  return rates.length / rates.reduce((sum, rate) => sum + 1 / rate, 0);
}

export function primaryCapacity(sustained: Sustained, perOrder: PerOrder): { bounds: Bound[]; binding: Bound } {
  const batched = perOrder.ordersPerBatch > 1;
  const statementRate = batched ? sustained.batchStatementsPerSecond : sustained.singleRowStatementsPerSecond;
  const bounds: Bound[] = [
    {
      name: "statements",
      ordersPerSecond: statementRate / perOrder.statements,
      formula: `${fmt(statementRate)} ${batched ? "batch" : "single-row"} statements/s ÷ ${round(perOrder.statements)} statements per order`,
    },
    {
      name: "commits",
      ordersPerSecond: sustained.commitsPerSecond / perOrder.writeCommits,
      formula: `${fmt(sustained.commitsPerSecond)} commits/s ÷ ${round(perOrder.writeCommits)} write commits per order`,
    },
  ];
  if (batched) {
    bounds.push({
      name: "rows",
      ordersPerSecond: sustained.batchRowsPerSecond / perOrder.rowsWritten,
      formula: `${fmt(sustained.batchRowsPerSecond)} rows/s in batches ÷ ${round(perOrder.rowsWritten)} rows written per order`,
    });
  }
  const binding = bounds.reduce((low, b) => (b.ordersPerSecond < low.ordersPerSecond ? b : low));
  return { bounds, binding };
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
