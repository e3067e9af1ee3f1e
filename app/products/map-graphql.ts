// The GraphQL Admin API Product node (2026-10), as the backfill selects it → ProductInput.
import { gidToBigInt } from "../shopify/graphql/gid";
import { blankToNull, newestOf, productUrl } from "./fields";
import type { ProductInput, ProductVariantInput } from "./types";

export interface GqlProductVariant {
  id: string;
  title: string;
  sku?: string | null;
  /** Money scalar: decimal text. */
  price: string;
  compareAtPrice?: string | null;
  availableForSale: boolean;
  inventoryQuantity?: number | null;
  image?: { url: string } | null;
  updatedAt?: string | null;
}

interface GqlPartialConnection<T> {
  nodes: T[];
  /** Paginated queries ask for it; bulk results (folded child lines) are always complete. */
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null;
}

export interface GqlProduct {
  id: string;
  title: string;
  handle: string;
  status: string;
  onlineStoreUrl?: string | null;
  featuredImage?: { url: string } | null;
  productType?: string | null;
  vendor?: string | null;
  tags?: string[] | null;
  updatedAt: string;
  collections?: GqlPartialConnection<{ id: string }> | null;
  variants: GqlPartialConnection<GqlProductVariant>;
}

function mapVariant(v: GqlProductVariant): ProductVariantInput {
  return {
    shopifyVariantId: gidToBigInt(v.id),
    title: v.title || "Default Title",
    sku: v.sku || null,
    price: v.price,
    compareAtPrice: v.compareAtPrice || null,
    available: v.availableForSale,
    inventoryQuantity: v.inventoryQuantity ?? null,
    imageUrl: v.image?.url ?? null,
  };
}

export function mapProduct(product: GqlProduct, shopDomain: string): ProductInput {
  const variants = product.variants.nodes;
  return {
    shopifyProductId: gidToBigInt(product.id),
    title: product.title,
    handle: product.handle,
    url: productUrl(shopDomain, product.handle, product.onlineStoreUrl),
    imageUrl: product.featuredImage?.url ?? null,
    status: product.status.toUpperCase(),
    productType: blankToNull(product.productType),
    vendor: blankToNull(product.vendor),
    tags: (product.tags ?? []).map((t) => t.trim()).filter(Boolean),
    collectionIds: product.collections ? product.collections.nodes.map((c) => c.id) : null,
    variants: variants.map(mapVariant),
    variantsComplete: !product.variants.pageInfo?.hasNextPage,
    updatedAt: newestOf(
      [new Date(product.updatedAt), ...variants.map((v) => (v.updatedAt ? new Date(v.updatedAt) : null))],
      new Date(product.updatedAt),
    ),
  };
}
