// The two product mappers: REST webhook payloads and GraphQL nodes give the same ProductInput.
import { describe, expect, it } from "vitest";
import { restVariantAvailable } from "../../app/products/availability";
import { mapProduct, type GqlProduct } from "../../app/products/map-graphql";
import { deletedProductIdFromRest, productInputFromRest } from "../../app/products/map-rest";

const SHOP = "threadline-demo.myshopify.com";

describe("restVariantAvailable", () => {
  it.each([
    ["untracked, none on hand", { inventoryManagement: null, inventoryPolicy: "deny", inventoryQuantity: 0 }, true],
    ["tracked field absent", { inventoryManagement: undefined, inventoryPolicy: "deny", inventoryQuantity: 0 }, true],
    [
      "tracked, sold out, continue",
      { inventoryManagement: "shopify", inventoryPolicy: "continue", inventoryQuantity: -2 },
      true,
    ],
    ["tracked, in stock", { inventoryManagement: "shopify", inventoryPolicy: "deny", inventoryQuantity: 1 }, true],
    [
      "tracked, sold out, deny",
      { inventoryManagement: "shopify", inventoryPolicy: "deny", inventoryQuantity: 0 },
      false,
    ],
    [
      "tracked, oversold, deny",
      { inventoryManagement: "shopify", inventoryPolicy: "deny", inventoryQuantity: -1 },
      false,
    ],
    [
      "tracked, no quantity",
      { inventoryManagement: "shopify", inventoryPolicy: "deny", inventoryQuantity: null },
      false,
    ],
  ])("GIVEN %s THEN available is %s", (_label, fields, expected) => {
    expect(restVariantAvailable(fields)).toBe(expected);
  });
});

describe("productInputFromRest", () => {
  const payload = {
    id: "820982911946154508",
    title: "Merino Crew Sweater",
    handle: "merino-crew",
    status: "archived",
    product_type: "",
    vendor: " Threadline ",
    tags: "a, b,,  c ",
    updated_at: "2026-11-20T10:00:00-05:00",
    images: [{ id: 5, src: "https://cdn/x.jpg" }],
    variants: [
      {
        id: 1,
        title: "M",
        sku: "",
        price: "10.00",
        compare_at_price: "",
        inventory_quantity: 0,
        inventory_management: "shopify",
        inventory_policy: "deny",
        image_id: 5,
        updated_at: "2026-11-21T10:00:00Z",
      },
    ],
  };

  it("GIVEN a REST payload THEN ids are exact, tags split, blanks are null, the variant image resolves and the newest updated_at wins", () => {
    const input = productInputFromRest(payload, SHOP);
    expect(input).toMatchObject({
      shopifyProductId: 820982911946154508n,
      url: "https://threadline-demo.myshopify.com/products/merino-crew",
      imageUrl: "https://cdn/x.jpg",
      status: "ARCHIVED",
      productType: null,
      vendor: "Threadline",
      tags: ["a", "b", "c"],
      collectionIds: null,
      variantsComplete: true,
    });
    expect(input.variants).toEqual([
      {
        shopifyVariantId: 1n,
        title: "M",
        sku: null,
        price: "10.00",
        compareAtPrice: null,
        available: false,
        inventoryQuantity: 0,
        imageUrl: "https://cdn/x.jpg",
      },
    ]);
    expect(input.updatedAt.toISOString()).toBe("2026-11-21T10:00:00.000Z");
  });

  it("GIVEN products/delete THEN its id is read exactly", () => {
    expect(deletedProductIdFromRest({ id: "820982911946154508" })).toBe(820982911946154508n);
  });
});

describe("mapProduct (GraphQL)", () => {
  const node: GqlProduct = {
    id: "gid://shopify/Product/42",
    title: "Tee",
    handle: "tee",
    status: "DRAFT",
    onlineStoreUrl: null,
    featuredImage: { url: "https://cdn/tee.jpg" },
    productType: "T-Shirts",
    vendor: "",
    tags: ["organic", " summer "],
    updatedAt: "2026-11-20T10:00:00Z",
    collections: { nodes: [{ id: "gid://shopify/Collection/7" }] },
    variants: {
      nodes: [
        {
          id: "gid://shopify/ProductVariant/9",
          title: "L",
          sku: "TEE-L",
          price: "28.00",
          compareAtPrice: "35.00",
          availableForSale: false,
          inventoryQuantity: 0,
          image: null,
        },
      ],
      pageInfo: { hasNextPage: true, endCursor: "c" },
    },
  };

  it("GIVEN a node off the online store with a partial variant page THEN the URL falls back, availability is availableForSale and missing variants are kept", () => {
    expect(mapProduct(node, SHOP)).toMatchObject({
      shopifyProductId: 42n,
      url: "https://threadline-demo.myshopify.com/products/tee",
      status: "DRAFT",
      vendor: null,
      tags: ["organic", "summer"],
      collectionIds: ["gid://shopify/Collection/7"],
      variantsComplete: false,
      variants: [expect.objectContaining({ shopifyVariantId: 9n, available: false, compareAtPrice: "35.00" })],
    });
  });

  it("GIVEN onlineStoreUrl THEN it is the URL", () => {
    const published = { ...node, onlineStoreUrl: "https://shop.example.com/products/tee" };
    expect(mapProduct(published, SHOP).url).toBe("https://shop.example.com/products/tee");
  });
});
