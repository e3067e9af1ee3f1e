import type { Page, PageFacts, PageType } from "./types";

const TYPES: Record<string, PageType> = {
  index: "home",
  product: "product",
  collection: "collection",
  cart: "cart",
  search: "search",
};

/**
 * Trimmed, markup-free and cut to the server's limits: some shops' money formats wrap the amount
 * in markup (<span class=money>$19.99</span>), and an over-long product title must not make the
 * server reject the shopper's message.
 */
function clean(value: string | number | undefined, max: number): string | undefined {
  return (
    String(value ?? "")
      .replace(/<[^>]*>/g, "")
      .trim()
      .slice(0, max) || undefined
  );
}

/** The page the shopper is on, as staff will see it beside the conversation; null off http(s). */
export function pageContext(facts: PageFacts, url: string, title: string): Page | null {
  if (!/^https?:\/\//i.test(url)) return null;
  const type = TYPES[(facts.template ?? "").split(".")[0] ?? ""] ?? "other";
  const page: Page = { url: url.slice(0, 2000), type };
  const pageTitle = clean(title, 300);
  if (pageTitle) page.title = pageTitle;
  const productTitle = clean(facts.product?.title, 300);
  if (type === "product" && productTitle) {
    page.product = { title: productTitle, price: clean(facts.product?.price, 40) };
    const id = clean(facts.product?.id, 40);
    if (id) page.product.id = id;
  }
  const collectionTitle = clean(facts.collection?.title, 300);
  if (type === "collection" && collectionTitle) page.collection = { title: collectionTitle };
  const itemCount = Math.min(100_000, Math.max(0, Math.floor(Number(facts.cart?.itemCount) || 0)));
  if (facts.cart && (type === "cart" || itemCount > 0)) {
    page.cart = { itemCount, total: clean(facts.cart.total, 40) };
  }
  return page;
}
