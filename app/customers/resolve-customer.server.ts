// Finds the one Customer a set of facts (Shopify id, emails, phones) belongs to,
// creating it when none matches, and records every address seen as an identity.
//
// Order of trust: the Shopify customer id, then a case-folded email, then an
// E.164 phone. A match by address is refused when that customer already carries
// a *different* Shopify id: two Shopify customers are never merged here (staff
// may merge them by hand; that is app/customers' merge feature, not ingestion).
import type { Customer, IdentityKind } from "../generated/prisma/client";
import type { Tx } from "../commerce/transaction.server";
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "./addresses";
import { timezoneForCountry } from "./country-timezone";

export interface CustomerFacts {
  shopifyCustomerId?: bigint | null;
  emails?: Array<string | null | undefined>;
  phones?: Array<string | null | undefined>;
  /** Default region for national phone numbers, and the customer's country when new. */
  countryCode?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  locale?: string | null;
}

export interface ResolvedCustomer {
  customerId: string;
  created: boolean;
}

const MAX_MERGE_HOPS = 5;

function distinct(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

/** A merged-away customer forwards to its survivor. */
async function followMerges(tx: Tx, customer: Customer | null): Promise<Customer | null> {
  let current = customer;
  for (let hop = 0; current?.mergedIntoId && hop < MAX_MERGE_HOPS; hop++) {
    current = await tx.customer.findUnique({ where: { id: current.mergedIntoId } });
  }
  return current;
}

function canBelongTo(candidate: Customer, shopifyCustomerId: bigint | null): boolean {
  return (
    shopifyCustomerId === null ||
    candidate.shopifyCustomerId === null ||
    candidate.shopifyCustomerId === shopifyCustomerId
  );
}

type KnownIdentity = { kind: IdentityKind; value: string; customer: Customer };

async function knownIdentities(
  tx: Tx,
  shopId: string,
  wanted: Array<{ kind: IdentityKind; value: string }>,
): Promise<KnownIdentity[]> {
  if (wanted.length === 0) return [];
  return tx.customerIdentity.findMany({
    where: { shopId, OR: wanted.map(({ kind, value }) => ({ kind, value })) },
    select: { kind: true, value: true, customer: true },
  });
}

async function firstCompatibleOwner(
  tx: Tx,
  known: KnownIdentity[],
  wanted: Array<{ kind: IdentityKind; value: string }>,
  shopifyCustomerId: bigint | null,
): Promise<Customer | null> {
  // `wanted` is in order of trust: emails before phones.
  for (const { kind, value } of wanted) {
    const identity = known.find((k) => k.kind === kind && k.value === value);
    const candidate = await followMerges(tx, identity?.customer ?? null);
    if (candidate && canBelongTo(candidate, shopifyCustomerId)) return candidate;
  }
  return null;
}

export async function resolveCustomer(tx: Tx, shopId: string, facts: CustomerFacts): Promise<ResolvedCustomer | null> {
  const shopifyCustomerId = facts.shopifyCustomerId ?? null;
  const countryCode = normaliseCountryCode(facts.countryCode);
  const emails = distinct((facts.emails ?? []).map(normaliseEmail));
  const phones = distinct((facts.phones ?? []).map((p) => normalisePhone(p, countryCode)));
  if (shopifyCustomerId === null && emails.length === 0 && phones.length === 0) return null;

  let customer: Customer | null = null;
  if (shopifyCustomerId !== null) {
    customer = await followMerges(
      tx,
      await tx.customer.findUnique({ where: { shopId_shopifyCustomerId: { shopId, shopifyCustomerId } } }),
    );
  }
  const addresses = [
    ...emails.map((value) => ({ kind: "EMAIL" as const, value })),
    ...phones.map((value) => ({ kind: "PHONE" as const, value })),
  ];
  const wanted = [
    ...(shopifyCustomerId !== null ? [{ kind: "SHOPIFY_CUSTOMER" as const, value: shopifyCustomerId.toString() }] : []),
    ...addresses,
  ];
  const known = await knownIdentities(tx, shopId, wanted);
  customer ??= await firstCompatibleOwner(tx, known, addresses, shopifyCustomerId);

  let created = false;
  if (!customer) {
    customer = await tx.customer.create({
      data: {
        shopId,
        shopifyCustomerId,
        email: emails[0] ?? null,
        phone: phones[0] ?? null,
        firstName: facts.firstName ?? null,
        lastName: facts.lastName ?? null,
        locale: facts.locale ?? null,
        countryCode,
        ianaTimezone: timezoneForCountry(countryCode),
      },
    });
    created = true;
  } else {
    // A guest who later gets a Shopify account: the guest row adopts the id.
    const claimId = shopifyCustomerId !== null && customer.shopifyCustomerId === null;
    if (claimId || (!customer.email && emails[0]) || (!customer.phone && phones[0])) {
      customer = await tx.customer.update({
        where: { id: customer.id },
        data: {
          shopifyCustomerId: claimId ? shopifyCustomerId : undefined,
          email: customer.email ? undefined : emails[0],
          phone: customer.phone ? undefined : phones[0],
        },
      });
    }
  }

  // Addresses already owned by another customer stay with that customer. The
  // rest are inserted strictly: if a concurrent job claimed one meanwhile, the
  // unique violation restarts the whole transaction, which then finds that owner.
  const unclaimed = wanted.filter(({ kind, value }) => !known.some((k) => k.kind === kind && k.value === value));
  if (unclaimed.length) {
    await tx.customerIdentity.createMany({
      data: unclaimed.map((identity) => ({ ...identity, shopId, customerId: customer.id })),
    });
  }
  return { customerId: customer.id, created };
}
