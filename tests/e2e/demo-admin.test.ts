// The demo, started exactly as `npm run demo` starts it (embedded PGlite, stand-in
// vendors, real backfill), driven through every navigation entry in Chromium.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
// A project folder of its own: the demo writes its URL there, as `npm run demo` writes .data/demo-url.
const projectDir = mkdtempSync(join(tmpdir(), "threadline-demo-project-"));
const demoUrlFile = join(projectDir, ".data", "demo-url");

beforeAll(async () => {
  session = await startDemoInBrowser("demo", 900, { urlFile: demoUrlFile });
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

  // Before orders/create below: that order buys this very checkout, and a bought cart is not recovered.
  it("GIVEN the demo on its own port and cart recovery on WHEN the README's webhook:send example runs with no URL THEN this demo receives it and a cart-recovery run starts", async () => {
    const { db } = await import("../../app/db/client.server");
    await db().flow.updateMany({ where: { kind: "CART_RECOVERY" }, data: { enabled: true } });
    expect(readFileSync(demoUrlFile, "utf8").trim()).toMatch(/^http:\/\/localhost:\d+$/);
    const fixture = resolve("tests/fixtures/webhooks/checkouts-create.json");

    const result = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(
        process.execPath,
        [resolve("node_modules/tsx/dist/cli.mjs"), resolve("scripts/send-webhook.ts"), "checkouts/create", fixture],
        {
          cwd: projectDir,
          env: {
            NODE_ENV: "development",
            PATH: process.env.PATH ?? "",
            SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET ?? "",
            PORT: "3000",
          },
        },
      );
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("exit", (code) => done({ code, output }));
    });

    expect(result.output).toContain("200 OK");
    expect(result.code).toBe(0);
    const token = JSON.parse(readFileSync(fixture, "utf8")).token as string;
    await expect
      .poll(async () => (await db().flowRun.findFirst({ where: { triggerKey: token } }))?.status ?? null, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe("ACTIVE");
  });

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

  it("GIVEN every admin page WHEN it opens THEN its tab title names that page", async () => {
    const titles: string[] = [];
    const titleOf = async (path: string) => {
      await page.goto(`${demo.url}${path}`);
      await page.locator("h1").first().waitFor();
      const title = await page.title();
      titles.push(title);
      return title;
    };

    expect(await titleOf("/app")).toMatch(/^Home · .+ · Threadline$/);
    for (const [path, title] of [
      ["/app/inbox", "Inbox · Threadline"],
      ["/app/customers", "Customers · Threadline"],
      ["/app/customers/data-requests", "Data requests · Threadline"],
      ["/app/saved-replies", "Saved replies · Threadline"],
      ["/app/saved-replies/new", "New saved reply · Saved replies · Threadline"],
      ["/app/flows", "Flows · Threadline"],
      ["/app/channels", "Channels · Threadline"],
      ["/app/analytics", "Analytics · Threadline"],
    ]) {
      expect(await titleOf(path)).toBe(title);
    }
    await page.goto(`${demo.url}/app/customers`);
    const customer = page.locator("table tbody tr a").first();
    const customerName = ((await customer.textContent()) ?? "").trim();
    await customer.click();
    await page.waitForURL("**/app/customers/*");
    await expect.poll(() => page.title()).toBe(`${customerName} · Customers · Threadline`);
    await page.goto(`${demo.url}/app/flows`);
    await page.getByRole("link", { name: "Cart recovery" }).first().click();
    await page.waitForURL("**/app/flows/*");
    await expect.poll(() => page.title()).toBe("Cart recovery · Flows · Threadline");
  });

  it("GIVEN pages with nothing to show yet WHEN they open THEN the illustration loads from the app itself", async () => {
    for (const path of ["/app/saved-replies", "/app/customers/data-requests"]) {
      await page.goto(`${demo.url}${path}`);
      const image = page.locator("main img").first();
      await image.waitFor();
      const src = await image.evaluate((img: HTMLImageElement) => img.currentSrc || img.src);
      expect(new URL(src).origin).toBe(new URL(demo.url).origin);
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      const external = await page
        .locator("img")
        .evaluateAll((imgs) =>
          imgs.map((img) => (img as HTMLImageElement).src).filter((src) => !src.startsWith(location.origin)),
        );
      expect(external).toEqual([]);
    }
    await screenshot(page, "06-empty-state");
  });

  it("GIVEN the home page WHEN its links are read THEN open carts lead to cart recovery and Go to lists Saved replies", async () => {
    await page.goto(`${demo.url}/app`);
    await page.getByText("Open carts").waitFor();
    const links = await page
      .locator("main a")
      .evaluateAll((anchors) => anchors.map((a) => [a.textContent?.trim(), a.getAttribute("href")]));

    const { db } = await import("../../app/db/client.server");
    const cartRecovery = await db().flow.findFirstOrThrow({ where: { kind: "CART_RECOVERY" } });
    expect(links).toContainEqual(["Cart recovery", `/app/flows/${cartRecovery.id}`]);
    expect(links).toContainEqual(["Saved replies", "/app/saved-replies"]);
  });
});
