// Shop-scoped reads of the catalogue for other features (recommendations, templates, segments).
// "In stock" means: status ACTIVE, not deleted, and at least one available variant.
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";

export interface InStockProduct {
  /** Our Product row id. */
  id: string;
  shopifyProductId: bigint;
  title: string;
  handle: string;
  url: string;
  /** The product's image, else the image of its cheapest available variant. */
  imageUrl: string | null;
  /** The lowest price among available variants, decimal text ("19.99"). */
  price: string;
  /** That variant's compare-at price, when it has one. */
  compareAtPrice: string | null;
  /** The available variant with the lowest price. */
  shopifyVariantId: bigint;
  availableVariantIds: bigint[];
  productType: string | null;
  vendor: string | null;
  tags: string[];
  collectionIds: string[];
}

/** Products that may be offered to a shopper; usable as a Prisma filter by other queries. */
export function inStockProductWhere(shopId: string): Prisma.ProductWhereInput {
  return { shopId, status: "ACTIVE", deletedAt: null, url: { not: null }, variants: { some: { available: true } } };
}

/**
 * The in-stock products among `shopifyProductIds`, in the order asked (each once). Products
 * unknown to this shop, of another shop, not ACTIVE, deleted or with no available variant are
 * left out.
 */
export async function productsByShopifyIds(shopId: string, shopifyProductIds: bigint[]): Promise<InStockProduct[]> {
  const wanted = [...new Set(shopifyProductIds.map(String))].map(BigInt);
  if (!wanted.length) return [];
  const rows = await db().product.findMany({
    where: { ...inStockProductWhere(shopId), shopifyProductId: { in: wanted } },
    include: { variants: { where: { available: true }, orderBy: [{ price: "asc" }, { shopifyVariantId: "asc" }] } },
  });
  const byId = new Map(rows.map((row) => [row.shopifyProductId.toString(), row]));
  const found: InStockProduct[] = [];
  for (const id of wanted) {
    const row = byId.get(id.toString());
    const cheapest = row?.variants[0];
    if (!row || !cheapest) continue;
    found.push({
      id: row.id,
      shopifyProductId: row.shopifyProductId,
      title: row.title,
      handle: row.handle,
      url: row.url!,
      imageUrl: row.imageUrl ?? cheapest.imageUrl ?? row.variants.find((v) => v.imageUrl)?.imageUrl ?? null,
      price: cheapest.price.toFixed(2),
      compareAtPrice: cheapest.compareAtPrice?.toFixed(2) ?? null,
      shopifyVariantId: cheapest.shopifyVariantId,
      availableVariantIds: row.variants.map((v) => v.shopifyVariantId),
      productType: row.productType,
      vendor: row.vendor,
      tags: row.tags,
      collectionIds: row.collectionIds,
    });
  }
  return found;
}
