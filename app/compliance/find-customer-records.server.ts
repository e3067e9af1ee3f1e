// Everything that belongs to one Shopify customer, as a compliance request
// identifies them: customer id, email, phone and (for redact) order ids. An
// address only counts for customers that carry no other Shopify id, so another
// person who once used the same address is never swept up.
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
  orderIds: string[];
  checkoutIds: string[];
  emails: string[];
  phones: string[];
}

function addressesOf(subject: ComplianceSubject) {
  const emails = [normaliseEmail(subject.email), subject.email?.trim()].filter((v): v is string => !!v);
  const phones = [normalisePhone(subject.phone), subject.phone?.trim()].filter((v): v is string => !!v);
  return { emails: [...new Set(emails)], phones: [...new Set(phones)] };
}

export async function findCustomerRecords(
  tx: Tx,
  shopId: string,
  subject: ComplianceSubject,
): Promise<CustomerRecords> {
  const { emails, phones } = addressesOf(subject);
  const id = subject.shopifyCustomerId ?? null;
  const byAddress: Prisma.CustomerWhereInput[] = [
    ...(emails.length
      ? [{ email: { in: emails } }, { identities: { some: { kind: "EMAIL" as const, value: { in: emails } } } }]
      : []),
    ...(phones.length
      ? [{ phone: { in: phones } }, { identities: { some: { kind: "PHONE" as const, value: { in: phones } } } }]
      : []),
  ];
  const customerFilters: Prisma.CustomerWhereInput[] = [
    ...(id !== null
      ? [
          { shopifyCustomerId: id },
          { identities: { some: { kind: "SHOPIFY_CUSTOMER" as const, value: id.toString() } } },
        ]
      : []),
    ...(byAddress.length
      ? [
          {
            AND: [
              { OR: byAddress },
              { OR: [{ shopifyCustomerId: null }, ...(id !== null ? [{ shopifyCustomerId: id }] : [])] },
            ],
          },
        ]
      : []),
  ];
  const customers = customerFilters.length
    ? await tx.customer.findMany({ where: { shopId, OR: customerFilters }, select: { id: true } })
    : [];
  const customerIds = customers.map((c) => c.id);

  const contactFilters = [
    ...(customerIds.length ? [{ customerId: { in: customerIds } }] : []),
    ...(emails.length ? [{ email: { in: emails } }] : []),
    ...(phones.length ? [{ phone: { in: phones } }] : []),
  ];
  const orderFilters: Prisma.OrderWhereInput[] = [
    ...contactFilters,
    ...(subject.shopifyOrderIds?.length ? [{ shopifyOrderId: { in: subject.shopifyOrderIds } }] : []),
  ];
  const orders = orderFilters.length
    ? await tx.order.findMany({ where: { shopId, OR: orderFilters }, select: { id: true } })
    : [];
  const checkouts = contactFilters.length
    ? await tx.checkout.findMany({ where: { shopId, OR: contactFilters }, select: { id: true } })
    : [];
  return { customerIds, orderIds: orders.map((o) => o.id), checkoutIds: checkouts.map((c) => c.id), emails, phones };
}
