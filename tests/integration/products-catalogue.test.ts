// productsByShopifyIds: what other features may offer a shopper, read from rows the products
// webhooks wrote.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { productsByShopifyIds } from "../../app/products/catalogue.server";
import { createShop } from "../support/factories";
import { deliverAndProcess, TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

const OTHER_SHOP = "catalogue-other.myshopify.com";
let shopId: string;
let otherShopId: string;

interface V {
  id: number;
  price: string;
  quantity: number;
  compareAt?: string;
  imageId?: number;
}

function payload(id: number, title: string, variants: V[], extra: Record<string, unknown> = {}) {
  return {
    id,
    title,
    handle: title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    status: "active",
    product_type: "",
    vendor: "Threadline Outfitters",
    tags: "",
    updated_at: "2026-11-20T10:00:00Z",
    image: null,
    images: [{ id: 77, src: `https://cdn.shopify.com/${id}-variant.jpg` }],
    variants: variants.map((v) => ({
      id: v.id,
      title: `V${v.id}`,
      sku: null,
      price: v.price,
      compare_at_price: v.compareAt ?? null,
      inventory_quantity: v.quantity,
      inventory_management: "shopify",
      inventory_policy: "deny",
      image_id: v.imageId ?? null,
      updated_at: "2026-11-20T10:00:00Z",
    })),
    ...extra,
  };
}

beforeAll(async () => {
  shopId = (await createShop()).id;
  otherShopId = (await createShop({ domain: OTHER_SHOP })).id;
  // In stock: the cheapest variant (10.00) is sold out, so 12.50 is the price; no product image.
  await deliverAndProcess(
    "products/create",
    payload(101, "Wool Beanie", [
      { id: 1011, price: "10.00", quantity: 0 },
      { id: 1012, price: "14.00", quantity: 2 },
      { id: 1013, price: "12.50", quantity: 1, compareAt: "20.00", imageId: 77 },
    ]),
  );
  await deliverAndProcess(
    "products/create",
    payload(102, "Draft Scarf", [{ id: 1021, price: "30.00", quantity: 5 }], { status: "draft" }),
  );
  await deliverAndProcess(
    "products/create",
    payload(103, "Sold Out Socks", [{ id: 1031, price: "8.00", quantity: 0 }]),
  );
  await deliverAndProcess("products/create", payload(104, "Gone Gloves", [{ id: 1041, price: "22.00", quantity: 4 }]));
  await deliverAndProcess("products/delete", { id: 104 });
  await deliverAndProcess(
    "products/create",
    payload(105, "Linen Shirt", [{ id: 1051, price: "78.00", quantity: 3 }], {
      image: { id: 5, src: "https://cdn.shopify.com/linen.jpg" },
    }),
  );
  // Another shop's product 106 (and its own 101).
  await deliverAndProcess(
    "products/create",
    payload(106, "Their Jacket", [{ id: 1061, price: "99.00", quantity: 1 }]),
    {
      shopDomain: OTHER_SHOP,
    },
  );
  await deliverAndProcess("products/create", payload(101, "Their Beanie", [{ id: 9011, price: "1.00", quantity: 1 }]), {
    shopDomain: OTHER_SHOP,
  });
});

describe("productsByShopifyIds", () => {
  it("GIVEN active, draft, sold-out and deleted products WHEN asked for all of them THEN only the in-stock ones come back, in the order asked, priced by their cheapest available variant", async () => {
    const found = await productsByShopifyIds(shopId, [105n, 102n, 103n, 104n, 101n, 105n, 999n]);

    expect(found).toEqual([
      expect.objectContaining({
        shopifyProductId: 105n,
        title: "Linen Shirt",
        url: `https://${TEST_SHOP_DOMAIN}/products/linen-shirt`,
        imageUrl: "https://cdn.shopify.com/linen.jpg",
        price: "78.00",
        compareAtPrice: null,
        shopifyVariantId: 1051n,
        availableVariantIds: [1051n],
      }),
      expect.objectContaining({
        shopifyProductId: 101n,
        title: "Wool Beanie",
        handle: "wool-beanie",
        // No product image: the cheapest available variant's.
        imageUrl: "https://cdn.shopify.com/101-variant.jpg",
        price: "12.50",
        compareAtPrice: "20.00",
        shopifyVariantId: 1013n,
        availableVariantIds: [1013n, 1012n],
        vendor: "Threadline Outfitters",
        productType: null,
      }),
    ]);
  });

  it("GIVEN another shop's product ids WHEN this shop asks THEN they are not returned, and the same Shopify id answers with this shop's own row", async () => {
    expect(await productsByShopifyIds(shopId, [106n])).toEqual([]);
    const [ours] = await productsByShopifyIds(shopId, [101n]);
    const [theirs] = await productsByShopifyIds(otherShopId, [101n]);
    expect(ours.title).toBe("Wool Beanie");
    expect(theirs.title).toBe("Their Beanie");
    expect(theirs.url).toBe(`https://${OTHER_SHOP}/products/their-beanie`);
    expect(await productsByShopifyIds(shopId, [])).toEqual([]);
    expect(await db().product.count({ where: { shopId } })).toBe(5);
  });
});
