// Read queries behind the Customers pages. Every query is scoped to one shop;
// an id that belongs to another shop (or to nothing) answers 404.
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import { listCustomerFlowSteps } from "./flow-steps.server";
import { decodeCursor, keysetPage, notFound, type PageDirection, type PageInfo } from "./cursor.server";
import { customerLabel, type CustomerLabelFacts } from "../components/customer-label";
import { customerIdsByLabel, customerLabelOf, customerLabels, customerLabelSelect } from "./customer-labels.server";
import { lastActivityOf } from "./customer-activity.server";

export const CUSTOMERS_PAGE_SIZE = 25;
export const TIMELINE_PAGE_SIZE = 50;

/**
 * The customer's label from the fields at hand (customer-label.ts). Pages that show anonymous chat
 * visitors or Instagram/Messenger users load the rest through customer-labels.server.ts.
 */
export function customerDisplayName(c: CustomerLabelFacts): string {
  return customerLabel(c);
}

/** Each word of the query must match a name, the email or the phone. */
export function customerSearchWhere(q: string): Prisma.CustomerWhereInput | undefined {
  // A query that reads as a phone number ("07946 000 009", "+44 7946…") is matched on
  // its digits against the stored E.164 phone, ignoring a national leading 0.
  if (/^[+\d\s().-]+$/.test(q.trim())) {
    const digits = q.replace(/\D/g, "").replace(/^0+/, "");
    if (digits.length >= 6) return { phone: { contains: digits } };
  }
  const terms = q.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (terms.length === 0) return undefined;
  return {
    AND: terms.map((term) => {
      const or: Prisma.CustomerWhereInput[] = [
        { firstName: { contains: term, mode: "insensitive" } },
        { lastName: { contains: term, mode: "insensitive" } },
        { email: { contains: term, mode: "insensitive" } },
        { phone: { contains: term } },
      ];
      const digits = term.replace(/\D/g, "");
      if (digits.length >= 3 && digits !== term) or.push({ phone: { contains: digits } });
      return { OR: or };
    }),
  };
}

export interface CustomerListRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  ordersCount: number;
  totalSpent: string;
  /** Latest message, order, checkout or timeline event; null when there is none. */
  lastActivityAt: Date | null;
}

export async function listCustomers(opts: {
  shopId: string;
  q?: string;
  cursor?: string | null;
  direction?: PageDirection;
  pageSize?: number;
}): Promise<{ customers: CustomerListRow[]; pageInfo: PageInfo }> {
  const search = opts.q ? await customerSearchWithLabels(opts.shopId, opts.q) : undefined;
  const base: Prisma.CustomerWhereInput = { shopId: opts.shopId, mergedIntoId: null, ...(search ?? {}) };
  const { rows, pageInfo } = await keysetPage({
    field: "updatedAt",
    cursor: decodeCursor(opts.cursor),
    direction: opts.direction ?? "next",
    pageSize: opts.pageSize ?? CUSTOMERS_PAGE_SIZE,
    fetch: ({ where, orderBy, take }) =>
      db().customer.findMany({
        where: where ? { AND: [base, where as Prisma.CustomerWhereInput] } : base,
        orderBy: orderBy as Prisma.CustomerOrderByWithRelationInput[],
        take,
        select: {
          ...customerLabelSelect,
          ordersCount: true,
          totalSpent: true,
          updatedAt: true,
        },
      }),
  });
  const ids = rows.map((c) => c.id);
  const [labels, activity] = await Promise.all([customerLabels(opts.shopId, rows), lastActivityOf(opts.shopId, ids)]);
  return {
    customers: rows.map((c) => ({
      id: c.id,
      name: labels.get(c.id)!,
      email: c.redactedAt ? null : c.email,
      phone: c.redactedAt ? null : c.phone,
      ordersCount: c.ordersCount,
      totalSpent: c.totalSpent.toString(),
      lastActivityAt: activity.get(c.id) ?? null,
    })),
    pageInfo,
  };
}

/** The search by name, email or phone, or by the visible label of a customer without them. */
async function customerSearchWithLabels(shopId: string, q: string): Promise<Prisma.CustomerWhereInput | undefined> {
  const fields = customerSearchWhere(q);
  const byLabel = await customerIdsByLabel(shopId, q);
  if (byLabel.length === 0) return fields;
  return fields ? { OR: [fields, { id: { in: byLabel } }] } : { id: { in: byLabel } };
}

/** 404 unless the customer exists in this shop. */
export async function requireCustomer(shopId: string, customerId: string) {
  const customer = await db().customer.findFirst({ where: { id: customerId, shopId } });
  if (!customer) notFound();
  return customer;
}

export async function getCustomerDetail(shopId: string, customerId: string) {
  const customer = await requireCustomer(shopId, customerId);
  const [identities, consents, orders, openCheckouts, conversations, mergedInto] = await Promise.all([
    db().customerIdentity.findMany({
      where: { shopId, customerId },
      orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
      select: { id: true, kind: true, value: true, label: true },
    }),
    db().consent.findMany({
      where: { shopId, customerId },
      orderBy: [{ channel: "asc" }, { purpose: "asc" }],
      select: { id: true, channel: true, purpose: true, state: true, source: true, occurredAt: true },
    }),
    db().order.findMany({
      where: { shopId, customerId },
      orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      take: 50,
      select: {
        id: true,
        name: true,
        shopifyOrderId: true,
        currency: true,
        totalPrice: true,
        financialStatus: true,
        fulfillmentStatus: true,
        processedAt: true,
        cancelledAt: true,
        createdAt: true,
      },
    }),
    db().checkout.findMany({
      where: { shopId, customerId, completedAt: null, recoveredOrderId: null },
      orderBy: [{ shopifyUpdatedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      take: 20,
      select: {
        id: true,
        currency: true,
        totalPrice: true,
        abandonedCheckoutUrl: true,
        lineItems: true,
        shopifyCreatedAt: true,
        shopifyUpdatedAt: true,
        createdAt: true,
      },
    }),
    db().conversation.findMany({
      where: { shopId, customerId },
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      take: 10,
      select: { id: true, status: true, lastActivityAt: true, lastMessagePreview: true, unreadCount: true },
    }),
    customer.mergedIntoId
      ? db().customer.findFirst({
          where: { id: customer.mergedIntoId, shopId },
          select: customerLabelSelect,
        })
      : Promise.resolve(null),
  ]);
  const redacted = customer.redactedAt !== null;
  const [name, mergedIntoName, lastActivity] = await Promise.all([
    customerLabelOf(shopId, customer),
    mergedInto ? customerLabelOf(shopId, mergedInto) : Promise.resolve(null),
    lastActivityOf(shopId, [customer.id]),
  ]);
  return {
    customer: {
      id: customer.id,
      name,
      email: redacted ? null : customer.email,
      phone: redacted ? null : customer.phone,
      locale: customer.locale,
      countryCode: customer.countryCode,
      ordersCount: customer.ordersCount,
      totalSpent: customer.totalSpent.toString(),
      shopifyCustomerId: customer.shopifyCustomerId?.toString() ?? null,
      // Shopify's created_at; our first sighting for a customer Shopify does not know.
      customerSince: customer.shopifyCreatedAt ?? customer.createdAt,
      lastActivityAt: lastActivity.get(customer.id) ?? null,
      lastSeenAt: customer.lastSeenAt,
      redactedAt: customer.redactedAt,
    },
    mergedInto: mergedInto && mergedIntoName ? { id: mergedInto.id, name: mergedIntoName } : null,
    identities: redacted ? [] : identities,
    consents,
    orders: orders.map((o) => ({
      id: o.id,
      name: o.name ?? `#${o.shopifyOrderId.toString()}`,
      currency: o.currency,
      totalPrice: o.totalPrice.toString(),
      financialStatus: o.financialStatus,
      fulfillmentStatus: o.fulfillmentStatus,
      placedAt: o.processedAt ?? o.createdAt,
      cancelledAt: o.cancelledAt,
    })),
    openCheckouts: openCheckouts.map((c) => ({
      id: c.id,
      currency: c.currency,
      totalPrice: c.totalPrice.toString(),
      abandonedCheckoutUrl: c.abandonedCheckoutUrl,
      itemCount: Array.isArray(c.lineItems) ? c.lineItems.length : 0,
      startedAt: c.shopifyCreatedAt ?? c.createdAt,
      updatedAt: c.shopifyUpdatedAt ?? c.createdAt,
    })),
    conversations,
  };
}

export async function listCustomerTimeline(opts: {
  shopId: string;
  customerId: string;
  cursor?: string | null;
  direction?: PageDirection;
  pageSize?: number;
}) {
  await requireCustomer(opts.shopId, opts.customerId);
  const base: Prisma.TimelineEventWhereInput = { shopId: opts.shopId, customerId: opts.customerId };
  const { rows, pageInfo } = await keysetPage({
    field: "occurredAt",
    cursor: decodeCursor(opts.cursor),
    direction: opts.direction ?? "next",
    pageSize: opts.pageSize ?? TIMELINE_PAGE_SIZE,
    fetch: ({ where, orderBy, take }) =>
      db().timelineEvent.findMany({
        where: where ? { AND: [base, where as Prisma.TimelineEventWhereInput] } : base,
        orderBy: orderBy as Prisma.TimelineEventOrderByWithRelationInput[],
        take,
        select: {
          id: true,
          type: true,
          title: true,
          occurredAt: true,
          message: {
            select: {
              id: true,
              conversationId: true,
              channel: true,
              direction: true,
              author: true,
              authorName: true,
              internal: true,
              automatic: true,
              subject: true,
              body: true,
              deliveryStatus: true,
              errorMessage: true,
            },
          },
        },
      }),
  });
  // Flow steps ride along: the waiting ones at the top, the ones not sent among this page's events.
  const newest = rows[0]?.occurredAt ?? null;
  const oldest = rows[rows.length - 1]?.occurredAt ?? null;
  const flowSteps = await listCustomerFlowSteps({
    shopId: opts.shopId,
    customerId: opts.customerId,
    after: pageInfo.hasNextPage ? oldest : null,
    until: pageInfo.hasPreviousPage ? newest : null,
  });
  return { events: rows, pageInfo, upcoming: flowSteps.upcoming, notSent: flowSteps.notSent };
}

/** The order a "Refresh from Shopify" asks about, 404 unless it is this shop's and this customer's. */
export async function requireCustomerOrder(shopId: string, customerId: string, orderId: string) {
  const order = await db().order.findFirst({
    where: { id: orderId, shopId, customerId },
    select: { id: true, name: true, shopifyOrderId: true },
  });
  if (!order) notFound();
  return order;
}
