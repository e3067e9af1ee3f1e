// products/create and products/update (REST, API 2026-10) → ProductInput; products/delete → its id.
// Unknown fields are ignored. 64-bit ids arrive as exact digits (../webhooks/exact-json.ts).
import { z } from "zod";
import { restDate, restId, restMoney } from "../webhooks/topics/rest-fields";
import { restVariantAvailable } from "./availability";
import { blankToNull, newestOf, productUrl, splitTags } from "./fields";
import type { ProductInput, ProductVariantInput } from "./types";

const text = z.string().nullish();
/** compare_at_price is null or "" when the variant is not on sale. */
const optionalMoney = z.preprocess((value) => (value === "" ? null : value), restMoney.nullish());

const restImage = z.object({ id: restId.nullish(), src: z.string() });

const restVariant = z.object({
  id: restId,
  title: text,
  sku: text,
  price: restMoney,
  compare_at_price: optionalMoney,
  inventory_quantity: z.number().int().nullish(),
  inventory_management: text,
  inventory_policy: text,
  image_id: restId.nullish(),
  updated_at: restDate.nullish(),
});

const restProduct = z.object({
  id: restId,
  title: z.string(),
  handle: z.string(),
  status: text,
  product_type: text,
  vendor: text,
  tags: z.union([z.string(), z.array(z.string())]).nullish(),
  image: restImage.nullish(),
  images: z.array(restImage).nullish(),
  variants: z.array(restVariant).nullish(),
  created_at: restDate.nullish(),
  updated_at: restDate.nullish(),
});

export function productInputFromRest(payload: unknown, shopDomain: string): ProductInput {
  const p = restProduct.parse(payload);
  const images = p.images ?? [];
  const imageById = new Map(images.filter((i) => i.id != null).map((i) => [i.id!.toString(), i.src]));
  const variants = (p.variants ?? []).map((v): ProductVariantInput => ({
    shopifyVariantId: v.id,
    title: v.title || "Default Title",
    sku: v.sku || null,
    price: v.price,
    compareAtPrice: v.compare_at_price ?? null,
    available: restVariantAvailable({
      inventoryManagement: v.inventory_management,
      inventoryPolicy: v.inventory_policy,
      inventoryQuantity: v.inventory_quantity,
    }),
    inventoryQuantity: v.inventory_quantity ?? null,
    imageUrl: v.image_id != null ? (imageById.get(v.image_id.toString()) ?? null) : null,
  }));
  return {
    shopifyProductId: p.id,
    title: p.title,
    handle: p.handle,
    url: productUrl(shopDomain, p.handle),
    imageUrl: p.image?.src ?? images[0]?.src ?? null,
    status: (p.status || "active").toUpperCase(),
    productType: blankToNull(p.product_type),
    vendor: blankToNull(p.vendor),
    tags: splitTags(p.tags),
    // Webhook payloads carry no collections: the stored ones are kept.
    collectionIds: null,
    variants,
    variantsComplete: true,
    // Without any updated_at the payload counts as the oldest possible, so it never overwrites.
    updatedAt: newestOf([p.updated_at, ...(p.variants ?? []).map((v) => v.updated_at)], p.created_at ?? new Date(0)),
  };
}

const restDeletedProduct = z.object({ id: restId });

/** products/delete carries only the id. */
export function deletedProductIdFromRest(payload: unknown): bigint {
  return restDeletedProduct.parse(payload).id;
}
