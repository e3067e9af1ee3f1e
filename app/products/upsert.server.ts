// Writes one product and its variants. Webhooks arrive out of order and more than once, and the
// backfill reads the same products again: the payload with the newest Shopify updated_at owns
// the row, an equal one rewrites the same values (duplicates change nothing), an older one is
// ignored. The product row is locked (FOR UPDATE) for the whole write, so two jobs about the
// same product apply one after the other and the compare sees the winner's timestamp.
import { inRetryingTransaction, type Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { ProductInput } from "./types";

export type ProductWriteOutcome = "created" | "updated" | "ignored_older" | "ignored_deleted";

interface LockedProduct {
  id: string;
  shopifyUpdatedAt: Date | null;
  deletedAt: Date | null;
}

async function lockProduct(tx: Tx, shopId: string, shopifyProductId: bigint): Promise<LockedProduct | null> {
  const rows = await tx.$queryRaw<LockedProduct[]>`
    SELECT "id", "shopifyUpdatedAt", "deletedAt" FROM "Product"
     WHERE "shopId" = ${shopId} AND "shopifyProductId" = ${shopifyProductId}
       FOR UPDATE`;
  return rows[0] ?? null;
}

function productFields(input: ProductInput) {
  return {
    title: input.title,
    handle: input.handle,
    url: input.url,
    imageUrl: input.imageUrl,
    status: input.status,
    productType: input.productType,
    vendor: input.vendor,
    tags: input.tags,
    shopifyUpdatedAt: input.updatedAt,
    // Webhooks carry no collections: null keeps what the backfill stored.
    ...(input.collectionIds ? { collectionIds: input.collectionIds } : {}),
  };
}

/** The payload's variants replace the stored ones: missing ones go, unless the list may be partial. */
async function replaceVariants(tx: Tx, shopId: string, productId: string, input: ProductInput) {
  if (input.variantsComplete) {
    await tx.productVariant.deleteMany({
      where: { productId, shopifyVariantId: { notIn: input.variants.map((v) => v.shopifyVariantId) } },
    });
  }
  for (const v of input.variants) {
    const fields = {
      productId,
      title: v.title,
      sku: v.sku,
      price: v.price,
      compareAtPrice: v.compareAtPrice,
      available: v.available,
      inventoryQuantity: v.inventoryQuantity,
      imageUrl: v.imageUrl,
    };
    await tx.productVariant.upsert({
      where: { shopId_shopifyVariantId: { shopId, shopifyVariantId: v.shopifyVariantId } },
      create: { ...fields, shopId, shopifyVariantId: v.shopifyVariantId },
      update: fields,
    });
  }
}

export async function applyProduct(
  tx: Tx,
  shopId: string,
  input: ProductInput,
): Promise<{ productId: string; outcome: ProductWriteOutcome }> {
  const existing = await lockProduct(tx, shopId, input.shopifyProductId);
  if (!existing) {
    // A concurrent create makes this a unique violation; inRetryingTransaction runs it again.
    const created = await tx.product.create({
      data: { ...productFields(input), shopId, shopifyProductId: input.shopifyProductId },
      select: { id: true },
    });
    await replaceVariants(tx, shopId, created.id, input);
    return { productId: created.id, outcome: "created" };
  }
  // Shopify never reuses a product id: anything arriving after the delete was sent before it.
  if (existing.deletedAt) return { productId: existing.id, outcome: "ignored_deleted" };
  if (existing.shopifyUpdatedAt && input.updatedAt < existing.shopifyUpdatedAt) {
    return { productId: existing.id, outcome: "ignored_older" };
  }
  await tx.product.update({ where: { id: existing.id }, data: productFields(input) });
  await replaceVariants(tx, shopId, existing.id, input);
  return { productId: existing.id, outcome: "updated" };
}

export async function ingestProduct(shopId: string, input: ProductInput) {
  return inRetryingTransaction((tx) => applyProduct(tx, shopId, input));
}

/**
 * products/delete: the row stays (orders and storefront events refer to it), marked deletedAt.
 * A delete that overtakes the product's create leaves a tombstone, so the late create is ignored.
 */
export async function markProductDeleted(
  shopId: string,
  shopifyProductId: bigint,
  deletedAt: Date,
): Promise<{ productId: string; outcome: "deleted" | "already_deleted" | "tombstone" }> {
  return inRetryingTransaction(async (tx) => {
    const existing = await lockProduct(tx, shopId, shopifyProductId);
    if (existing?.deletedAt) return { productId: existing.id, outcome: "already_deleted" as const };
    if (existing) {
      await tx.product.update({ where: { id: existing.id }, data: { deletedAt } });
      return { productId: existing.id, outcome: "deleted" as const };
    }
    const tombstone = await tx.product.create({
      data: { shopId, shopifyProductId, title: "", handle: "", status: "ARCHIVED", deletedAt },
      select: { id: true },
    });
    return { productId: tombstone.id, outcome: "tombstone" as const };
  });
}

const MARK_CHUNK = 1000;

/**
 * After the backfill has listed the whole catalogue: a stored product Shopify did not list was
 * deleted while its products/delete webhook was lost. Only rows untouched since the listing began
 * are marked (a product created by webhook meanwhile is newer than the listing), and the listed
 * ids are passed in, so a stale page that changed nothing cannot mark a live product.
 */
export async function markUnlistedProductsDeleted(
  shopId: string,
  listedProductIds: ReadonlySet<string>,
  listingStartedAt: Date,
  deletedAt = new Date(),
): Promise<number> {
  const candidates = await db().product.findMany({
    where: { shopId, deletedAt: null, updatedAt: { lt: listingStartedAt } },
    select: { id: true, shopifyProductId: true },
  });
  const unlisted = candidates.filter((p) => !listedProductIds.has(p.shopifyProductId.toString())).map((p) => p.id);
  let marked = 0;
  for (let i = 0; i < unlisted.length; i += MARK_CHUNK) {
    const { count } = await db().product.updateMany({
      where: { id: { in: unlisted.slice(i, i + MARK_CHUNK) }, deletedAt: null, updatedAt: { lt: listingStartedAt } },
      data: { deletedAt },
    });
    marked += count;
  }
  return marked;
}
