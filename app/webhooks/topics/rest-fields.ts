// zod pieces for Shopify's REST webhook payloads (snake_case), shared by the
// per-topic mappers. Unknown fields are ignored; absent ones become null.
import { z } from "zod";
import type { AddressInput, CustomerInput, LineItemInput } from "../../commerce/types";

export const restId = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
  .transform((value) => BigInt(value));

export const restDate = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "not a date")
  .transform((value) => new Date(value));

export const restMoney = z
  .union([z.string(), z.number()])
  .transform(String)
  .refine((value) => /^-?\d+(\.\d+)?$/.test(value), "not an amount");

const text = z.string().nullish();
/** Shopify's geocoded latitude/longitude: a number, or null when it could not place the address. */
const coordinate = z
  .union([z.number(), z.string()])
  .nullish()
  .catch(null)
  .transform((v) => {
    const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
    return Number.isFinite(n) ? n : null;
  });

export const restAddress = z
  .object({
    first_name: text,
    last_name: text,
    phone: text,
    city: text,
    zip: text,
    province: text,
    province_code: text,
    country_code: text,
    latitude: coordinate,
    longitude: coordinate,
  })
  .transform((a): AddressInput => ({
    firstName: a.first_name ?? null,
    lastName: a.last_name ?? null,
    phone: a.phone ?? null,
    city: a.city ?? null,
    zip: a.zip ?? null,
    province: a.province ?? null,
    provinceCode: a.province_code ?? null,
    countryCode: a.country_code ?? null,
    latitude: a.latitude,
    longitude: a.longitude,
  }));

export const restLineItem = z
  .object({
    title: z.string().nullish(),
    name: z.string().nullish(),
    quantity: z.number().int(),
    price: restMoney,
    product_id: restId.nullish(),
    variant_id: restId.nullish(),
    sku: text,
  })
  .transform((item): LineItemInput => ({
    title: item.title ?? item.name ?? "Item",
    quantity: item.quantity,
    price: item.price,
    productId: item.product_id?.toString() ?? null,
    variantId: item.variant_id?.toString() ?? null,
    sku: item.sku || null,
    imageUrl: null,
  }));

// Since API 2025-01 a customer payload (customers/*, and the customer inside orders and checkouts)
// carries no email_marketing_consent, sms_marketing_consent or tags; consent arrives on its own
// topics (./customer-consent.server.ts). Those fields are not read even when an old payload still
// has them: an undated snapshot there could outrank a newer opt-out.
export const restCustomer = z
  .object({
    id: restId,
    email: text,
    phone: text,
    first_name: text,
    last_name: text,
    locale: text,
    orders_count: z.number().int().nullish(),
    total_spent: restMoney.nullish(),
    default_address: restAddress.nullish(),
    created_at: restDate.nullish(),
    updated_at: restDate.nullish(),
  })
  .transform((c): CustomerInput => {
    return {
      shopifyCustomerId: c.id,
      email: c.email ?? null,
      phone: c.phone ?? null,
      firstName: c.first_name ?? null,
      lastName: c.last_name ?? null,
      locale: c.locale ?? null,
      ordersCount: c.orders_count ?? null,
      totalSpent: c.total_spent ?? null,
      defaultAddress: c.default_address ?? null,
      createdAt: c.created_at ?? null,
      // Without updated_at the payload counts as the oldest possible, so it never overwrites.
      updatedAt: c.updated_at ?? c.created_at ?? new Date(0),
    };
  });
