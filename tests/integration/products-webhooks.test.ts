// products/create, products/update, products/delete through the real intake: signed requests,
// stored receipts, the topic handler, and the Product / ProductVariant rows they leave.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { startWorkers } from "../../app/jobs/worker.server";
import { action } from "../../app/routes/webhooks";
import { processWebhookReceipt } from "../../app/webhooks/process-receipt.server";
import { createShop } from "../support/factories";
import { deliverAndProcess, signedWebhookRequest, TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

// Beyond 2^53: a JavaScript number would round it to another product.
const PRODUCT_ID = 820982911946154508n;
const OTHER_SHOP = "other-outfitters.myshopify.com";

let shopId: string;

interface VariantSpec {
  id: number;
  title: string;
  price: string;
  quantity: number;
  management?: string | null;
  policy?: "deny" | "continue";
  compareAt?: string | null;
  imageId?: number | null;
}

const DEFAULT_VARIANTS: VariantSpec[] = [
  { id: 4401001, title: "Charcoal / M", price: "89.00", quantity: 12, imageId: 9001 },
  { id: 4401002, title: "Charcoal / L", price: "79.00", quantity: 0, compareAt: "99.00" },
  { id: 4401003, title: "Navy / M", price: "85.00", quantity: 0, policy: "continue" },
  { id: 4401004, title: "Navy / L", price: "85.00", quantity: 0, management: null },
];

/**
 * The REST payload of products/create and products/update (API 2026-10), as raw JSON text so
 * that the 64-bit product id is sent exactly as Shopify sends it.
 */
function productPayload(
  options: {
    title?: string;
    status?: string;
    updatedAt?: string;
    variants?: VariantSpec[];
    tags?: string;
  } = {},
): string {
  const updatedAt = options.updatedAt ?? "2026-11-20T10:00:00-05:00";
  const body = {
    id: "__PRODUCT_ID__",
    admin_graphql_api_id: `gid://shopify/Product/${PRODUCT_ID}`,
    title: options.title ?? "Merino Crew Sweater",
    handle: "merino-crew-sweater",
    body_html: "<p>Soft.</p>",
    status: options.status ?? "active",
    product_type: "Sweaters",
    vendor: "Threadline Outfitters",
    tags: options.tags ?? "merino, winter, ,Gift",
    created_at: "2026-01-05T09:00:00-05:00",
    updated_at: updatedAt,
    published_scope: "global",
    image: { id: 9000, position: 1, src: "https://cdn.shopify.com/s/files/1/merino.jpg" },
    images: [
      { id: 9000, position: 1, src: "https://cdn.shopify.com/s/files/1/merino.jpg" },
      { id: 9001, position: 2, src: "https://cdn.shopify.com/s/files/1/merino-charcoal.jpg" },
    ],
    variants: (options.variants ?? DEFAULT_VARIANTS).map((v, n) => ({
      id: v.id,
      product_id: "__PRODUCT_ID__",
      title: v.title,
      sku: `TL-MER-${n + 1}`,
      price: v.price,
      compare_at_price: v.compareAt ?? null,
      position: n + 1,
      inventory_quantity: v.quantity,
      inventory_management: v.management === undefined ? "shopify" : v.management,
      inventory_policy: v.policy ?? "deny",
      image_id: v.imageId ?? null,
      created_at: "2026-01-05T09:00:00-05:00",
      updated_at: updatedAt,
    })),
  };
  return JSON.stringify(body).replaceAll('"__PRODUCT_ID__"', PRODUCT_ID.toString());
}

const savedProduct = (shop = shopId) =>
  db().product.findUnique({
    where: { shopId_shopifyProductId: { shopId: shop, shopifyProductId: PRODUCT_ID } },
    include: { variants: { orderBy: { shopifyVariantId: "asc" } } },
  });

const variantSummary = (
  variants: { shopifyVariantId: bigint; available: boolean; price: { toFixed(n: number): string } }[],
) => variants.map((v) => `${v.shopifyVariantId} ${v.price.toFixed(2)} ${v.available ? "available" : "sold out"}`);

beforeEach(async () => {
  await db().shop.deleteMany();
  await db().webhookReceipt.deleteMany();
  await getQueue("webhooks").obliterate({ force: true });
  shopId = (await createShop()).id;
});

describe("products webhooks", () => {
  it("GIVEN products/create WHEN processed THEN the product and its variants are saved with URL, image, price and availability", async () => {
    const receipt = await deliverAndProcess("products/create", productPayload());

    expect(receipt).toMatchObject({ status: "PROCESSED", error: null });
    const product = await savedProduct();
    expect(product).toMatchObject({
      shopifyProductId: PRODUCT_ID,
      title: "Merino Crew Sweater",
      handle: "merino-crew-sweater",
      url: `https://${TEST_SHOP_DOMAIN}/products/merino-crew-sweater`,
      imageUrl: "https://cdn.shopify.com/s/files/1/merino.jpg",
      status: "ACTIVE",
      productType: "Sweaters",
      vendor: "Threadline Outfitters",
      tags: ["merino", "winter", "Gift"],
      collectionIds: [],
      deletedAt: null,
    });
    expect(product!.shopifyUpdatedAt!.toISOString()).toBe("2026-11-20T15:00:00.000Z");
    // Tracked and in stock; tracked, sold out and denied; sold out but "continue"; untracked.
    expect(variantSummary(product!.variants)).toEqual([
      "4401001 89.00 available",
      "4401002 79.00 sold out",
      "4401003 85.00 available",
      "4401004 85.00 available",
    ]);
    expect(product!.variants[0]).toMatchObject({
      title: "Charcoal / M",
      sku: "TL-MER-1",
      inventoryQuantity: 12,
      imageUrl: "https://cdn.shopify.com/s/files/1/merino-charcoal.jpg",
      compareAtPrice: null,
    });
    expect(product!.variants[1].compareAtPrice!.toFixed(2)).toBe("99.00");
    expect(product!.variants[1].imageUrl).toBeNull();
  });

  it("GIVEN a stored product with collections WHEN products/update arrives with fewer variants THEN the missing variant is deleted, fields change and collections stay", async () => {
    await deliverAndProcess("products/create", productPayload());
    // What the backfill stores; webhooks carry no collections.
    await db().product.updateMany({ where: { shopId }, data: { collectionIds: ["gid://shopify/Collection/6601001"] } });

    await deliverAndProcess(
      "products/update",
      productPayload({
        title: "Merino Crew Sweater (new)",
        status: "draft",
        tags: "merino",
        updatedAt: "2026-11-21T10:00:00-05:00",
        variants: [
          { id: 4401001, title: "Charcoal / M", price: "69.00", quantity: 0 },
          { id: 4401003, title: "Navy / M", price: "85.00", quantity: 2 },
        ],
      }),
    );

    const product = await savedProduct();
    expect(product).toMatchObject({
      title: "Merino Crew Sweater (new)",
      status: "DRAFT",
      tags: ["merino"],
      collectionIds: ["gid://shopify/Collection/6601001"],
    });
    expect(variantSummary(product!.variants)).toEqual(["4401001 69.00 sold out", "4401003 85.00 available"]);
    expect(await db().productVariant.count({ where: { shopId } })).toBe(2);
  });

  it("GIVEN a newer update already applied WHEN an older products/update arrives late THEN it is ignored", async () => {
    await deliverAndProcess("products/create", productPayload());
    await deliverAndProcess(
      "products/update",
      productPayload({
        title: "Newest title",
        updatedAt: "2026-11-22T10:00:00-05:00",
        variants: [{ id: 4401001, title: "Charcoal / M", price: "59.00", quantity: 3 }],
      }),
    );

    const late = await deliverAndProcess(
      "products/update",
      productPayload({ title: "Older title", updatedAt: "2026-11-21T10:00:00-05:00" }),
    );

    expect(late.status).toBe("PROCESSED");
    const product = await savedProduct();
    expect(product!.title).toBe("Newest title");
    expect(product!.shopifyUpdatedAt!.toISOString()).toBe("2026-11-22T15:00:00.000Z");
    expect(variantSummary(product!.variants)).toEqual(["4401001 59.00 available"]);
  });

  it("GIVEN products/update WHEN Shopify delivers it twice (same event) and resends it as a new event THEN one product with the same variants remains", async () => {
    const eventId = randomUUID();
    const body = productPayload({ updatedAt: "2026-11-21T10:00:00-05:00" });
    await deliverAndProcess("products/update", body, { eventId });
    const first = await savedProduct();

    const again = await action({
      request: signedWebhookRequest({ topic: "products/update", body, eventId }),
      params: {},
      context: {},
    });
    expect(again.status).toBe(200);
    expect(await db().webhookReceipt.count({ where: { eventId } })).toBe(1);
    await deliverAndProcess("products/update", body);

    const product = await savedProduct();
    expect(await db().product.count()).toBe(1);
    expect(await db().productVariant.count()).toBe(4);
    expect(product!.id).toBe(first!.id);
    expect(product!.variants.map((v) => v.id)).toEqual(first!.variants.map((v) => v.id));
    expect(variantSummary(product!.variants)).toEqual(variantSummary(first!.variants));
  });

  it("GIVEN a stored product WHEN products/delete arrives THEN the row and variants stay, marked deleted, and a late update does not bring it back", async () => {
    await deliverAndProcess("products/create", productPayload());

    const receipt = await deliverAndProcess("products/delete", `{"id":${PRODUCT_ID}}`);
    await deliverAndProcess(
      "products/update",
      productPayload({ updatedAt: "2026-11-23T10:00:00-05:00", title: "Late" }),
    );

    expect(receipt.status).toBe("PROCESSED");
    const product = await savedProduct();
    expect(product!.deletedAt).toBeInstanceOf(Date);
    expect(product!.title).toBe("Merino Crew Sweater");
    expect(product!.variants).toHaveLength(4);
  });

  it("GIVEN products/delete overtaking products/create WHEN the create arrives THEN the product stays deleted", async () => {
    await deliverAndProcess("products/delete", `{"id":${PRODUCT_ID}}`);
    await deliverAndProcess("products/create", productPayload());

    const product = await savedProduct();
    expect(product!.deletedAt).toBeInstanceOf(Date);
    expect(product!.variants).toHaveLength(0);
    expect(await db().product.count()).toBe(1);
  });

  it("GIVEN another shop with a product of the same Shopify id WHEN this shop's product is updated and deleted THEN the other shop's product is untouched", async () => {
    const other = await createShop({ domain: OTHER_SHOP });
    await deliverAndProcess("products/create", productPayload({ title: "Other shop's sweater" }), {
      shopDomain: OTHER_SHOP,
    });
    await deliverAndProcess("products/create", productPayload());

    await deliverAndProcess(
      "products/update",
      productPayload({
        title: "Renamed here",
        updatedAt: "2026-11-22T10:00:00-05:00",
        variants: [{ id: 4401009, title: "One size", price: "10.00", quantity: 1 }],
      }),
    );
    await deliverAndProcess("products/delete", `{"id":${PRODUCT_ID}}`);

    const theirs = await savedProduct(other.id);
    expect(theirs).toMatchObject({
      title: "Other shop's sweater",
      url: `https://${OTHER_SHOP}/products/merino-crew-sweater`,
      deletedAt: null,
    });
    expect(variantSummary(theirs!.variants)).toEqual([
      "4401001 89.00 available",
      "4401002 79.00 sold out",
      "4401003 85.00 available",
      "4401004 85.00 available",
    ]);
    const ours = await savedProduct();
    expect(ours).toMatchObject({ title: "Renamed here" });
    expect(ours!.deletedAt).toBeInstanceOf(Date);
  });

  it("GIVEN a shop that is not installed WHEN products/create arrives THEN nothing is saved and the receipt is processed", async () => {
    const receipt = await deliverAndProcess("products/create", productPayload(), {
      shopDomain: "never-installed.myshopify.com",
    });

    expect(receipt.status).toBe("PROCESSED");
    expect(await db().product.count()).toBe(0);
  });

  it("GIVEN a products/update without a title WHEN processed THEN the receipt fails naming the field and nothing changes", async () => {
    await deliverAndProcess("products/create", productPayload());
    const body = productPayload({ updatedAt: "2026-11-25T10:00:00-05:00" }).replace(
      '"title":"Merino Crew Sweater",',
      "",
    );
    expect(body).not.toContain('"title":"Merino');
    const response = await action({
      request: signedWebhookRequest({ topic: "products/update", body }),
      params: {},
      context: {},
    });
    expect(response.status).toBe(200);
    const receipt = await db().webhookReceipt.findFirstOrThrow({ where: { topic: "products/update" } });
    await expect(processWebhookReceipt(receipt.id)).rejects.toThrow();

    const failed = await db().webhookReceipt.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toContain("title is missing");
    expect((await savedProduct())!.title).toBe("Merino Crew Sweater");
  });
});

describe("the BullMQ worker", () => {
  it("GIVEN a running webhooks worker WHEN products/create and then products/delete are posted THEN its batch processes both", async () => {
    const worker = await startWorkers({ queues: ["webhooks"], schedule: false, reconcileOnStart: false });
    const waitFor = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 15_000;
      while (!(await check()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    try {
      const post = (topic: string, body: string) =>
        action({ request: signedWebhookRequest({ topic, body }), params: {}, context: {} });
      expect((await post("products/create", productPayload())).status).toBe(200);
      await waitFor(async () => (await savedProduct()) !== null);
      expect((await post("products/delete", `{"id":${PRODUCT_ID}}`)).status).toBe(200);
      await waitFor(async () => (await savedProduct())?.deletedAt != null);

      const receipts = await db().webhookReceipt.findMany({ orderBy: { receivedAt: "asc" } });
      expect(receipts.map((r) => `${r.topic} ${r.status}`)).toEqual([
        "products/create PROCESSED",
        "products/delete PROCESSED",
      ]);
      const product = await savedProduct();
      expect(product!.variants).toHaveLength(4);
      expect(product!.deletedAt).toBeInstanceOf(Date);
    } finally {
      await worker.close();
    }
  });
});
