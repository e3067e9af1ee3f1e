// `npm test`: checks the services, builds the app (the browser tests drive the
// real build), runs every vitest file, and ends with one line of totals.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { assertRedisReachable } from "../app/jobs/connection.server";

const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function checkServices() {
  try {
    await assertRedisReachable();
  } catch (error) {
    console.error(`threadline tests: ${(error as Error).message}`);
    process.exit(1);
  }
  const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    console.error(
      `threadline tests: PostgreSQL is not reachable at TEST_DATABASE_URL=${testDatabaseUrl} (${(error as Error).message}). Start PostgreSQL or set TEST_DATABASE_URL.`,
    );
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
}

await checkServices();
// The storefront widget is built (and held to its size budget) before the suites that load it.
const { WIDGET_BUNDLE, buildWidget, checkBundleSize } = await import("./build-widget");
await buildWidget();
const size = checkBundleSize(WIDGET_BUNDLE);
if (!size.ok) {
  console.error(`threadline tests: ${size.message}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
  stdio: ["ignore", "ignore", "inherit"],
});

mkdirSync("test-results", { recursive: true });
const reportPath = "test-results/vitest.json";
const run = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${reportPath}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  passed = report.numPassedTests;
  // A file that fails to load has no failed tests of its own; count it once.
  failed = report.numFailedTests || report.numFailedTestSuites;
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  failed = Math.max(failed, 1);
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
