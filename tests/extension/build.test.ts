// "The extension builds": the real Shopify CLI (`shopify app build`, offline with the repo's
// shopify.app.toml) bundles the three admin blocks of extensions/order-conversation/ as it would
// for `shopify app deploy`. The bundles must be fresh, non-trivial, and free of server code.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { access, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repo = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = join(dirname(createRequire(import.meta.url).resolve("@shopify/cli/package.json")), "bin/run.js");
const extension = join(repo, "extensions/order-conversation");
const dist = join(extension, "dist");
// The CLI also writes these beside the toml (types for editors, a targets manifest); a test run
// leaves the tree as it found it.
const generated = ["shopify.d.ts", "manifest.json"].map((name) => join(extension, name));

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe("shopify app build", () => {
  it("bundles the order, customer and abandoned-checkout blocks", { timeout: 90_000 }, async () => {
    const startedAt = Date.now();
    const existedBefore = await Promise.all(generated.map(exists));

    const { stdout, stderr } = await run(
      process.execPath,
      [cli, "app", "build", "--skip-dependencies-installation", "--path", repo],
      { cwd: repo, env: { ...process.env, SHOPIFY_CLI_NO_ANALYTICS: "1", CI: "1" }, timeout: 80_000 },
    ).finally(() => Promise.all(generated.map((path, i) => (existedBefore[i] ? null : rm(path, { force: true })))));

    const output = stdout + stderr;
    for (const handle of ["order-conversation", "customer-conversation", "checkout-conversation"]) {
      expect(output).toContain(`${handle} successfully built`);
      const bundle = join(dist, `${handle}.js`);
      const info = await stat(bundle);
      expect(info.mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
      expect(info.size).toBeGreaterThan(10_000);
      const code = await readFile(bundle, "utf8");
      expect(code).toContain("/api/extension/");
      // Types come from the server; its code must not.
      expect(code).not.toMatch(/prisma|@remix-run|bullmq/i);
    }
    // The web pixel (extensions/web-pixel/, decision 0054): bundled into its own dist/.
    expect(output).toContain("threadline-storefront-events successfully built");
    const pixel = await readFile(join(repo, "extensions/web-pixel/dist/threadline-storefront-events.js"), "utf8");
    expect(pixel).toContain("/pixel/events");
    expect(pixel).toContain("visitorConsentCollected");
    expect(pixel).not.toMatch(/prisma|@remix-run|bullmq|zod/i);
  });
});
