// Which new orders of a batch take the set-based path, and the rows each one writes. Pure: the
// batch's reads go in, rows come out. The set-based path covers the common case exactly as the
// per-order path would write it (app/commerce/ingest-order.server.ts, resolve-customer.server.ts,
// apply-customer.server.ts, app/flow-runs/triggers.server.ts); anything it does not cover (a guest,
// a merge to follow, fulfillments, a checkout to mark recovered, a cart recovery to stop or credit,
// a second order of the same customer in one batch) goes to the per-order path, so nothing differs.
import { normaliseCountryCode, normaliseEmail, normalisePhone } from "../../customers/addresses";
import { timezoneForCountry } from "../../customers/country-timezone";
import { orderFields } from "../../commerce/ingest-order.server";
import { orderEventRows } from "../../commerce/order-events.server";
import type { OrderInput } from "../../commerce/types";
import type { TimelineEventInput } from "../../timeline/record-event.server";
import { planOrderConfirmation } from "../../flows/plan-order-confirmation";
import type { IdentityKind } from "../../generated/prisma/client";

export interface NewOrderCandidate {
  receiptId: string;
  shopId: string;
  input: OrderInput;
}

export interface KnownCustomer {
  id: string;
  shopId: string;
  shopifyCustomerId: bigint | null;
  mergedIntoId: string | null;
}

export interface KnownIdentity {
  shopId: string;
  kind: IdentityKind;
  value: string;
  customerId: string;
  ownerShopifyCustomerId: bigint | null;
  ownerMergedIntoId: string | null;
}

export interface OrderConfirmationFlow {
  id: string;
  enabled: boolean;
  steps: { position: number; delayMinutes: number }[];
}

/** What the batch read about its orders; keys are shopId + "|" + id. */
export interface NewOrderState {
  existingOrders: Set<string>;
  customersByShopifyId: Map<string, KnownCustomer>;
  identities: KnownIdentity[];
  /** Orders with something only the per-order path handles (fulfillments, checkout, cart recovery). */
  needsFullPath: Set<string>;
  orderConfirmation: Map<string, OrderConfirmationFlow>;
}

/** What a payload says about a customer (null: not carried, left alone on a known customer). */
export interface ShopifyCustomerFields {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  countryCode: string | null;
  ordersCount: number | null;
  totalSpent: string | null;
  shopifyCreatedAt: Date | null;
  shopifyUpdatedAt: Date;
}

export interface NewCustomerRow extends ShopifyCustomerFields {
  id: string;
  shopId: string;
  shopifyCustomerId: bigint;
  ianaTimezone: string | null;
}

/** Newer-wins fields for a customer we know, and the blanks the order may fill. */
export interface CustomerUpdateRow extends ShopifyCustomerFields {
  id: string;
  /** Fill blanks only (resolveCustomer, fillCustomerBlanks). */
  firstEmail: string | null;
  firstPhone: string | null;
  contextLocale: string | null;
  contextCountryCode: string | null;
}

/** The columns of a known customer the newer-wins update reads (under its row lock). */
export interface CurrentCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  countryCode: string | null;
  ianaTimezone: string | null;
  ordersCount: number;
  totalSpent: string;
  shopifyCreatedAt: Date | null;
  shopifyUpdatedAt: Date | null;
}

/**
 * What the per-order path leaves on a known customer: blanks filled from the order's addresses
 * (resolveCustomer), Shopify's newer fields (applyCustomerInput), then locale, country and zone
 * blanks from the order (fillCustomerBlanks).
 */
export function updatedCustomer(current: CurrentCustomer, u: CustomerUpdateRow): CurrentCustomer {
  let next: CurrentCustomer = {
    ...current,
    email: current.email ?? u.firstEmail,
    phone: current.phone ?? u.firstPhone,
  };
  if (!current.shopifyUpdatedAt || current.shopifyUpdatedAt < u.shopifyUpdatedAt) {
    next = {
      ...next,
      firstName: u.firstName ?? next.firstName,
      lastName: u.lastName ?? next.lastName,
      email: u.email ?? next.email,
      phone: u.phone ?? next.phone,
      locale: u.locale ?? next.locale,
      countryCode: u.countryCode ?? next.countryCode,
      ordersCount: u.ordersCount ?? next.ordersCount,
      totalSpent: u.totalSpent ?? next.totalSpent,
      shopifyCreatedAt: u.shopifyCreatedAt ?? next.shopifyCreatedAt,
      shopifyUpdatedAt: u.shopifyUpdatedAt,
    };
  }
  const countryCode = next.countryCode ?? u.contextCountryCode;
  return {
    ...next,
    locale: next.locale ?? u.contextLocale,
    countryCode,
    ianaTimezone: next.ianaTimezone ?? timezoneForCountry(countryCode),
  };
}

export interface OrderRow extends ReturnType<typeof orderFields> {
  id: string;
  shopId: string;
  shopifyOrderId: bigint;
  customerId: string;
}

export interface RunRow {
  id: string;
  shopId: string;
  flowId: string;
  customerId: string;
  triggerKey: string;
  context: { orderId: string; email: string | null; phone: string | null };
  steps: { id: string; position: number; dueAt: Date }[];
}

export interface NewOrdersPlan {
  receiptIds: string[];
  newCustomers: NewCustomerRow[];
  customerUpdates: CustomerUpdateRow[];
  identities: { id: string; shopId: string; customerId: string; kind: IdentityKind; value: string }[];
  orders: OrderRow[];
  events: TimelineEventInput[];
  runs: RunRow[];
  /** Receipts left to the per-order path. */
  fullPath: string[];
}

const key = (shopId: string, id: string | bigint) => `${shopId}|${id}`;

function distinct(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => !!v))];
}

export function planNewOrders(
  candidates: NewOrderCandidate[],
  state: NewOrderState,
  newId: () => string,
  now: Date,
): NewOrdersPlan {
  const plan: NewOrdersPlan = {
    receiptIds: [],
    newCustomers: [],
    customerUpdates: [],
    identities: [],
    orders: [],
    events: [],
    runs: [],
    fullPath: [],
  };
  // One order per customer and per address in a batch: the next one sees the first one's rows.
  const taken = new Set<string>();

  for (const { receiptId, shopId, input } of candidates) {
    const customer = input.customer;
    const orderKey = key(shopId, input.shopifyOrderId);
    if (!customer || state.existingOrders.has(orderKey) || state.needsFullPath.has(orderKey)) {
      plan.fullPath.push(receiptId);
      continue;
    }
    const contactCountry = normaliseCountryCode(input.shippingAddress?.countryCode);
    const countryCode = normaliseCountryCode(customer.defaultAddress?.countryCode ?? contactCountry);
    const emails = distinct([customer.email, input.email].map((e) => normaliseEmail(e)));
    const phones = distinct(
      [customer.phone, customer.defaultAddress?.phone, input.phone].map((p) => normalisePhone(p, countryCode)),
    );
    const wanted = [
      { kind: "SHOPIFY_CUSTOMER" as const, value: customer.shopifyCustomerId.toString() },
      ...emails.map((value) => ({ kind: "EMAIL" as const, value })),
      ...phones.map((value) => ({ kind: "PHONE" as const, value })),
    ];
    const ownKeys = [orderKey, key(shopId, `SHOPIFY_CUSTOMER:${customer.shopifyCustomerId}`)];
    if (ownKeys.some((c) => taken.has(c))) {
      plan.fullPath.push(receiptId);
      continue;
    }
    const known = state.identities.filter(
      (i) => i.shopId === shopId && wanted.some((w) => w.kind === i.kind && w.value === i.value),
    );
    const existing = state.customersByShopifyId.get(key(shopId, customer.shopifyCustomerId));
    // A merged customer to follow, or an address whose owner this customer could be (a guest, a
    // merge): the full path decides. An address of another Shopify customer simply stays theirs.
    const mayAdopt = (i: KnownIdentity) =>
      i.ownerMergedIntoId !== null ||
      i.ownerShopifyCustomerId === null ||
      i.ownerShopifyCustomerId === customer.shopifyCustomerId;
    if (existing?.mergedIntoId || (!existing && known.some(mayAdopt))) {
      plan.fullPath.push(receiptId);
      continue;
    }
    for (const c of ownKeys) taken.add(c);
    const customerId = existing?.id ?? newId();
    const newer: ShopifyCustomerFields = {
      firstName: customer.firstName ?? null,
      lastName: customer.lastName ?? null,
      email: normaliseEmail(customer.email),
      phone: normalisePhone(customer.phone, countryCode),
      locale: customer.locale ?? null,
      countryCode,
      ordersCount: customer.ordersCount ?? null,
      totalSpent: customer.totalSpent ?? null,
      shopifyCreatedAt: customer.createdAt ?? null,
      shopifyUpdatedAt: customer.updatedAt,
    };
    if (existing) {
      plan.customerUpdates.push({
        id: customerId,
        ...newer,
        firstEmail: emails[0] ?? null,
        firstPhone: phones[0] ?? null,
        contextLocale: customer.locale ?? input.locale ?? null,
        contextCountryCode: countryCode,
      });
    } else {
      // resolveCustomer's create, then applyCustomerInput's newer-wins update of the same row.
      plan.newCustomers.push({
        id: customerId,
        shopId,
        shopifyCustomerId: customer.shopifyCustomerId,
        ...newer,
        firstName: newer.firstName,
        lastName: newer.lastName,
        email: newer.email ?? emails[0] ?? null,
        phone: newer.phone ?? phones[0] ?? null,
        locale: customer.locale ?? input.locale ?? null,
        ianaTimezone: timezoneForCountry(countryCode),
      });
    }
    for (const w of wanted) {
      const identityKey = key(shopId, `${w.kind}:${w.value}`);
      // Known, or taken by an earlier customer of this batch (another Shopify customer): not ours.
      const takenByEarlier = w.kind !== "SHOPIFY_CUSTOMER" && taken.has(identityKey);
      if (known.some((k) => k.kind === w.kind && k.value === w.value) || takenByEarlier) continue;
      taken.add(identityKey);
      plan.identities.push({ id: newId(), shopId, customerId, ...w });
    }

    const orderId = newId();
    const fields = orderFields(input);
    plan.orders.push({ ...fields, id: orderId, shopId, shopifyOrderId: input.shopifyOrderId, customerId });
    plan.events.push(...orderEventRows(shopId, orderId, customerId, input));
    plan.receiptIds.push(receiptId);

    const flow = state.orderConfirmation.get(shopId);
    if (!flow?.enabled) continue;
    const confirmation = planOrderConfirmation(
      { id: orderId, cancelledAt: fields.cancelledAt, customerId },
      true,
      flow.steps,
      now,
    );
    if (!confirmation.start) continue;
    plan.runs.push({
      id: newId(),
      shopId,
      flowId: flow.id,
      customerId,
      triggerKey: confirmation.triggerKey,
      context: { orderId, email: fields.email, phone: fields.phone },
      steps: confirmation.steps.map((s) => ({ id: newId(), ...s })),
    });
  }
  return plan;
}
