// Creating a recipient's discount code in the shop through the Admin API (scope write_discounts):
// discountCodeBasicCreate, a percentage off everything, usable once, by that one customer only;
// when Shopify answers that the code is taken (our own earlier attempt whose answer we never
// recorded), codeDiscountNodeByCode finds it. Failures throw: the flow step's job retries, and no
// message goes out without a code Shopify confirmed.
import type { ShopAdminClient } from "../shopify/admin-client.server";
import { AdminUserError } from "../shopify/graphql/errors";

export const DISCOUNT_CODE_BASIC_CREATE = `#graphql
mutation DiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { id }
    userErrors { field message code }
  }
}`;

export const CODE_DISCOUNT_NODE_BY_CODE = `#graphql
query CodeDiscountNodeByCode($code: String!) {
  codeDiscountNodeByCode(code: $code) { id }
}`;

export interface RecipientDiscount {
  code: string;
  title: string;
  /** Whole percent, 1–100. */
  percent: number;
  startsAt: Date;
  endsAt: Date;
  shopifyCustomerId: bigint;
}

interface DiscountUserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

interface CreatePayload {
  discountCodeBasicCreate: { codeDiscountNode: { id: string } | null; userErrors: DiscountUserError[] } | null;
}

export function customerGid(shopifyCustomerId: bigint): string {
  return `gid://shopify/Customer/${shopifyCustomerId}`;
}

/** The mutation's variables: what the tests assert the Admin API received. */
export function basicCodeDiscountInput(discount: RecipientDiscount) {
  return {
    basicCodeDiscount: {
      title: discount.title,
      code: discount.code,
      startsAt: discount.startsAt.toISOString(),
      endsAt: discount.endsAt.toISOString(),
      // The code is this recipient's alone: other customers are refused at checkout.
      customerSelection: { customers: { add: [customerGid(discount.shopifyCustomerId)] } },
      customerGets: { value: { percentage: discount.percent / 100 }, items: { all: true } },
      usageLimit: 1,
      appliesOncePerCustomer: true,
    },
  };
}

const isTaken = (e: DiscountUserError) =>
  e.code === "TAKEN" || ((e.field ?? []).includes("code") && /taken|unique/i.test(e.message));

/** Creates the code (or finds our earlier one); returns Shopify's DiscountCodeNode id. */
export async function createRecipientDiscount(client: ShopAdminClient, discount: RecipientDiscount): Promise<string> {
  const data = await client.query<CreatePayload>(DISCOUNT_CODE_BASIC_CREATE, basicCodeDiscountInput(discount));
  const payload = data.discountCodeBasicCreate;
  if (payload?.codeDiscountNode?.id && payload.userErrors.length === 0) return payload.codeDiscountNode.id;
  const errors = payload?.userErrors ?? [];
  if (errors.length > 0 && errors.every(isTaken)) {
    const existing = await client.query<{ codeDiscountNodeByCode: { id: string } | null }>(CODE_DISCOUNT_NODE_BY_CODE, {
      code: discount.code,
    });
    if (existing.codeDiscountNodeByCode?.id) return existing.codeDiscountNodeByCode.id;
    throw new AdminUserError(`discountCodeBasicCreate: code ${discount.code} is taken, but no discount has it`, {
      operationName: "CodeDiscountNodeByCode",
    });
  }
  const detail = errors.map((e) => `${e.code ?? "ERROR"} ${(e.field ?? []).join(".")}: ${e.message}`).join("; ");
  throw new AdminUserError(`discountCodeBasicCreate refused ${discount.code}: ${detail || "no discount returned"}`, {
    operationName: "DiscountCodeBasicCreate",
  });
}
