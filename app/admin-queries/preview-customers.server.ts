// The "Preview for" lists (saved replies, the flow editor) offer real customers of
// the shop. Shoppers share names (the demo has three George Thomas), so each label
// carries what tells them apart: the email, else the phone, else the order count.
import { db } from "../db/client.server";
import { customerDisplayName } from "./customers.server";

export const PREVIEW_CUSTOMER_COUNT = 50;

export interface PreviewCustomer {
  id: string;
  label: string;
  locale: string | null;
}

export async function listPreviewCustomers(shopId: string, take = PREVIEW_CUSTOMER_COUNT): Promise<PreviewCustomer[]> {
  const customers = await db().customer.findMany({
    where: { shopId, redactedAt: null, mergedIntoId: null },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      firstName: true,
      lastName: true,
      email: true,
      phone: true,
      locale: true,
      ordersCount: true,
      createdAt: true,
      shopifyCreatedAt: true,
    },
  });
  const labelled = customers.map((c) => {
    const name = customerDisplayName(c);
    const contact = c.email ?? c.phone;
    const detail = contact && contact !== name ? contact : `${c.ordersCount} order${c.ordersCount === 1 ? "" : "s"}`;
    // Shopify's date, as "Customer since" shows: our createdAt is the import day, the same for all.
    return { id: c.id, label: `${name} · ${detail}`, locale: c.locale, since: c.shopifyCreatedAt ?? c.createdAt };
  });
  // Same name and nothing else to go on: the date each became a customer still differs.
  const seen = new Map<string, number>();
  for (const c of labelled) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  return labelled.map(({ since, ...c }) =>
    (seen.get(c.label) ?? 0) > 1 ? { ...c, label: `${c.label} · since ${since.toISOString().slice(0, 10)}` } : c,
  );
}
