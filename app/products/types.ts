// Source-neutral shapes of one Shopify product. The products/* webhooks (REST JSON, snake_case)
// and the backfill (GraphQL, camelCase, GIDs) both map into these, and one upsert
// (./upsert.server.ts) writes them, so the two paths merge into the same rows.

export interface ProductVariantInput {
  shopifyVariantId: bigint;
  title: string;
  sku: string | null;
  /** Decimal text as Shopify sends it ("19.99"). */
  price: string;
  compareAtPrice: string | null;
  /** In stock, or sellable when out of stock (see ./availability.ts). */
  available: boolean;
  inventoryQuantity: number | null;
  imageUrl: string | null;
}

export interface ProductInput {
  shopifyProductId: bigint;
  title: string;
  handle: string;
  /** onlineStoreUrl, or https://<shop domain>/products/<handle>. */
  url: string;
  imageUrl: string | null;
  /** ACTIVE, DRAFT or ARCHIVED (upper case, as GraphQL spells it). */
  status: string;
  productType: string | null;
  vendor: string | null;
  tags: string[];
  /** Collection GIDs; null when the payload says nothing about collections (webhooks): the stored ones stay. */
  collectionIds: string[] | null;
  variants: ProductVariantInput[];
  /**
   * False when the payload may list only some of the product's variants (a GraphQL page whose
   * variants connection has more): variants missing from it are then kept, not deleted.
   */
  variantsComplete: boolean;
  /** The newest of the product's and its variants' updated_at: the payload's version. */
  updatedAt: Date;
}
