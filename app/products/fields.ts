// Pieces both mappers share. The URL is where a shopper sees the product: Shopify's
// onlineStoreUrl when it gives one (published products), else the product page on the shop's domain.

export function productUrl(shopDomain: string, handle: string, onlineStoreUrl?: string | null): string {
  if (onlineStoreUrl) return onlineStoreUrl;
  return `https://${shopDomain}/products/${encodeURIComponent(handle)}`;
}

/** "summer, Sale ,," → ["summer", "Sale"]: REST sends tags as one comma-separated string. */
export function splitTags(tags: string | string[] | null | undefined): string[] {
  const list = Array.isArray(tags) ? tags : (tags ?? "").split(",");
  return list.map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

/** Shopify sends "" for an unset product type or vendor; the row keeps null. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** The newest of several timestamps (the product's and its variants' updated_at). */
export function newestOf(dates: (Date | null | undefined)[], fallback: Date): Date {
  const times = dates.filter((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()));
  if (!times.length) return fallback;
  return new Date(Math.max(...times.map((d) => d.getTime())));
}
