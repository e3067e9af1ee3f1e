// Whether a variant can be bought now. GraphQL says it outright (availableForSale); a REST
// webhook payload only gives the inventory settings, so the same rule is derived from them:
// untracked inventory (inventory_management null), selling when out of stock (policy
// "continue"), or stock on hand.

export interface RestInventoryFields {
  inventoryManagement: string | null | undefined;
  inventoryPolicy: string | null | undefined;
  inventoryQuantity: number | null | undefined;
}

export function restVariantAvailable(v: RestInventoryFields): boolean {
  if (v.inventoryManagement == null || v.inventoryManagement === "") return true;
  if (v.inventoryPolicy?.toLowerCase() === "continue") return true;
  return (v.inventoryQuantity ?? 0) > 0;
}
