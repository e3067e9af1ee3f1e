// The backfill's products phase against the Admin API stand-in (real PostgreSQL, real HTTP):
// paginated and bulk, products with more variants than a page, and the webhooks that follow.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { productsByShopifyIds } from "../../app/products/catalogue.server";
import { runBackfill } from "../../app/shopify/backfill/run-backfill.server";
import { startBackfill } from "../../app/shopify/backfill/start-backfill.server";
import {
  generateShopDataset,
  gidNumber,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeProduct,
  type FakeShopDataset,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { FAKE_COLLECTIONS, restProductPayload } from "../fakes/shopify-admin/products";
import { deliverAndProcess, webhookFixture } from "../support/shopify-webhook";

const NOW = new Date();
const fakes: FakeShopifyAdmin[] = [];

async function givenShop(domain: string, dataset: FakeShopDataset) {
  const fake = await startFakeShopifyAdmin({ dataset, bucket: { maximumAvailable: 2000, restoreRate: 1000 } });
  fakes.push(fake);
  process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
  resetConfigCache();
  await seedOfflineSession(domain);
  const shop = await db().shop.create({ data: { domain } });
  return { fake, shop };
}

/** A product with more variants than one page of the products query holds (50). */
function bigProduct(domain: string): FakeProduct {
  const updatedAt = new Date(NOW.getTime() - 3600_000).toISOString();
  return {
    id: "gid://shopify/Product/8802000",
    title: "Custom Patch",
    handle: "custom-patch",
    status: "ACTIVE",
    onlineStoreUrl: `https://${domain}/products/custom-patch`,
    featuredImage: { url: "https://cdn.shopify.com/s/files/1/patch.jpg" },
    productType: "Patches",
    vendor: "Threadline Outfitters",
    tags: ["custom"],
    createdAt: updatedAt,
    updatedAt,
    collections: [{ id: FAKE_COLLECTIONS.accessories }],
    variants: Array.from({ length: 60 }, (_, n) => ({
      id: `gid://shopify/ProductVariant/${4402000 + n}`,
      title: `Design ${n + 1}`,
      sku: `TL-PATCH-${n + 1}`,
      price: (5 + n / 10).toFixed(2),
      compareAtPrice: null,
      availableForSale: n % 2 === 0,
      inventoryQuantity: n % 2 === 0 ? 3 : 0,
      inventoryPolicy: "DENY" as const,
      inventoryItem: { tracked: true },
      image: null,
      updatedAt,
    })),
  };
}

function datasetFor(domain: string, seed: number, now = NOW): FakeShopDataset {
  const dataset = generateShopDataset({ seed, customers: 4, ordersPerCustomer: 1, now, shopDomain: domain });
  dataset.products!.push(bigProduct(domain));
  return dataset;
}

/** Asserts the shop's Product and ProductVariant rows are exactly the dataset's catalogue. */
async function expectCatalogueToMatch(shopId: string, domain: string, dataset: FakeShopDataset) {
  const products = await db().product.findMany({
    where: { shopId },
    include: { variants: { orderBy: { shopifyVariantId: "asc" } } },
  });
  const expected = dataset.products!;
  expect(products.map((p) => p.shopifyProductId).sort()).toEqual(expected.map((p) => gidNumber(p.id)).sort());
  for (const source of expected) {
    const row = products.find((p) => p.shopifyProductId === gidNumber(source.id))!;
    expect(row).toMatchObject({
      title: source.title,
      handle: source.handle,
      // Off the online store (the archived tote): the product page on the shop's own domain.
      url: source.onlineStoreUrl ?? `https://${domain}/products/${source.handle}`,
      imageUrl: source.featuredImage?.url ?? null,
      status: source.status,
      productType: source.productType,
      vendor: source.vendor,
      tags: source.tags,
      collectionIds: source.collections.map((c) => c.id),
      deletedAt: null,
    });
    expect(row.shopifyUpdatedAt!.toISOString()).toBe(new Date(source.updatedAt).toISOString());
    expect(
      row.variants.map((v) => [
        v.shopifyVariantId,
        v.title,
        v.sku,
        v.price.toFixed(2),
        v.available,
        v.inventoryQuantity,
      ]),
    ).toEqual(
      [...source.variants]
        .sort((a, b) => Number(gidNumber(a.id) - gidNumber(b.id)))
        .map((v) => [gidNumber(v.id), v.title, v.sku, v.price, v.availableForSale, v.inventoryQuantity]),
    );
  }
}

afterEach(() => {
  delete process.env.BACKFILL_BULK_THRESHOLD;
  resetConfigCache();
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});

describe("backfill: products", () => {
  it("GIVEN a shop with products (one with 60 variants) and a stored product Shopify no longer has WHEN the paginated backfill runs THEN every product and variant is saved and counted, and the missing one is marked deleted", async () => {
    const domain = "products-paginated.myshopify.com";
    const dataset = datasetFor(domain, 21);
    const { fake, shop } = await givenShop(domain, dataset);
    // Stored from a webhook, then deleted in Shopify while its products/delete was lost.
    const gone: FakeProduct = { ...bigProduct(domain), id: "gid://shopify/Product/8809999", variants: [] };
    await deliverAndProcess("products/create", restProductPayload(gone), { shopDomain: domain });

    const runId = await startBackfill(shop.id, "install");
    await runBackfill(runId);

    const missed = await db().product.findUniqueOrThrow({
      where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: 8809999n } },
    });
    expect(missed.deletedAt).toBeInstanceOf(Date);
    await db().product.delete({ where: { id: missed.id } });
    await expectCatalogueToMatch(shop.id, domain, dataset);
    expect(await db().backfillRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "COMPLETED",
      phase: "done",
      mode: "PAGINATED",
      productsImported: dataset.products!.length,
    });
    // 10 products: one page of 10; the patch's variants past the first 50 from its own connection.
    expect(fake.requestsFor("BackfillProducts")).toHaveLength(1);
    const more = fake.requestsFor("BackfillProductVariants");
    expect(more).toHaveLength(1);
    expect(more[0].body?.variables).toMatchObject({ id: "gid://shopify/Product/8802000", first: 250 });
    expect(more[0].body?.variables?.after).toEqual(expect.any(String));
    expect(fake.requests.every((r) => r.outcome === "ok")).toBe(true);
  });

  it("GIVEN more history than the bulk threshold WHEN the backfill runs THEN the products bulk query imports the same rows", async () => {
    process.env.BACKFILL_BULK_THRESHOLD = "2";
    resetConfigCache();
    const domain = "products-bulk.myshopify.com";
    const dataset = datasetFor(domain, 22);
    const { fake, shop } = await givenShop(domain, dataset);

    const runId = await startBackfill(shop.id, "install");
    await runBackfill(runId);

    await expectCatalogueToMatch(shop.id, domain, dataset);
    expect(await db().backfillRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "COMPLETED",
      mode: "BULK",
      productsImported: dataset.products!.length,
    });
    const bulkQueries = fake.requestsFor("BackfillBulkRun").map((r) => String(r.body?.variables?.query));
    expect(bulkQueries.at(-1)).toMatch(/^\{ products \{ edges \{ node \{/);
    expect(fake.requestsFor("BackfillProducts")).toHaveLength(0);
  });

  it("GIVEN a backfilled catalogue WHEN it runs again THEN nothing is added, and a later products/update keeps the collections the backfill stored", async () => {
    const domain = "threadline-demo.myshopify.com";
    const dataset = datasetFor(domain, 23);
    const { shop } = await givenShop(domain, dataset);
    await runBackfill(await startBackfill(shop.id, "install"));
    const counts = async () => [
      await db().product.count({ where: { shopId: shop.id } }),
      await db().productVariant.count({ where: { shopId: shop.id } }),
    ];
    const before = await counts();

    await runBackfill(await startBackfill(shop.id, "manual"));
    expect(await counts()).toEqual(before);

    // The belt (two collections) sells out in Shopify: products/update, one minute newer.
    const belt = dataset.products!.find((p) => p.handle.startsWith("leather-belt"))!;
    const soldOut: FakeProduct = {
      ...belt,
      updatedAt: new Date(new Date(belt.updatedAt).getTime() + 60_000).toISOString(),
      variants: belt.variants.map((v) => ({ ...v, inventoryQuantity: 0, availableForSale: false })),
    };
    await deliverAndProcess("products/update", restProductPayload(soldOut), { shopDomain: domain });

    const row = await db().product.findUniqueOrThrow({
      where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: gidNumber(belt.id) } },
      include: { variants: true },
    });
    expect(row.collectionIds).toEqual([FAKE_COLLECTIONS.accessories, FAKE_COLLECTIONS.bottoms]);
    expect(row.variants.map((v) => v.available)).toEqual([false, false]);
    expect(row.url).toBe(belt.onlineStoreUrl);
    expect(await counts()).toEqual(before);
    // Out of stock everywhere: no longer offered.
    expect(await productsByShopifyIds(shop.id, [gidNumber(belt.id)])).toEqual([]);
  });

  it("GIVEN the demo catalogue WHEN the products fixtures are sent (socks restocked, a scarf added, the archived tote deleted) THEN what is offered follows", async () => {
    const domain = "fixtures-demo.myshopify.com";
    // Dated before the fixtures (written 2026-12-01), whatever today is.
    const dataset = datasetFor(domain, 7, new Date("2026-11-30T00:00:00Z"));
    const { shop } = await givenShop(domain, dataset);
    await runBackfill(await startBackfill(shop.id, "install"));
    const offered = async () =>
      (await productsByShopifyIds(shop.id, [8801007n, 8801010n, 8801099n, 8801001n])).map(
        (p) => `${p.title} ${p.price}`,
      );
    // Socks are sold out, the tote archived, the scarf unknown.
    expect(await offered()).toEqual(["Merino Crew Sweater 89.00"]);

    for (const topic of ["products/update", "products/create", "products/delete"]) {
      await deliverAndProcess(topic, webhookFixture(topic), { shopDomain: domain });
    }

    expect(await offered()).toEqual(["Trail Socks 3-Pack 24.00", "Alpaca Scarf 65.00", "Merino Crew Sweater 89.00"]);
    const tote = await db().product.findUniqueOrThrow({
      where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: 8801099n } },
    });
    expect(tote.deletedAt).toBeInstanceOf(Date);
    const scarf = await db().product.findUniqueOrThrow({
      where: { shopId_shopifyProductId: { shopId: shop.id, shopifyProductId: 8801010n } },
      include: { variants: { orderBy: { shopifyVariantId: "asc" } } },
    });
    expect(scarf).toMatchObject({ url: `https://${domain}/products/alpaca-scarf`, tags: ["alpaca", "winter"] });
    expect(scarf.variants.map((v) => `${v.title} ${v.available}`)).toEqual(["Grey true", "Oat false"]);
  });
});
