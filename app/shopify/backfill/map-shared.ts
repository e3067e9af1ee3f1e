// Pieces every GraphQL → commerce mapper needs: money, addresses, line items, dates.
import type { AddressInput, LineItemInput } from "../../commerce/types";
import { gidToBigInt } from "../graphql/gid";
import type { GqlAddress, GqlLineItem } from "../graphql/types";

export function toDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

/** Variant and product ids as the REST payloads carry them (plain numbers), so both sources compare equal. */
export function numericIdOf(ref: { id: string } | null | undefined): string | null {
  return ref ? gidToBigInt(ref.id).toString() : null;
}

export function mapAddress(address: GqlAddress | null | undefined): AddressInput | null {
  if (!address) return null;
  return {
    countryCode: address.countryCodeV2 ?? null,
    province: address.province ?? null,
    provinceCode: address.provinceCode ?? null,
    latitude: address.latitude ?? null,
    longitude: address.longitude ?? null,
    city: address.city ?? null,
    zip: address.zip ?? null,
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    phone: address.phone ?? null,
  };
}

export function mapLineItem(item: GqlLineItem): LineItemInput {
  return {
    title: item.title,
    quantity: item.quantity,
    price: item.originalUnitPriceSet?.shopMoney.amount ?? "0.00",
    productId: numericIdOf(item.product),
    variantId: numericIdOf(item.variant),
    sku: item.sku ?? null,
    imageUrl: item.image?.url ?? null,
  };
}
