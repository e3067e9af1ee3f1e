// Everything that belongs to one Shopify customer, as a compliance request
// identifies them: customer id, email, phone and order ids.
//
// Customers are found by the Shopify id, then by address; an address only
// counts for customers that carry no other Shopify id, so another person who
// once used the same address is never swept up. The same rule bounds the merge
// closure: customers merged into a found customer (or that a found customer was
// merged into) belong to the same person unless they are another Shopify
// customer. Every identity of the found customers (all emails and phones, not
// only the ones in the request) then finds their guest orders and checkouts,
// and each order's checkout token finds the checkout it came from.
import { normaliseEmail, normalisePhone } from "../customers/addresses";
import type { Tx } from "../commerce/transaction.server";
import type { Prisma } from "../generated/prisma/client";

export interface ComplianceSubject {
  shopifyCustomerId?: bigint | null;
  email?: string | null;
  phone?: string | null;
  shopifyOrderIds?: bigint[];
}

export interface CustomerRecords {
  customerIds: string[];
  /** Shopify customer ids of the found customers (and of the request), as decimal strings. */
  shopifyCustomerIds: string[];
  orderIds: string[];
  /** Shopify order ids of the found orders and of the request, as decimal strings. */
  shopifyOrderIds: string[];
  checkoutIds: string[];
  checkoutTokens: string[];
  /** Shopify checkout ids of the found checkouts, as decimal strings. */
  shopifyCheckoutIds: string[];
  /** Every email of the request and of the found customers, case-folded (and as sent). */
  emails: string[];
  /** Every phone of the request and of the found customers, E.164 (and as sent). */
  phones: string[];
}

const MAX_MERGE_HOPS = 10;

const uniq = <T>(values: Array<T | null | undefined>): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined && v !== "")),
];

function addressesOf(subject: ComplianceSubject) {
  return {
    emails: uniq([normaliseEmail(subject.email), subject.email?.trim()]),
    phones: uniq([normalisePhone(subject.phone), subject.phone?.trim()]),
  };
}

/** Not another Shopify customer than the one asked about. */
function sameOrNoShopifyId(id: bigint | null): Prisma.CustomerWhereInput {
  return { OR: [{ shopifyCustomerId: null }, ...(id !== null ? [{ shopifyCustomerId: id }] : [])] };
}

async function findCustomers(tx: Tx, shopId: string, subject: ComplianceSubject): Promise<string[]> {
  const { emails, phones } = addressesOf(subject);
  const id = subject.shopifyCustomerId ?? null;
  const byAddress: Prisma.CustomerWhereInput[] = [
    ...(emails.length
      ? [{ email: { in: emails } }, { identities: { some: { kind: "EMAIL" as const, value: { in: emails } } } }]
      : []),
    ...(phones.length
      ? [
          { phone: { in: phones } },
          { identities: { some: { kind: { in: ["PHONE" as const, "WHATSAPP" as const] }, value: { in: phones } } } },
        ]
      : []),
  ];
  const filters: Prisma.CustomerWhereInput[] = [
    ...(id !== null
      ? [
          { shopifyCustomerId: id },
          { identities: { some: { kind: "SHOPIFY_CUSTOMER" as const, value: id.toString() } } },
        ]
      : []),
    ...(byAddress.length ? [{ AND: [{ OR: byAddress }, sameOrNoShopifyId(id)] }] : []),
    // Guest customers that the listed orders were filed under.
    ...(subject.shopifyOrderIds?.length
      ? [{ AND: [{ orders: { some: { shopifyOrderId: { in: subject.shopifyOrderIds } } } }, sameOrNoShopifyId(id)] }]
      : []),
  ];
  if (!filters.length) return [];
  const found = new Set(
    (await tx.customer.findMany({ where: { shopId, OR: filters }, select: { id: true } })).map((c) => c.id),
  );
  // Merges, both ways, until nothing new turns up.
  for (let hop = 0; hop < MAX_MERGE_HOPS && found.size; hop++) {
    const ids = [...found];
    const intoIds = (
      await tx.customer.findMany({
        where: { id: { in: ids }, mergedIntoId: { not: null } },
        select: { mergedIntoId: true },
      })
    ).map((c) => c.mergedIntoId!);
    const linked = await tx.customer.findMany({
      where: {
        shopId,
        id: { notIn: ids },
        AND: [sameOrNoShopifyId(id), { OR: [{ mergedIntoId: { in: ids } }, { id: { in: intoIds } }] }],
      },
      select: { id: true },
    });
    if (!linked.length) break;
    for (const c of linked) found.add(c.id);
  }
  return [...found];
}

export async function findCustomerRecords(
  tx: Tx,
  shopId: string,
  subject: ComplianceSubject,
): Promise<CustomerRecords> {
  const asked = addressesOf(subject);
  const customerIds = await findCustomers(tx, shopId, subject);

  const [customers, identities] = customerIds.length
    ? await Promise.all([
        tx.customer.findMany({
          where: { id: { in: customerIds } },
          select: { email: true, phone: true, shopifyCustomerId: true },
        }),
        tx.customerIdentity.findMany({
          where: { shopId, customerId: { in: customerIds } },
          select: { kind: true, value: true },
        }),
      ])
    : [[], []];
  const emails = uniq([
    ...asked.emails,
    ...customers.flatMap((c) => [c.email, normaliseEmail(c.email)]),
    ...identities.filter((i) => i.kind === "EMAIL").map((i) => i.value),
  ]);
  const phones = uniq([
    ...asked.phones,
    ...customers.flatMap((c) => [c.phone, normalisePhone(c.phone)]),
    ...identities.filter((i) => i.kind === "PHONE" || i.kind === "WHATSAPP").map((i) => i.value),
  ]);
  const shopifyCustomerIds = uniq([
    subject.shopifyCustomerId?.toString(),
    ...customers.map((c) => c.shopifyCustomerId?.toString()),
    ...identities.filter((i) => i.kind === "SHOPIFY_CUSTOMER").map((i) => i.value),
  ]);

  // Orders and checkouts under an address only when they are not filed under somebody else.
  const ownedOrUnowned = [{ customerId: null }, ...(customerIds.length ? [{ customerId: { in: customerIds } }] : [])];
  const contactFilters = [
    ...(customerIds.length ? [{ customerId: { in: customerIds } }] : []),
    ...(emails.length ? [{ AND: [{ email: { in: emails } }, { OR: ownedOrUnowned }] }] : []),
    ...(phones.length ? [{ AND: [{ phone: { in: phones } }, { OR: ownedOrUnowned }] }] : []),
  ];
  const orderFilters: Prisma.OrderWhereInput[] = [
    ...contactFilters,
    ...(subject.shopifyOrderIds?.length ? [{ shopifyOrderId: { in: subject.shopifyOrderIds } }] : []),
  ];
  const orders = orderFilters.length
    ? await tx.order.findMany({
        where: { shopId, OR: orderFilters },
        select: { id: true, shopifyOrderId: true, checkoutToken: true },
      })
    : [];
  const orderTokens = uniq(orders.map((o) => o.checkoutToken));
  const checkoutFilters: Prisma.CheckoutWhereInput[] = [
    ...contactFilters,
    ...(orderTokens.length ? [{ token: { in: orderTokens } }] : []),
  ];
  const checkouts = checkoutFilters.length
    ? await tx.checkout.findMany({
        where: { shopId, OR: checkoutFilters },
        select: { id: true, token: true, shopifyCheckoutId: true },
      })
    : [];
  return {
    customerIds,
    shopifyCustomerIds,
    orderIds: orders.map((o) => o.id),
    shopifyOrderIds: uniq([
      ...orders.map((o) => o.shopifyOrderId.toString()),
      ...(subject.shopifyOrderIds ?? []).map(String),
    ]),
    checkoutIds: checkouts.map((c) => c.id),
    checkoutTokens: uniq([...orderTokens, ...checkouts.map((c) => c.token)]),
    shopifyCheckoutIds: uniq(checkouts.map((c) => c.shopifyCheckoutId?.toString())),
    emails,
    phones,
  };
}
