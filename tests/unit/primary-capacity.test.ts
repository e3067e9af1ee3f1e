// The arithmetic and parsing behind `npm run bench:primary`, so its estimate can be trusted when recomputed from env.
import { describe, expect, it } from "vitest";
import { parseProfileTotals } from "../../bench/lib/dispatch-profile-figures";
import { parsePgbench } from "../../bench/lib/pgbench";
import { mixedRate, primaryCapacity } from "../../bench/lib/primary-capacity";
import { insertBatchScript, receiptPayload } from "../../bench/lib/primary-workloads";

const sustained = {
  singleRowStatementsPerSecond: 6_000,
  batchStatementsPerSecond: 1_200,
  batchRowsPerSecond: 24_000,
  commitsPerSecond: 3_000,
};

describe("primaryCapacity", () => {
  it("divides single-row statements/s and commits/s by the per-order figures, the lower binding", () => {
    const { bounds, binding } = primaryCapacity(sustained, {
      statements: 60,
      writeCommits: 10,
      rowsWritten: 22,
      ordersPerBatch: 1,
    });
    expect(bounds.map((b) => [b.name, b.ordersPerSecond])).toEqual([
      ["statements", 100],
      ["commits", 300],
    ]);
    expect(binding.name).toBe("statements");
  });

  it("uses batch statements/s and adds the rows bound once orders are batched", () => {
    const { bounds, binding } = primaryCapacity(sustained, {
      statements: 3,
      writeCommits: 0.5,
      rowsWritten: 20,
      ordersPerBatch: 20,
    });
    expect(bounds.map((b) => [b.name, b.ordersPerSecond])).toEqual([
      ["statements", 400],
      ["commits", 6_000],
      ["rows", 1_200],
    ]);
    expect(binding.name).toBe("statements");
  });

  it("mixes rates by time: one slow kind weighs as much as its time", () => {
    expect(mixedRate([1_000, 1_000])).toBe(1_000);
    expect(mixedRate([1_000, 3_000, 3_000])).toBeCloseTo(1_800);
  });
});

describe("parsers", () => {
  it("reads pgbench's summary", () => {
    const out = `number of transactions actually processed: 12345
number of failed transactions: 2 (0.016%)
latency average = 6.480 ms
initial connection time = 12.345 ms
tps = 1234.567890 (without initial connection time)`;
    expect(parsePgbench(out)).toEqual({ tps: 1234.56789, latencyMs: 6.48, transactions: 12345, failed: 2 });
  });

  it("reads dispatch-profile's total line", () => {
    const out =
      "batch   SQL   3.0   Redis  0.1   CPU  11.70 ms\ntotal   SQL  56.0   Redis  2.0   CPU  61.50 ms (this process only)";
    expect(parseProfileTotals(out)).toEqual({ statements: 56, cpuMs: 61.5 });
  });
});

describe("pgbench scripts", () => {
  it("keep the payload free of anything pgbench would take for a :variable, and the same JSON", () => {
    const payload = receiptPayload(2048);
    expect(payload).not.toMatch(/:[A-Za-z0-9_]/);
    const value = JSON.parse(payload);
    expect(JSON.stringify(value).length).toBeLessThanOrEqual(2048);
    expect(value.admin_graphql_api_id).toBe("gid://shopify/Order/5912345678901");
    const script = insertBatchScript(3, payload);
    expect(script.match(/:[a-z_]+/g)).toEqual(expect.arrayContaining([":client_id", ":r", ":shop"]));
    expect(new Set(script.match(/:[A-Za-z0-9_]+/g))).toEqual(new Set([":client_id", ":r", ":shop"]));
  });
});
