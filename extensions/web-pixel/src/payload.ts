// What the pixel sends to POST <appUrl>/pixel/events (the contract is in the README's Storefront
// behaviour section; app/storefront-events/batch.ts validates it on the way in). Shopify's events
// are large; only the few fields Threadline uses travel, so a batch stays far below keepalive's
// 64 KB and nothing else about the visitor leaves the sandbox.
import type {
  PixelEventsCheckoutCompleted,
  PixelEventsCollectionViewed,
  PixelEventsProductAddedToCart,
  PixelEventsProductViewed,
  ProductVariant,
} from "@shopify/web-pixels-extension";

export const SUBSCRIBED_EVENTS = [
  "product_viewed",
  "collection_viewed",
  "product_added_to_cart",
  "checkout_completed",
] as const;

export type SubscribedEventName = (typeof SUBSCRIBED_EVENTS)[number];

export type SubscribedEvent =
  PixelEventsProductViewed | PixelEventsCollectionViewed | PixelEventsProductAddedToCart | PixelEventsCheckoutCompleted;

export interface PixelProduct {
  id: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  price: number | null;
  currency: string | null;
  imageUrl: string | null;
  url: string | null;
  quantity?: number;
}

export interface PixelEvent {
  id: string;
  name: SubscribedEventName;
  timestamp: string;
  url: string | null;
  product?: PixelProduct;
  collection?: { id: string; title: string };
  checkout?: { orderId: string | null; customerId: string | null; email: string | null; phone: string | null };
}

export interface PixelBatch {
  v: 1;
  shop: string;
  key: string;
  clientId: string;
  /** Only ever true: a batch is built only while the visitor allows analytics. */
  consent: { analytics: true };
  /** init.data.customer.id: the signed-in customer's Shopify id, when there is one. */
  customerId: string | null;
  events: PixelEvent[];
}

// The app refuses a batch whose fields break its limits, so they are kept within them here: ids
// only when they are Shopify ids (a virtual collection such as /collections/all has none), text
// cut to size, and a page address too long for the app cut back to its path.
const SHOPIFY_ID = /^(?:gid:\/\/shopify\/[A-Za-z]+\/)?\d{1,19}$/;
export const idOrNull = (id: string | null | undefined) => (id && SHOPIFY_ID.test(id) ? id : null);
const cut = (text: string | null | undefined, max: number) => (text == null ? null : text.slice(0, max));

function pageUrl(event: SubscribedEvent): string | null {
  const location = event.context?.document?.location;
  if (!location?.href) return null;
  if (location.href.length <= 2048) return location.href;
  return `${location.origin}${location.pathname}`.slice(0, 2048);
}

function productOf(variant: ProductVariant | null | undefined): PixelProduct | null {
  if (!variant?.product) return null;
  return {
    id: idOrNull(variant.product.id),
    variantId: idOrNull(variant.id),
    title: cut(variant.product.title, 500) ?? "",
    variantTitle: cut(variant.title, 500),
    price: typeof variant.price?.amount === "number" ? variant.price.amount : null,
    currency: variant.price?.currencyCode ?? null,
    imageUrl: cut(variant.image?.src, 2048),
    url: cut(variant.product.url, 2048),
  };
}

/** Shopify's event → what Threadline keeps of it; null when the event lacks what we need. */
export function toPixelEvent(event: SubscribedEvent): PixelEvent | null {
  const base = {
    id: event.id,
    name: event.name,
    timestamp: event.timestamp,
    url: pageUrl(event),
  };
  switch (event.name) {
    case "product_viewed": {
      const product = productOf(event.data?.productVariant);
      return product ? { ...base, product } : null;
    }
    case "product_added_to_cart": {
      const line = event.data?.cartLine;
      const product = productOf(line?.merchandise);
      return product && line ? { ...base, product: { ...product, quantity: line.quantity } } : null;
    }
    case "collection_viewed": {
      const collection = event.data?.collection;
      const id = idOrNull(collection?.id);
      return collection && id ? { ...base, collection: { id, title: cut(collection.title, 500) ?? "" } } : null;
    }
    case "checkout_completed": {
      const checkout = event.data?.checkout;
      if (!checkout) return null;
      return {
        ...base,
        checkout: {
          orderId: idOrNull(checkout.order?.id),
          customerId: idOrNull(checkout.order?.customer?.id),
          email: cut(checkout.email, 320),
          phone: cut(checkout.phone, 40),
        },
      };
    }
    default:
      return null;
  }
}
