import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { WIDGET_BUDGET_BYTES, buildWidget, checkBundleSize } from "../../scripts/build-widget";

const dir = mkdtempSync(join(tmpdir(), "chat-widget-"));
const bundle = join(dir, "chat-widget.js");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chat widget bundle", () => {
  it("builds a minified IIFE within the 15 KB gzipped budget", async () => {
    await buildWidget(bundle);

    const check = checkBundleSize(bundle);
    expect(WIDGET_BUDGET_BYTES).toBe(15 * 1024);
    expect(check.ok).toBe(true);
    expect(check.gzipBytes).toBeGreaterThan(1000);
    expect(readFileSync(bundle, "utf8")).toMatch(/^"use strict";\(\(\)=>\{/);
  });

  it("fails with a clear message over a tiny budget", async () => {
    await buildWidget(bundle);

    const check = checkBundleSize(bundle, 1024);
    expect(check.ok).toBe(false);
    expect(check.message).toMatch(/^chat widget is \d+\.\d\d KB gzipped, over its 1\.00 KB budget by \d+\.\d\d KB/);
  });
});
