// The facts behind a customer's label (app/components/customer-label.ts) for customers without a
// name, email or phone: their platform identity and the page their chat last reported. Loaded in
// two shop-scoped queries for a whole page of customers, and only for those that need it.
import { db } from "../db/client.server";
import {
  customerLabel,
  hasContactDetails,
  type CustomerLabelFacts,
  type PlatformKind,
} from "../components/customer-label";

export const PLATFORM_KINDS: PlatformKind[] = ["CHAT_VISITOR", "INSTAGRAM", "MESSENGER"];

/** Select these on Customer to label it. */
export const customerLabelSelect = {
  id: true,
  firstName: true,
  lastName: true,
  email: true,
  phone: true,
  redactedAt: true,
  countryCode: true,
} as const;

export type LabelRow = { id: string } & Omit<CustomerLabelFacts, "platform" | "visitorPage">;

/** Each customer's label, by id. */
export async function customerLabels(shopId: string, rows: LabelRow[]): Promise<Map<string, string>> {
  const anonymous = rows.filter((r) => !r.redactedAt && !hasContactDetails(r)).map((r) => r.id);
  const [identities, conversations] = anonymous.length
    ? await Promise.all([
        db().customerIdentity.findMany({
          where: { shopId, customerId: { in: anonymous }, kind: { in: PLATFORM_KINDS } },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          select: { customerId: true, kind: true, label: true },
        }),
        db().conversation.findMany({
          where: { shopId, customerId: { in: anonymous }, visitorPageAt: { not: null } },
          orderBy: [{ visitorPageAt: "desc" }, { id: "desc" }],
          select: { customerId: true, visitorPage: true },
        }),
      ])
    : [[], []];
  const labels = new Map<string, string>();
  for (const row of rows) {
    // A chat visitor first: their page says the most about them.
    const own = identities.filter((i) => i.customerId === row.id);
    const platform =
      PLATFORM_KINDS.map((kind) => own.find((i) => i.kind === kind)).find((i) => i !== undefined) ?? null;
    const page = conversations.find((c) => c.customerId === row.id)?.visitorPage ?? null;
    labels.set(
      row.id,
      customerLabel({
        ...row,
        platform: platform ? { kind: platform.kind as PlatformKind, label: platform.label } : null,
        visitorPage: page,
      }),
    );
  }
  return labels;
}

export async function customerLabelOf(shopId: string, row: LabelRow): Promise<string> {
  return (await customerLabels(shopId, [row])).get(row.id)!;
}

/**
 * How many customers without contact details a label search reads, most recently changed first:
 * their label is computed, not stored, so a search matches it on this bounded set.
 */
export const LABEL_SEARCH_LIMIT = 500;

/**
 * Ids of the shop's unmerged customers without name, email or phone whose visible label
 * ("Visitor from France, on Linen shirt", "Instagram user") contains every word of the query.
 */
export async function customerIdsByLabel(shopId: string, q: string): Promise<string[]> {
  const terms = q.toLowerCase().trim().split(/\s+/).filter(Boolean).slice(0, 5);
  if (terms.length === 0) return [];
  const candidates = await db().customer.findMany({
    where: {
      shopId,
      mergedIntoId: null,
      redactedAt: null,
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      identities: { some: { kind: { in: PLATFORM_KINDS } } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: LABEL_SEARCH_LIMIT,
    select: customerLabelSelect,
  });
  if (candidates.length === 0) return [];
  const labels = await customerLabels(shopId, candidates);
  return candidates
    .filter((c) => {
      const label = labels.get(c.id)!.toLowerCase();
      return terms.every((t) => label.includes(t));
    })
    .map((c) => c.id);
}
