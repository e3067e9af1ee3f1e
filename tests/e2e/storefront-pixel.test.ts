// The web pixel's path in Chromium against the real demo (decision 0054): the install activated the
// shop's pixel through the Admin API stand-in; a storefront page on another origin posts a batch the
// way the pixel does (fetch keepalive, text/plain), CORS lets it through, and staff see the views
// folded into one row on the customer's conversation.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { DEMO_SHOP_DOMAIN } from "../../app/shopify/demo-shop";

let session: DemoInBrowser;
let page: Page;

beforeAll(async () => {
  session = await startDemoInBrowser("pixel", 900);
  ({ page } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("web pixel on the demo", () => {
  it("GIVEN the demo shop just installed WHEN its jobs run THEN its web pixel is ACTIVE with the app URL and the shop's key", async () => {
    const db = await demoDb();
    const { webPixelStateOf } = await import("../../app/storefront-events/web-pixel-activation.server");
    await expect
      .poll(
        async () =>
          webPixelStateOf((await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } })).settings)?.state,
        { timeout: 30_000 },
      )
      .toBe("ACTIVE");
    const state = webPixelStateOf((await db.shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } })).settings);
    expect(state).toMatchObject({ appUrl: process.env.SHOPIFY_APP_URL });
    expect(state?.id).toMatch(/^gid:\/\/shopify\/WebPixel\/\d+$/);
  });

  it("GIVEN a storefront page on another origin WHEN it posts pixel batches THEN CORS lets them through, no consent is refused, and the views fold into one row on the customer's conversation", async () => {
    const db = await demoDb();
    const { pixelKeyFor } = await import("../../app/storefront-events/pixel-key.server");
    const conversation = await db.conversation.findFirstOrThrow({
      where: { shop: { domain: DEMO_SHOP_DOMAIN }, customer: { shopifyCustomerId: { not: null }, mergedIntoId: null } },
      orderBy: { lastActivityAt: "desc" },
      select: { id: true, customer: { select: { id: true, shopifyCustomerId: true } } },
    });
    const now = Date.now();
    const product = (title: string, id: string, price: number) => ({
      id,
      variantId: null,
      title,
      variantTitle: null,
      price,
      currency: "USD",
      imageUrl: null,
      url: null,
    });
    const batch = (consent: boolean) => ({
      v: 1,
      shop: DEMO_SHOP_DOMAIN,
      key: pixelKeyFor(DEMO_SHOP_DOMAIN),
      clientId: `e2e-${now}`,
      consent: { analytics: consent },
      customerId: String(conversation.customer.shopifyCustomerId),
      events: [
        ["Merino Crew Sweater", "8801001", 120],
        ["Organic Cotton Tee", "8801002", 35],
        ["Wool Beanie", "8801005", 28],
      ]
        .map(([title, id, price], i) => ({
          id: `e2e-view-${now}-${i}`,
          name: "product_viewed",
          timestamp: new Date(now + i * 1000).toISOString(),
          url: `https://${DEMO_SHOP_DOMAIN}/products/${String(title).toLowerCase().replace(/ /g, "-")}`,
          product: product(String(title), String(id), Number(price)),
        }))
        .concat([
          {
            id: `e2e-cart-${now}`,
            name: "product_added_to_cart",
            timestamp: new Date(now + 5000).toISOString(),
            url: `https://${DEMO_SHOP_DOMAIN}/products/merino-crew-sweater`,
            product: { ...product("Merino Crew Sweater", "8801001", 120), quantity: 1 } as ReturnType<typeof product>,
          },
        ]),
    });

    // The storefront is served as localhost; the endpoint is addressed as 127.0.0.1: another origin.
    await page.goto(`${session.demo.url}/demo/storefront`);
    const endpoint = `${session.demo.url.replace("localhost", "127.0.0.1")}/pixel/events`;
    const send = (body: unknown) =>
      page.evaluate(
        async ([url, text]) => {
          const res = await fetch(url, {
            method: "POST",
            body: text,
            keepalive: true,
            headers: { "Content-Type": "text/plain;charset=UTF-8" },
          });
          return { status: res.status, body: await res.json() };
        },
        [endpoint, JSON.stringify(body)] as const,
      );
    expect(await send(batch(false))).toEqual({
      status: 422,
      body: { error: "Events are recorded only with the visitor's analytics consent.", code: "consent_required" },
    });
    expect(await send(batch(true))).toEqual({ status: 200, body: { saved: 4, duplicates: 0 } });
    expect(await send(batch(true))).toEqual({ status: 200, body: { saved: 0, duplicates: 4 } });

    await page.goto(`${session.demo.url}/app/inbox/${conversation.id}`);
    const log = page.getByRole("log", { name: "Conversation" });
    await expect
      .poll(async () => (await log.textContent()) ?? "", { timeout: 15_000 })
      .toContain("3 pages viewed, 1 cart addition");
    // The browser is one of the customer's identities, named in words; its raw id waits behind "Show ids".
    await expect.poll(async () => (await page.textContent("body")) ?? "").toContain("Storefront visits in a browser");
    expect(await page.getByText(`e2e-${now}`).isVisible()).toBe(false);
    const row = log.getByText("3 pages viewed, 1 cart addition");
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, "storefront-pixel-01-folded");
    // Ours is the last folded row; a click before hydration does nothing, so click until it opens.
    await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => undefined);
    await expect
      .poll(
        async () => {
          const text = (await log.textContent()) ?? "";
          if (!text.includes("Added Merino Crew Sweater to cart"))
            await log.getByRole("button", { name: "Show" }).last().click();
          return (await log.textContent()) ?? "";
        },
        { timeout: 15_000, interval: 500 },
      )
      .toContain("Added Merino Crew Sweater to cart");
    for (const line of [
      "Viewed Merino Crew Sweater",
      "Viewed Organic Cotton Tee",
      "Viewed Wool Beanie",
      "Added Merino Crew Sweater to cart",
    ])
      await expect.poll(async () => (await log.textContent()) ?? "").toContain(line);
    await log.getByText("Added Merino Crew Sweater to cart").scrollIntoViewIfNeeded();
    await screenshot(page, "storefront-pixel-02-expanded");
    expect(session.dialogs).toEqual([]);
  });
});
