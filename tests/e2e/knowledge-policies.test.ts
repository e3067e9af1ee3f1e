// The Knowledge page in Chromium against the real demo: the stand-in's policies arrive through the
// backfill's refresh job and open read-only in the editor; "Refresh policies" shows its result; a
// conversation resolved after a staff answer gives a suggested draft, announced by the banner,
// approved from the Suggested view.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];

/** Remix creates its router while hydrating: from then on forms submit through fetchers. */
async function hydrated() {
  await page.waitForFunction(() => "__remixRouter" in window);
}

async function database() {
  const { db } = await import("../../app/db/client.server");
  return db();
}

beforeAll(async () => {
  session = await startDemoInBrowser("knowledge-policies", 1100);
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("Shop policies and suggested articles in Chromium", () => {
  it("GIVEN the demo's backfill WHEN its policy job ran THEN the five policies are listed and one opens read-only", async () => {
    const db = await database();
    await expect
      .poll(() => db.knowledgeArticle.count({ where: { source: "SHOP_POLICY" } }), { timeout: 60_000 })
      .toBe(5);
    await page.goto(`${demo.url}/app/knowledge?tag=policy`);
    await page.locator("table tbody tr", { hasText: "Refund policy" }).getByRole("link").click();
    await page.waitForURL(/\/app\/knowledge\/[^/?]+$/);
    const notice = page.getByTestId("policy-read-only");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("This article is your shop's Refund policy, read from Shopify");
    expect(await page.getByLabel("Answer", { exact: true }).getAttribute("readonly")).not.toBeNull();
    expect(await page.getByLabel("Answer", { exact: true }).inputValue()).toContain(
      "## Exceptions / non-returnable items",
    );
    expect(await page.getByRole("button", { name: "Delete" }).count()).toBe(0);
    await screenshot(page, "knowledge-policies-01-read-only");
    // The status is still the merchant's to switch.
    await hydrated();
    await page.getByLabel("Status", { exact: true }).selectOption("DRAFT");
    await page.getByRole("button", { name: "Save status" }).click();
    await expect
      .poll(async () => (await db.knowledgeArticle.findFirstOrThrow({ where: { sourceRef: "REFUND_POLICY" } })).status)
      .toBe("DRAFT");
    await page.getByLabel("Status", { exact: true }).selectOption("PUBLISHED");
    await page.getByRole("button", { name: "Save status" }).click();
    await expect
      .poll(async () => (await db.knowledgeArticle.findFirstOrThrow({ where: { sourceRef: "REFUND_POLICY" } })).status)
      .toBe("PUBLISHED");
  });

  it("GIVEN the Knowledge page WHEN Refresh policies is clicked THEN the result and the last read time are shown", async () => {
    await page.goto(`${demo.url}/app/knowledge`);
    // Clicked before hydration, the form would post as a plain page and show the JSON.
    await hydrated();
    await page.getByRole("button", { name: "Refresh policies" }).click();
    const result = page.getByTestId("policies-result");
    await result.waitFor({ timeout: 20_000 });
    expect(await result.textContent()).toBe("Policies refreshed: 5 unchanged.");
    expect(await page.getByTestId("policies-status").textContent()).toMatch(/^Last read .+: 5 policies\./);
    await page.getByTestId("policies-result").scrollIntoViewIfNeeded();
    await screenshot(page, "knowledge-policies-02-refreshed");
  }, 90_000);

  it("GIVEN a question staff answered WHEN its conversation is resolved THEN the banner counts the suggestion and Approve publishes it", async () => {
    const db = await database();
    const conversation = await db.conversation.findFirstOrThrow({
      where: { status: { not: "RESOLVED" } },
      include: { customer: true },
    });
    const at = Date.now() - 60_000;
    for (const [i, m] of [
      { direction: "INBOUND", author: "CUSTOMER", body: "Do you repair zippers on <b>jackets</b>?" },
      { direction: "OUTBOUND", author: "STAFF", body: "Yes: free within two years, send it to our workshop." },
    ].entries()) {
      await db.message.create({
        data: {
          shopId: conversation.shopId,
          conversationId: conversation.id,
          customerId: conversation.customerId,
          direction: m.direction as "INBOUND",
          author: m.author as "CUSTOMER",
          channel: "SMS",
          body: m.body,
          deliveryStatus: m.direction === "INBOUND" ? "RECEIVED" : "SENT",
          idempotencyKey: `e2e-${randomUUID()}`,
          createdAt: new Date(at + i * 1000),
        },
      });
    }
    await page.goto(`${demo.url}/app/inbox/${conversation.id}`);
    await hydrated();
    await page.getByRole("button", { name: "Resolve", exact: true }).click();
    await expect
      .poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status)
      .toBe("RESOLVED");

    await page.goto(`${demo.url}/app/knowledge`);
    const banner = page.getByTestId("suggested-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("1 suggested article waits for your approval");
    await page.getByRole("link", { name: "Review them" }).click();
    await page.waitForURL(/source=SUGGESTED/);
    const card = page.getByTestId("suggested-article");
    await card.waitFor();
    expect(await card.textContent()).toContain("Do you repair zippers on <b>jackets</b>?");
    expect(await card.locator("b").count()).toBe(0);
    await screenshot(page, "knowledge-policies-03-suggested");

    await hydrated();
    await card.getByRole("button", { name: "Approve" }).click();
    await page.waitForURL(/approved=1/);
    await expect.poll(() => page.getByTestId("suggested-article").count()).toBe(0);
    const article = await db.knowledgeArticle.findFirstOrThrow({ where: { source: "SUGGESTED" } });
    expect(article.status).toBe("PUBLISHED");
    expect(dialogs).toEqual([]);
  }, 90_000);
});
