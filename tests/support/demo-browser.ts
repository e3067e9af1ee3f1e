// The browser suites' shared start: the demo exactly as `npm run demo` runs it
// (embedded PGlite in a fresh folder, stand-in vendors, real backfill) and a
// Chromium page on it that fails the test on any script dialog.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { DemoOptions, RunningDemo } from "../../scripts/demo/run-demo";
import { forbidDialogs, launchChromium } from "./browser";

export interface DemoInBrowser {
  demo: RunningDemo;
  browser: Browser;
  page: Page;
  /** Messages of any alert/confirm/prompt the page opened: customer text must never run. */
  dialogs: string[];
  close(): Promise<void>;
}

export async function startDemoInBrowser(
  label: string,
  viewportHeight = 900,
  demoOptions: Pick<DemoOptions, "urlFile"> = {},
): Promise<DemoInBrowser> {
  // The embedded default, as on a fresh machine: no DATABASE_URL.
  process.env.DATABASE_URL = "";
  process.env.PGLITE_DIR = mkdtempSync(join(tmpdir(), `threadline-${label}-e2e-`));
  process.env.THREADLINE_DEMO = "1";
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  if (!existsSync("build/server/index.js")) {
    execFileSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: "ignore" });
  }
  const { runDemo } = await import("../../scripts/demo/run-demo");
  const demo = await runDemo({ ...demoOptions, port: 0, installSignalHandlers: false });
  const browser = await launchChromium();
  // Reduced motion: progress bars are drawn at their final width for screenshots.
  const page = await browser.newPage({ viewport: { width: 1280, height: viewportHeight }, reducedMotion: "reduce" });
  const dialogs: string[] = [];
  forbidDialogs(page, dialogs);
  return {
    demo,
    browser,
    page,
    dialogs,
    async close() {
      await browser.close();
      await demo.stop();
    },
  };
}

/** The demo's own database client (the demo runs in this process): for asserting on saved rows. */
export async function demoDb() {
  const { db } = await import("../../app/db/client.server");
  return db();
}
