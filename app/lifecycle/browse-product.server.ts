// `product` in a browse-abandonment message: the most recently viewed product that may still be
// offered (the catalogue's in-stock rule: ACTIVE, not deleted, an available variant), shown as a
// recommendation card is (title, url, image, lowest available price, product_id).
import type { TemplateProduct } from "../templates/context.server";
import { productsByShopifyIds } from "../products/catalogue.server";

export async function latestAvailableProduct(shopId: string, viewedIds: bigint[]): Promise<TemplateProduct | null> {
  // productsByShopifyIds keeps the order asked, so the first one found is the latest viewed.
  const [first] = await productsByShopifyIds(shopId, viewedIds);
  if (!first) return null;
  return {
    product_id: first.shopifyProductId.toString(),
    title: first.title,
    url: first.url,
    image: first.imageUrl,
    price: first.price,
  };
}

/** A stand-in for the editor's validation and preview. */
export function sampleBrowseProduct(shopUrl: string): TemplateProduct {
  return {
    product_id: "7002",
    title: "Merino crew sweater",
    url: `${shopUrl}/products/merino-crew-sweater`,
    image: null,
    price: "79.00",
  };
}
