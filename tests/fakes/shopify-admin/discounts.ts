// Code discounts on the stand-in's shop, as the 2026-10 Admin API answers for them:
// discountCodeBasicCreate(basicCodeDiscount:) answers `codeDiscountNode { id }` and
// `userErrors { field message code }` (a code already in use: TAKEN on ["basicCodeDiscount", "code"];
// codes are unique per shop, case-insensitively); codeDiscountNodeByCode(code:) answers the node or
// null. discountsOf() lets tests read what the app created; the server's captured requests
// (requestsFor("DiscountCodeBasicCreate")) hold the exact variables received.
import type { FakeShopDataset } from "./dataset";
import type { OperationAnswer, OperationContext } from "./operations";

export interface FakeCodeDiscount {
  id: string;
  code: string;
  /** The basicCodeDiscount input as received. */
  input: Record<string, unknown>;
}

const discounts = new WeakMap<FakeShopDataset, FakeCodeDiscount[]>();
let nextId = 1;

/** The code discounts created on this dataset's shop, in order. */
export function discountsOf(dataset: FakeShopDataset): FakeCodeDiscount[] {
  let list = discounts.get(dataset);
  if (!list) discounts.set(dataset, (list = []));
  return list;
}

interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}

const refuse = (errors: UserError[]): OperationAnswer => ({
  data: { discountCodeBasicCreate: { codeDiscountNode: null, userErrors: errors } },
});

/** What Shopify checks before creating (a subset: the fields a basic code discount needs). */
function problems(input: Record<string, unknown>): UserError[] {
  const errors: UserError[] = [];
  const at = (field: string) => ["basicCodeDiscount", field];
  const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";
  if (blank(input.title)) errors.push({ field: at("title"), message: "Title can't be blank", code: "BLANK" });
  if (blank(input.code)) errors.push({ field: at("code"), message: "Code can't be blank", code: "BLANK" });
  if (blank(input.startsAt)) errors.push({ field: at("startsAt"), message: "Starts at can't be blank", code: "BLANK" });
  if (typeof input.endsAt === "string" && typeof input.startsAt === "string" && input.endsAt <= input.startsAt)
    errors.push({ field: at("endsAt"), message: "Ends at needs to be after starts_at", code: "INVALID" });
  if (!input.customerSelection && !input.context)
    errors.push({ field: at("context"), message: "Context can't be blank", code: "BLANK" });
  const gets = input.customerGets as { value?: { percentage?: unknown }; items?: unknown } | undefined;
  const percentage = gets?.value?.percentage;
  if (!gets?.items || !gets.value)
    errors.push({ field: at("customerGets"), message: "Customer gets can't be blank", code: "BLANK" });
  else if (percentage !== undefined && (typeof percentage !== "number" || percentage <= 0 || percentage > 1))
    errors.push({
      field: [...at("customerGets"), "value", "percentage"],
      message: "Value must be between 0.0 and 1.0",
      code: "VALUE_OUTSIDE_RANGE",
    });
  if (input.usageLimit !== undefined && input.usageLimit !== null && !(Number(input.usageLimit) >= 1))
    errors.push({ field: at("usageLimit"), message: "Usage limit must be greater than 0", code: "GREATER_THAN" });
  return errors;
}

export const DISCOUNT_OPERATIONS: Record<string, (ctx: OperationContext) => OperationAnswer> = {
  DiscountCodeBasicCreate: ({ dataset, variables }) => {
    const input = (variables.basicCodeDiscount ?? {}) as Record<string, unknown>;
    const errors = problems(input);
    if (errors.length) return refuse(errors);
    const code = String(input.code);
    const list = discountsOf(dataset);
    if (list.some((d) => d.code.toLowerCase() === code.toLowerCase()))
      return refuse([
        {
          field: ["basicCodeDiscount", "code"],
          message: "Code must be unique. Please try a different code.",
          code: "TAKEN",
        },
      ]);
    const discount = { id: `gid://shopify/DiscountCodeNode/${nextId++}`, code, input };
    list.push(discount);
    return { data: { discountCodeBasicCreate: { codeDiscountNode: { id: discount.id }, userErrors: [] } } };
  },
  CodeDiscountNodeByCode: ({ dataset, variables }) => {
    const code = String(variables.code ?? "").toLowerCase();
    const found = discountsOf(dataset).find((d) => d.code.toLowerCase() === code);
    return { data: { codeDiscountNodeByCode: found ? { id: found.id } : null } };
  },
};
