// Phase "products": the whole catalogue (every status; deleted products are not listed), each
// product written through the same upsert as the products/* webhooks; stored products Shopify no
// longer lists are then marked deleted (their products/delete was missed).
import { db } from "../../db/client.server";
import { mapProduct, type GqlProduct, type GqlProductVariant } from "../../products/map-graphql";
import { ingestProduct, markUnlistedProductsDeleted } from "../../products/upsert.server";
import {
  bulkProductsQuery,
  PRODUCT_VARIANTS_QUERY,
  PRODUCTS_PAGE_QUERY,
  PRODUCTS_PAGE_SIZE,
} from "../graphql/queries/products";
import type { GqlConnection } from "../graphql/types";
import { BULK_PROGRESS_EVERY, type BackfillContext } from "./backfill-context";
import type { BulkParent } from "./bulk-jsonl";
import { runBulkQuery } from "./bulk-operation.server";
import { pages } from "./paginate";

/** In bulk output a product's variants and collections are its child lines, in any mix. */
export function productFromBulk({ node, children }: BulkParent): GqlProduct {
  const isA = (type: string) => (line: { id?: string }) => line.id?.startsWith(`gid://shopify/${type}/`) ?? false;
  return {
    ...(node as unknown as GqlProduct),
    variants: { nodes: children.filter(isA("ProductVariant")) as unknown as GqlProductVariant[] },
    collections: { nodes: children.filter(isA("Collection")).map((c) => ({ id: c.id! })) },
  };
}

type VariantsPage = { product: { variants: GqlConnection<GqlProductVariant> } | null };

/**
 * A product with more variants than the page holds (Shopify allows 2,048) gets the rest from its
 * own connection, so the upsert sees the whole list and may delete the variants that are gone.
 */
async function withAllVariants(ctx: BackfillContext, product: GqlProduct): Promise<GqlProduct> {
  const nodes = [...product.variants.nodes];
  let pageInfo = product.variants.pageInfo;
  while (pageInfo?.hasNextPage && pageInfo.endCursor) {
    const data: VariantsPage = await ctx.client.query<VariantsPage>(PRODUCT_VARIANTS_QUERY, {
      id: product.id,
      first: PRODUCTS_PAGE_SIZE.moreVariants,
      after: pageInfo.endCursor,
    });
    // Deleted between the two queries: keep what the first page said; its webhook will follow.
    if (!data.product) break;
    nodes.push(...data.product.variants.nodes);
    pageInfo = data.product.variants.pageInfo;
  }
  return { ...product, variants: { nodes, pageInfo } };
}

export async function importProducts(ctx: BackfillContext): Promise<number> {
  // The URL of a product that is not on the online store falls back to the shop's own domain.
  const { domain } = await db().shop.findUniqueOrThrow({ where: { id: ctx.shopId }, select: { domain: true } });
  const listingStartedAt = new Date();
  const listed = new Set<string>();
  let imported = 0;
  const save = async (product: GqlProduct) => {
    const input = mapProduct(product, domain);
    await ingestProduct(ctx.shopId, input);
    listed.add(input.shopifyProductId.toString());
    imported += 1;
  };
  if (ctx.mode === "BULK") {
    for await (const parent of runBulkQuery(ctx.client, bulkProductsQuery(), { onPoll: () => ctx.progress() })) {
      await save(productFromBulk(parent));
      if (imported % BULK_PROGRESS_EVERY === 0) await ctx.progress({ productsImported: imported });
    }
  } else {
    const productPages = pages<{ products: GqlConnection<GqlProduct> }, GqlProduct>(
      ctx.client,
      PRODUCTS_PAGE_QUERY,
      { first: PRODUCTS_PAGE_SIZE.products },
      (data) => data.products,
    );
    for await (const page of productPages) {
      for (const product of page) await save(await withAllVariants(ctx, product));
      await ctx.progress({ productsImported: imported });
    }
  }
  await ctx.progress({ productsImported: imported });
  // Reached only when the whole catalogue was listed: a failed page throws before this.
  await markUnlistedProductsDeleted(ctx.shopId, listed, listingStartedAt);
  return imported;
}
