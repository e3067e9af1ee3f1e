// Shared set-up for the lifecycle flow tests (welcome series, win-back): customers and consent rows
// built directly, the runs a sweep created, and a moment when quiet hours let a step through.
import { db } from "../../app/db/client.server";
import type { Channel, Prisma } from "../../app/generated/prisma/client";
import { wallClockAt } from "../../app/flows/quiet-hours";
import { recipientZone } from "../../app/flow-runs/step-facts.server";

export const DAY_MS = 86_400_000;
export const daysAgo = (days: number, from = new Date()) => new Date(from.getTime() - days * DAY_MS);

let seq = 0;
/** A unique phone and email for each customer (CustomerIdentity values are unique per shop). */
export function contact(): { phone: string; email: string } {
  seq++;
  return { phone: `+3361234${String(seq).padStart(4, "0")}`, email: `lifecycle-${seq}-${Date.now()}@example.com` };
}

export async function newCustomer(
  shopId: string,
  over: Partial<Prisma.CustomerUncheckedCreateInput> & { whatsapp?: string } = {},
) {
  const { whatsapp, ...data } = over;
  const defaults = contact();
  const customer = await db().customer.create({
    data: { shopId, firstName: "Ada", locale: "en", phone: defaults.phone, email: defaults.email, ...data },
  });
  if (whatsapp) {
    await db().customerIdentity.create({
      data: { shopId, customerId: customer.id, kind: "WHATSAPP", value: whatsapp },
    });
  }
  return customer;
}

export async function grant(
  shopId: string,
  customerId: string,
  channel: Channel,
  occurredAt: Date,
  over: { state?: "GRANTED" | "REVOKED"; purpose?: "MARKETING" | "TRANSACTIONAL" } = {},
) {
  return db().consent.create({
    data: {
      shopId,
      customerId,
      channel,
      purpose: over.purpose ?? "MARKETING",
      state: over.state ?? "GRANTED",
      source: "SHOPIFY_CUSTOMER",
      occurredAt,
    },
  });
}

let orderSeq = 0;
export async function placeOrder(
  shopId: string,
  customerId: string,
  at: Date,
  over: Partial<Prisma.OrderUncheckedCreateInput> = {},
) {
  orderSeq++;
  return db().order.create({
    data: {
      shopId,
      customerId,
      shopifyOrderId: BigInt(9_100_000_000 + orderSeq * 7 + Math.floor(Math.random() * 7)),
      name: `#${5000 + orderSeq}`,
      processedAt: at,
      ...over,
    },
  });
}

export async function runsOf(flowId: string, customerId: string) {
  return db().flowRun.findMany({
    where: { flowId, customerId },
    include: { steps: { orderBy: { position: "asc" } } },
    orderBy: { startedAt: "asc" },
  });
}

/** The first whole hour from `after` at which it is 12:00 in the customer's zone: quiet hours never bite. */
export async function middayFor(shopId: string, customerId: string, after = new Date()): Promise<Date> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
  const customer = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
  const zone = await recipientZone({
    shopId,
    customer,
    shopTimezone: shop.ianaTimezone,
    context: {},
    phone: customer.phone,
  });
  const start = new Date(Math.ceil(after.getTime() / 3600_000) * 3600_000);
  for (let h = 0; h < 48; h++) {
    const at = new Date(start.getTime() + h * 3600_000 + 15 * 60_000);
    if (wallClockAt(at, zone).hour === 12) return at;
  }
  throw new Error(`no midday in ${zone}`);
}
