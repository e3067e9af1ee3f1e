// The demo storefront sells the fake Shopify shop's own catalogue, so a product a shopper looks at
// is the same product their orders in the admin name.
import { CATALOGUE } from "../../../tests/fakes/shopify-admin/catalogue";

export interface StoreProduct {
  id: number;
  handle: string;
  title: string;
  /** In cents, as Liquid's product.price. */
  price: number;
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export const STORE_PRODUCTS: StoreProduct[] = CATALOGUE.map((p) => ({
  id: p.productId,
  handle: slug(p.title),
  title: p.title,
  price: Math.round(Number(p.price) * 100),
}));

export function productByHandle(handle: string): StoreProduct | undefined {
  return STORE_PRODUCTS.find((p) => p.handle === handle);
}

export function productById(id: number): StoreProduct | undefined {
  return STORE_PRODUCTS.find((p) => p.id === id);
}
