// The fake shop's products in GraphQL Admin API shapes (2026-10), built from the catalogue its
// orders and the demo storefront already sell (same product and variant ids, same handles), plus
// the REST webhook payload Shopify sends for the same product (products/create, products/update).
import { CATALOGUE } from "./catalogue";
import type { FakeProduct, FakeProductVariant, FakeShopDataset } from "./dataset";
import { page } from "./wire-shapes";

const DAY = 24 * 3600 * 1000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** The storefront's handle rule (scripts/demo/storefront/catalogue.ts): the catalogue title, slugged. */
export const slugOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export const FAKE_COLLECTIONS = {
  tops: "gid://shopify/Collection/6601001",
  outerwear: "gid://shopify/Collection/6601002",
  bottoms: "gid://shopify/Collection/6601003",
  accessories: "gid://shopify/Collection/6601004",
} as const;

interface ProductPlan {
  productType: string;
  collections: string[];
  tags: string[];
  /** Per variant (the catalogue's own first): stock, and whether Shopify tracks it / sells when out. */
  stock: { quantity: number; tracked?: boolean; policy?: "DENY" | "CONTINUE" }[];
  /** Second and further variants' option titles. */
  otherOptions?: string[];
}

// Indexed like CATALOGUE. Trail socks are sold out; the belt's second size is sold out; the
// beanie is untracked; the jeans sell when out of stock (CONTINUE).
const PLANS: ProductPlan[] = [
  {
    productType: "Sweaters",
    collections: [FAKE_COLLECTIONS.tops],
    tags: ["merino", "winter"],
    stock: [{ quantity: 12 }, { quantity: 4 }],
    otherOptions: ["Charcoal / L"],
  },
  { productType: "T-Shirts", collections: [FAKE_COLLECTIONS.tops], tags: ["organic"], stock: [{ quantity: 40 }] },
  {
    productType: "Jackets",
    collections: [FAKE_COLLECTIONS.outerwear],
    tags: ["waxed", "winter"],
    stock: [{ quantity: 3 }],
  },
  {
    productType: "Jeans",
    collections: [FAKE_COLLECTIONS.bottoms],
    tags: ["denim"],
    stock: [{ quantity: 0, policy: "CONTINUE" }, { quantity: 6 }],
    otherOptions: ["Indigo / 34"],
  },
  {
    productType: "Hats",
    collections: [FAKE_COLLECTIONS.accessories],
    tags: ["winter"],
    stock: [{ quantity: 0, tracked: false }],
  },
  { productType: "Shirts", collections: [FAKE_COLLECTIONS.tops], tags: ["linen", "summer"], stock: [{ quantity: 9 }] },
  { productType: "Socks", collections: [FAKE_COLLECTIONS.accessories], tags: ["trail"], stock: [{ quantity: 0 }] },
  {
    productType: "Belts",
    collections: [FAKE_COLLECTIONS.accessories, FAKE_COLLECTIONS.bottoms],
    tags: ["leather"],
    stock: [{ quantity: 5 }, { quantity: 0 }],
    otherOptions: ["Tan / 36"],
  },
];

const imageOf = (sku: string) => `https://cdn.shopify.com/s/files/1/0601/5029/products/${sku.toLowerCase()}.jpg`;

function variantOf(
  id: number,
  title: string,
  sku: string,
  price: string,
  stock: ProductPlan["stock"][number],
  updatedAt: string,
): FakeProductVariant {
  const tracked = stock.tracked ?? true;
  const policy = stock.policy ?? "DENY";
  return {
    id: `gid://shopify/ProductVariant/${id}`,
    title,
    sku,
    price,
    compareAtPrice: null,
    // Shopify's own rule: untracked, sold when out of stock, or stock on hand.
    availableForSale: !tracked || policy === "CONTINUE" || stock.quantity > 0,
    inventoryQuantity: stock.quantity,
    inventoryPolicy: policy,
    inventoryItem: { tracked },
    image: { url: imageOf(sku) },
    updatedAt,
  };
}

/** The catalogue's eight products (all ACTIVE) and one archived product that is off the storefront. */
export function generateProducts(options: { now: number; domain: string; storefrontUrl: string }): FakeProduct[] {
  const products = CATALOGUE.map((entry, i): FakeProduct => {
    const plan = PLANS[i % PLANS.length];
    const [baseTitle, firstOption] = entry.title.split(" - ");
    const handle = slugOf(entry.title);
    const updatedAt = iso(options.now - (i + 1) * DAY);
    const options_ = [firstOption ?? "Default Title", ...(plan.otherOptions ?? [])];
    const variants = options_.map((option, n) =>
      variantOf(
        entry.variantId + n * 100_000,
        option,
        n === 0 ? entry.sku : `${entry.sku}-${n + 1}`,
        entry.price,
        plan.stock[n] ?? { quantity: 1 },
        updatedAt,
      ),
    );
    return {
      id: `gid://shopify/Product/${entry.productId}`,
      title: baseTitle,
      handle,
      status: "ACTIVE",
      onlineStoreUrl: `${options.storefrontUrl}/products/${handle}`,
      featuredImage: { url: imageOf(entry.sku) },
      productType: plan.productType,
      vendor: "Threadline Outfitters",
      tags: plan.tags,
      createdAt: iso(options.now - 400 * DAY),
      updatedAt,
      collections: plan.collections.map((id) => ({ id })),
      variants,
    };
  });
  const toteUpdated = iso(options.now - 30 * DAY);
  products.push({
    id: "gid://shopify/Product/8801099",
    title: "Canvas Tote",
    handle: "canvas-tote",
    status: "ARCHIVED",
    // Not published to the online store: Shopify gives no URL.
    onlineStoreUrl: null,
    featuredImage: null,
    productType: "Bags",
    vendor: "Threadline Outfitters",
    tags: [],
    createdAt: iso(options.now - 500 * DAY),
    updatedAt: toteUpdated,
    collections: [],
    variants: [variantOf(4401099, "Default Title", "TL-TOTE", "18.00", { quantity: 2 }, toteUpdated)],
  });
  return products;
}

/** A product as the paginated BackfillProducts query returns it (connections capped like the query). */
export function productNode(product: FakeProduct, variantsFirst = 50, collectionsFirst = 25) {
  const { collections, variants, ...rest } = product;
  return {
    ...rest,
    collections: { nodes: collections.slice(0, collectionsFirst) },
    // The same cursors as page(): BackfillProductVariants carries on from endCursor.
    variants: page(variants, { first: variantsFirst }, (v) => v),
  };
}

/** Bulk JSONL lines: the product, then its collections and variants as child lines. */
export function productBulkLines(product: FakeProduct): unknown[] {
  const { collections, variants, ...rest } = product;
  return [
    rest,
    ...collections.map((c) => ({ id: c.id, __parentId: product.id })),
    ...variants.map((v) => ({ ...v, __parentId: product.id })),
  ];
}

export function productsOf(dataset: FakeShopDataset): FakeProduct[] {
  return [...(dataset.products ?? [])].sort((a, b) => {
    const [x, y] = [BigInt(a.id.slice(a.id.lastIndexOf("/") + 1)), BigInt(b.id.slice(b.id.lastIndexOf("/") + 1))];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

const numberOf = (gid: string) => Number(gid.slice(gid.lastIndexOf("/") + 1));

/**
 * The same product as Shopify's REST webhook payload (products/create, products/update, 2026-10):
 * snake_case, numeric ids, tags as one comma-separated string, lower-case status, images by id.
 */
export function restProductPayload(product: FakeProduct) {
  const images = product.variants
    .filter((v) => v.image)
    .map((v, n) => ({ id: 30_000_000 + numberOf(v.id), position: n + 2, src: v.image!.url }));
  const productImage = product.featuredImage
    ? { id: 29_000_000 + numberOf(product.id), position: 1, src: product.featuredImage.url }
    : null;
  return {
    id: numberOf(product.id),
    admin_graphql_api_id: product.id,
    title: product.title,
    handle: product.handle,
    body_html: "",
    status: product.status.toLowerCase(),
    product_type: product.productType ?? "",
    vendor: product.vendor ?? "",
    tags: product.tags.join(", "),
    published_scope: "global",
    created_at: product.createdAt,
    updated_at: product.updatedAt,
    image: productImage,
    images: productImage ? [productImage, ...images] : images,
    variants: product.variants.map((v, n) => ({
      id: numberOf(v.id),
      admin_graphql_api_id: v.id,
      product_id: numberOf(product.id),
      title: v.title,
      sku: v.sku,
      price: v.price,
      compare_at_price: v.compareAtPrice,
      position: n + 1,
      inventory_quantity: v.inventoryQuantity,
      inventory_management: v.inventoryItem.tracked ? "shopify" : null,
      inventory_policy: v.inventoryPolicy.toLowerCase(),
      image_id: v.image ? 30_000_000 + numberOf(v.id) : null,
      created_at: product.createdAt,
      updated_at: v.updatedAt,
    })),
  };
}
