// The body of POST /pixel/events, as extensions/web-pixel/src/payload.ts builds it. Everything in
// it is the browser's word: the key only says which shop a batch is for, and ids are checked for
// shape, never trusted to name anything the shopper may read back.
import { z } from "zod";

/** At most this many events per request; the pixel sends at most 20. */
export const MAX_EVENTS_PER_REQUEST = 50;
/** Larger bodies answer 413 before they are buffered (keepalive requests cannot exceed 64 KB anyway). */
export const MAX_BODY_BYTES = 64 * 1024;

export const PIXEL_EVENT_NAMES = [
  "product_viewed",
  "collection_viewed",
  "product_added_to_cart",
  "checkout_completed",
] as const;
export type PixelEventName = (typeof PIXEL_EVENT_NAMES)[number];

/** Shopify ids arrive as digits ("7234") or GIDs ("gid://shopify/Product/7234"). */
const shopifyId = z
  .string()
  .max(100)
  .regex(/^(?:gid:\/\/shopify\/[A-Za-z]+\/)?\d{1,19}$/, "must be a Shopify id");
const text = (max: number) => z.string().max(max);
const url = z
  .string()
  .max(2048)
  .refine((v) => /^https?:\/\//i.test(v), "must be an http(s) URL");

const productSchema = z.object({
  id: shopifyId.nullable(),
  variantId: shopifyId.nullable().optional(),
  title: text(500),
  variantTitle: text(500).nullable().optional(),
  price: z.number().finite().min(0).max(1e10).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .nullable()
    .optional(),
  // Not stored; Shopify may give a protocol-relative "//cdn.shopify.com/…", so any text is fine.
  imageUrl: text(2048).nullable().optional(),
  url: text(2048).nullable().optional(),
  quantity: z.number().int().min(1).max(10_000).optional(),
});

const eventSchema = z.object({
  id: text(200).min(1),
  name: z.enum(PIXEL_EVENT_NAMES),
  timestamp: z.iso.datetime({ offset: true }),
  url: url.nullable().optional(),
  product: productSchema.optional(),
  collection: z.object({ id: shopifyId, title: text(500) }).optional(),
  checkout: z
    .object({
      orderId: shopifyId.nullable().optional(),
      customerId: shopifyId.nullable().optional(),
      email: text(320).nullable().optional(),
      phone: text(40).nullable().optional(),
    })
    .optional(),
});

export const pixelBatchSchema = z.object({
  v: z.literal(1),
  shop: z
    .string()
    .max(255)
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i, "must be a myshopify.com domain"),
  key: text(200).min(1),
  clientId: text(200).min(1),
  // Checked after the shop and key (a 422 says consent is missing; see admitPixelBatch).
  consent: z.object({ analytics: z.boolean() }).partial().optional(),
  customerId: shopifyId.nullable().optional(),
  events: z.array(eventSchema).min(1).max(MAX_EVENTS_PER_REQUEST),
});

export type PixelBatch = z.infer<typeof pixelBatchSchema>;
export type PixelBatchEvent = PixelBatch["events"][number];

/** "gid://shopify/Product/7234" or "7234" → 7234n. */
export function shopifyIdNumber(id: string | null | undefined): bigint | null {
  if (!id) return null;
  const digits = id.slice(id.lastIndexOf("/") + 1);
  return /^\d{1,19}$/.test(digits) ? BigInt(digits) : null;
}
