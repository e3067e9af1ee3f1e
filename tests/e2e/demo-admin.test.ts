// The demo, started exactly as `npm run demo` starts it (embedded PGlite, stand-in
// vendors, real backfill), driven through every navigation entry in Chromium.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import { signedWebhookRequest, webhookFixture } from "../support/shopify-webhook";
import type { RunningDemo } from "../../scripts/demo/run-demo";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];

beforeAll(async () => {
  session = await startDemoInBrowser("demo");
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** Clicks a navigation entry and waits for the client-side route to render its heading. */
async function openFromNav(label: string) {
  await page.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
  await page.waitForURL(`**/app/${label.toLowerCase()}`);
  await page.locator("h1", { hasText: label }).first().waitFor();
}

describe("demo admin in Chromium", () => {
  it("GIVEN a fresh demo WHEN /app opens THEN the home page shows the completed Shopify import", async () => {
    await page.goto(`${demo.url}/app`);
    await expect.poll(async () => (await page.textContent("body")) ?? "", { timeout: 30_000 }).toMatch(/Completed/i);
    await screenshot(page, "01-home");
  });

  it("GIVEN imported customers WHEN Customers opens THEN they are listed", async () => {
    await openFromNav("Customers");
    expect(await page.locator("h1").first().textContent()).toContain("Customers");
    const rows = page.locator("table tbody tr");
    expect(await rows.count()).toBeGreaterThan(5);
    await screenshot(page, "02-customers");
  });

  it("GIVEN demo conversations on every channel WHEN Inbox opens THEN each channel is listed", async () => {
    await openFromNav("Inbox");
    const body = ((await page.textContent("main")) ?? "").toLowerCase();
    for (const channel of ["SMS", "WhatsApp", "Email", "Chat", "Instagram", "Messenger"]) {
      expect(body).toContain(channel.toLowerCase());
    }
    await screenshot(page, "03-inbox");
  });

  it("GIVEN a customer message holding a script tag WHEN its conversation opens THEN it shows as text and never runs", async () => {
    const row = page.locator("table tbody tr", { hasText: /messenger/i }).first();
    await row.getByRole("link").first().click();
    await page.waitForURL("**/app/inbox/*");
    await page.getByText("<script>alert('hi')</script> is my order #1001 on its way?").waitFor();
    expect(await page.locator("main script").count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, "03-conversation");
  });

  it.each([["Flows"], ["Channels"], ["Analytics"]])(
    "GIVEN the demo WHEN %s opens THEN the page loads",
    async (label) => {
      await openFromNav(label);
      await expect.poll(() => page.locator("h1").first().textContent()).toContain(label);
      await screenshot(page, `04-${label.toLowerCase()}`);
    },
  );

  it("GIVEN the running demo WHEN Shopify sends a signed orders/create THEN the new customer appears in the admin", async () => {
    const order = webhookFixture("orders/create");
    const request = signedWebhookRequest({ topic: "orders/create", body: order, url: `${demo.url}/webhooks` });
    const response = await fetch(request);
    expect(response.status).toBe(200);

    const forged = signedWebhookRequest({
      topic: "orders/create",
      body: order,
      url: `${demo.url}/webhooks`,
      secret: "wrong",
    });
    expect((await fetch(forged)).status).toBe(401);

    await expect
      .poll(
        async () => {
          await page.goto(`${demo.url}/app/customers?q=${encodeURIComponent(order.email)}`);
          return (await page.textContent("main")) ?? "";
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain(order.email);
    await screenshot(page, "05-customer-from-webhook");
  });
});
