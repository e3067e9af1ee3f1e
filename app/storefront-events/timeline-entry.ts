// How a storefront event reads on the customer's timeline (pure). Product and collection titles are
// the storefront's text: they are stored and shown as plain text, never as HTML.
import type { TimelineEventType } from "../generated/prisma/client";

export interface StoredPixelEvent {
  eventId: string;
  kind: string;
  title: string | null;
  url: string | null;
  price: string | null;
  shopifyProductId: bigint | null;
  shopifyVariantId: bigint | null;
  collectionId: string | null;
}

const TYPE: Record<string, TimelineEventType> = {
  product_viewed: "PRODUCT_VIEWED",
  collection_viewed: "COLLECTION_VIEWED",
  product_added_to_cart: "ADDED_TO_CART",
};

/** checkout_completed has no entry of its own: the order's webhook already puts ORDER_PLACED there. */
export function timelineTypeOf(kind: string): TimelineEventType | null {
  return TYPE[kind] ?? null;
}

export function timelineDedupeKey(eventId: string): string {
  return `pixel:${eventId}`;
}

export function timelineTitle(event: Pick<StoredPixelEvent, "kind" | "title">): string {
  const name = event.title?.trim() || (event.kind === "collection_viewed" ? "a collection" : "a product");
  if (event.kind === "collection_viewed") return `Viewed collection ${name}`;
  if (event.kind === "product_added_to_cart") return `Added ${name} to cart`;
  return `Viewed ${name}`;
}

/**
 * data: what the thread and the flows read back; only stored columns, so an event tied later
 * (backfilled) reads exactly like one tied at once. Ids as strings: JSON has no 64-bit integers.
 */
export function timelineData(event: StoredPixelEvent) {
  const common = { source: "web_pixel", eventId: event.eventId, url: event.url };
  if (event.kind === "collection_viewed")
    return { ...common, collection: { id: event.collectionId, title: event.title } };
  return {
    ...common,
    product: {
      id: event.shopifyProductId?.toString() ?? null,
      variantId: event.shopifyVariantId?.toString() ?? null,
      title: event.title,
      price: event.price,
    },
  };
}
