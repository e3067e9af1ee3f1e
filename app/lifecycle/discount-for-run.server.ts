// A location-promotion run's own discount code (docs/decisions/0061). The FlowRunDiscount row is
// written first, with the code derived from the run id; then Shopify creates the code; then the
// row records Shopify's id. A crash anywhere in between repeats the same steps with the same code:
// Shopify either creates it now, or answers "taken" and we look up the one our earlier attempt
// made. Only a row with shopifyDiscountId is ever put in a message.
import { isUniqueViolation } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import { adminClientForShop } from "../shopify/admin-client.server";
import { shopUrl, type TemplateDiscount } from "../templates/context.server";
import { createRecipientDiscount } from "./discount-admin.server";
import { discountCodeFor } from "./discount-code";
import type { ExtrasOutcome } from "./lifecycle-flow";

const DAY_MS = 24 * 3600_000;

export interface RunDiscountInput {
  runId: string;
  shopId: string;
  customerId: string;
  /** The run's promotion ("default" when unnamed): the code's prefix and the discount's title. */
  promotion: string;
  percent: number;
  validDays: number;
}

type DiscountRow = NonNullable<Awaited<ReturnType<typeof readRow>>>;

function readRow(runId: string) {
  return db().flowRunDiscount.findUnique({ where: { runId } });
}

/** The run's row, written once: later settings changes do not change a code already promised. */
async function rowFor(input: RunDiscountInput, now: Date): Promise<DiscountRow> {
  const existing = await readRow(input.runId);
  if (existing) return existing;
  const name = input.promotion === "default" ? "" : input.promotion;
  try {
    return await db().flowRunDiscount.create({
      data: {
        shopId: input.shopId,
        runId: input.runId,
        customerId: input.customerId,
        code: discountCodeFor(input.runId, name),
        percent: input.percent,
        endsAt: new Date(now.getTime() + input.validDays * DAY_MS),
        createdAt: now,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return (await readRow(input.runId))!; // a concurrent attempt of the same step wrote it first
  }
}

export function discountTitle(promotion: string, code: string): string {
  return `${promotion === "default" ? "Location promotion" : promotion} (${code})`;
}

/** The run's confirmed code as Liquid's `discount`, creating it in Shopify when needed. */
export async function runDiscount(input: RunDiscountInput, now: Date): Promise<ExtrasOutcome> {
  const [customer, shop] = await Promise.all([
    db().customer.findFirst({
      where: { id: input.customerId, shopId: input.shopId },
      select: { shopifyCustomerId: true },
    }),
    db().shop.findUniqueOrThrow({ where: { id: input.shopId }, select: { domain: true } }),
  ]);
  if (!customer?.shopifyCustomerId) {
    return { skip: "The customer is not a Shopify customer: no discount code can be limited to them." };
  }
  const row = await rowFor(input, now);
  if (row.endsAt.getTime() <= now.getTime()) {
    return { skip: `The customer's discount code ${row.code} expired on ${row.endsAt.toISOString()}.` };
  }
  if (!row.shopifyDiscountId) {
    const client = await adminClientForShop(shop.domain);
    const shopifyDiscountId = await createRecipientDiscount(client, {
      code: row.code,
      title: discountTitle(input.promotion, row.code),
      percent: row.percent,
      startsAt: row.createdAt,
      endsAt: row.endsAt,
      shopifyCustomerId: customer.shopifyCustomerId,
    });
    await db().flowRunDiscount.updateMany({
      where: { id: row.id, shopifyDiscountId: null },
      data: { shopifyDiscountId },
    });
  }
  const discount: TemplateDiscount = {
    code: row.code,
    percent: row.percent,
    ends_at: row.endsAt.toISOString(),
    url: `${shopUrl(shop.domain)}/discount/${encodeURIComponent(row.code)}`,
  };
  return { extras: { discount } };
}
