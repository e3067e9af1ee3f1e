// The demo's catalogue: the real backfill imports the stand-in shop's products, Home counts them,
// and the catalogue read offers only what is in stock.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { screenshot } from "../support/browser";
import { startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";

let session: DemoInBrowser;
let page: Page;

beforeAll(async () => {
  session = await startDemoInBrowser("products", 900);
  ({ page } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe("demo catalogue", () => {
  it("GIVEN a fresh demo WHEN the import completes THEN Home counts the products and the sold-out socks are not offered", async () => {
    await page.goto(`${session.demo.url}/app`);
    await expect.poll(async () => (await page.textContent("body")) ?? "", { timeout: 30_000 }).toMatch(/Completed/i);
    // The import card's counts, in order: Customers, Orders, Checkouts, Products.
    expect((await page.textContent("body")) ?? "").toMatch(/Checkouts\s*8\s*Products\s*9(?!\d)/);
    await screenshot(page, "products-01-home-import");

    const [{ db }, { productsByShopifyIds }, { DEMO_SHOP_DOMAIN }] = await Promise.all([
      import("../../app/db/client.server"),
      import("../../app/products/catalogue.server"),
      import("../../app/shopify/demo-shop"),
    ]);
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    expect(await db().product.count({ where: { shopId: shop.id } })).toBe(9);
    expect(await db().productVariant.count({ where: { shopId: shop.id } })).toBe(12);
    const offered = await productsByShopifyIds(shop.id, [
      8801001n,
      8801002n,
      8801003n,
      8801004n,
      8801005n,
      8801006n,
      8801007n,
      8801008n,
      8801099n,
    ]);
    // Trail socks are sold out and the tote archived: seven of nine are offered.
    expect(offered.map((p) => p.title)).toEqual([
      "Merino Crew Sweater",
      "Organic Cotton Tee",
      "Waxed Canvas Field Jacket",
      "Selvedge Denim Jeans",
      "Wool Beanie",
      "Linen Overshirt",
      "Leather Belt",
    ]);
    expect(offered[0].url).toBe(`https://${DEMO_SHOP_DOMAIN}/products/merino-crew-sweater-charcoal-m`);
  });
});
