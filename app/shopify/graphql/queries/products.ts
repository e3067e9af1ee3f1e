// The catalogue's queries (app/products/). Named operations: the stand-in recognises them by name.

/** 10 products × (1 + 50 variants + 25 collections) keeps a page's requested cost under 800 points. */
export const PRODUCTS_PAGE_SIZE = { products: 10, variants: 50, collections: 25, moreVariants: 250 } as const;

const PRODUCT_FIELDS = `
  id title handle status onlineStoreUrl productType vendor tags updatedAt
  featuredImage { url }`;

const VARIANT_FIELDS = `
  id title sku price compareAtPrice availableForSale inventoryQuantity updatedAt
  image { url }`;

export const PRODUCTS_PAGE_QUERY = `query BackfillProducts($first: Int!, $after: String) {
  products(first: $first, after: $after, sortKey: ID) {
    nodes {
      ${PRODUCT_FIELDS}
      collections(first: ${PRODUCTS_PAGE_SIZE.collections}) { nodes { id } }
      variants(first: ${PRODUCTS_PAGE_SIZE.variants}) {
        nodes { ${VARIANT_FIELDS} }
        pageInfo { hasNextPage endCursor }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The rest of a product's variants, after the first page the products query brought. */
export const PRODUCT_VARIANTS_QUERY = `query BackfillProductVariants($id: ID!, $first: Int!, $after: String) {
  product(id: $id) {
    variants(first: $first, after: $after) {
      nodes { ${VARIANT_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** In the bulk result a product's variants and collections are child lines (told apart by their GID). */
export function bulkProductsQuery(): string {
  return `{ products { edges { node {
    ${PRODUCT_FIELDS}
    collections { edges { node { id } } }
    variants { edges { node { ${VARIANT_FIELDS} } } }
  } } } }`;
}
