// Segments in Chromium against the real demo (embedded PGlite, the Admin API stand-in's customers
// imported by the real backfill with Shopify's RFM groups): the empty state, building a segment from
// the condition builder with its live count and sample members, saving it (the rebuild job runs on
// the demo's workers), and the list showing its member count.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const NAME = "US big spenders";

beforeAll(async () => {
  session = await startDemoInBrowser("segments");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** What the count must be, straight from the rows: active US customers who spent at least $100. */
async function expectedMembers() {
  const db = await demoDb();
  return db.customer.count({
    where: { countryCode: "US", totalSpent: { gte: 100 }, mergedIntoId: null, redactedAt: null },
  });
}

describe("segments in Chromium", () => {
  it("GIVEN no segments WHEN staff open Segments from the nav THEN the empty state explains them", async () => {
    await page.goto(`${demo.url}/app`);
    await page.getByRole("link", { name: "Segments" }).first().click();
    await page.getByText("No segments yet").waitFor({ timeout: 30_000 });
    await screenshot(page, "segments-01-empty");
  }, 90_000);

  it("GIVEN the builder WHEN staff add conditions THEN the live count and sample members follow the definition", async () => {
    await page.getByRole("link", { name: "Create segment" }).first().click();
    await page.getByLabel("Segment name").fill(NAME);
    // No conditions: every customer.
    const count = page.locator("[data-segment-count]");
    await count.waitFor({ timeout: 20_000 });
    const db = await demoDb();
    const everyone = await db.customer.count({ where: { mergedIntoId: null, redactedAt: null } });
    await expect.poll(() => count.getAttribute("data-segment-count"), { timeout: 10_000 }).toBe(String(everyone));

    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 1", { exact: true }).selectOption("country");
    await page.getByLabel("Country codes").fill("US");
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Condition 2", { exact: true }).selectOption("total_spent");
    await page.getByLabel("Amount (shop currency)").fill("100");
    const expected = await expectedMembers();
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(everyone);
    await expect.poll(() => count.getAttribute("data-segment-count"), { timeout: 10_000 }).toBe(String(expected));
    const sample = page.getByRole("list", { name: "Sample members" });
    await expect.poll(() => sample.getByRole("listitem").count()).toBe(Math.min(10, expected));
    await screenshot(page, "segments-02-builder");
  }, 90_000);

  it("GIVEN the definition WHEN staff save THEN the rebuild runs, the page shows the members, and the list counts them", async () => {
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/app\/segments\/(?!new)[^/]+$/, { timeout: 20_000 });
    const expected = await expectedMembers();
    await page.getByText(`${expected} members`).waitFor({ timeout: 30_000 });
    const db = await demoDb();
    const segment = await db.segment.findFirstOrThrow({ where: { name: NAME } });
    expect(segment).toMatchObject({ memberCount: expected, refreshState: "IDLE" });
    expect(segment.definition).toEqual({
      match: "all",
      conditions: [
        { field: "country", in: ["US"] },
        { field: "total_spent", op: "gte", value: 100 },
      ],
    });
    expect(await db.segmentMember.count({ where: { segmentId: segment.id } })).toBe(expected);
    // The saved builder counts live again, the same number as the members.
    await expect
      .poll(() => page.locator("[data-segment-count]").getAttribute("data-segment-count"), { timeout: 15_000 })
      .toBe(String(expected));
    await screenshot(page, "segments-03-saved");

    await page.getByRole("link", { name: "Segments" }).first().click();
    const row = page.locator("tr", { has: page.getByRole("link", { name: NAME }) });
    await row.waitFor({ timeout: 20_000 });
    const text = (await row.textContent()) ?? "";
    expect(text).toContain(String(expected));
    expect(text).toContain("Up to date");
    await screenshot(page, "segments-04-list");
    expect(dialogs).toEqual([]);
  }, 90_000);

  it("GIVEN an RFM condition THEN the count matches Shopify's groups the backfill imported", async () => {
    const db = await demoDb();
    const champions = await db.customer.count({
      where: { rfmGroup: { in: ["CHAMPIONS", "LOYAL"] }, mergedIntoId: null, redactedAt: null },
    });
    await page.goto(`${demo.url}/app/segments/new`);
    await page.getByRole("button", { name: "Add condition" }).waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Add condition" }).click();
    // The default new condition: RFM group is Champions or Loyal.
    await expect
      .poll(() => page.locator("[data-segment-count]").getAttribute("data-segment-count"), {
        timeout: 15_000,
      })
      .toBe(String(champions));
    await screenshot(page, "segments-05-rfm");
  }, 90_000);

  it("GIVEN a Shopify segment query THEN a query Shopify refuses shows its reason, and a good one narrows the count", async () => {
    const query = page.getByLabel("Shopify segment query (optional)");
    await query.fill("favourite_colour = 'blue'");
    await page.getByText(/Shopify refused the segment query: .*'favourite_colour' filter cannot be found/).waitFor({
      timeout: 15_000,
    });
    await screenshot(page, "segments-06-shopify-query-refused");
    await query.fill("number_of_orders >= 3");
    await page
      .getByText(/Shopify's segment query returned \d+; the count is those who also meet the conditions/)
      .waitFor({
        timeout: 15_000,
      });
    const db = await demoDb();
    const expected = await db.customer.count({
      where: {
        rfmGroup: { in: ["CHAMPIONS", "LOYAL"] },
        ordersCount: { gte: 3 },
        mergedIntoId: null,
        redactedAt: null,
      },
    });
    await expect
      .poll(() => page.locator("[data-segment-count]").getAttribute("data-segment-count"), { timeout: 15_000 })
      .toBe(String(expected));
    await screenshot(page, "segments-07-shopify-query");
    expect(dialogs).toEqual([]);
  }, 90_000);
});
