// Shared set-up for the flow-engine integration tests: webhook payload builders
// (from the real fixtures), time-zone pickers that make quiet hours deterministic
// whatever the wall clock says, and small waiting helpers.
import { randomUUID } from "node:crypto";
import { db } from "../../app/db/client.server";
import { ensureDefaultFlows } from "../../app/flows/ensure-default-flows.server";
import type { Channel, FlowKind } from "../../app/generated/prisma/client";
import { wallClockAt } from "../../app/flows/quiet-hours";
import { webhookFixture } from "../support/shopify-webhook";

// Single-zone countries around the globe (see app/customers/country-timezone.ts), chosen so that
// at every hour of the UTC day one of them is in daytime (10–18) and one at night (0–5).
const COUNTRY_ZONES: [string, string][] = [
  ["JP", "Asia/Tokyo"],
  ["IN", "Asia/Kolkata"],
  ["AE", "Asia/Dubai"],
  ["FR", "Europe/Paris"],
  ["GB", "Europe/London"],
  ["CO", "America/Bogota"],
  ["PE", "America/Lima"],
  ["AR", "America/Argentina/Buenos_Aires"],
  ["SG", "Asia/Singapore"],
  ["KR", "Asia/Seoul"],
  ["ZA", "Africa/Johannesburg"],
  ["IS", "Atlantic/Reykjavik"],
  ["CR", "America/Costa_Rica"],
  ["GU", "Pacific/Guam"],
  ["FJ", "Pacific/Fiji"],
  ["TO", "Pacific/Tongatapu"],
];

function pickCountry(test: (hour: number) => boolean): { country: string; zone: string } {
  const now = new Date();
  for (const [country, zone] of COUNTRY_ZONES) {
    if (test(wallClockAt(now, zone).hour)) return { country, zone };
  }
  throw new Error("no country matches");
}

/** A country where it is comfortably daytime now (10:00–18:59 local): quiet hours never bite. */
export const daytimeCountry = () => pickCountry((h) => h >= 10 && h <= 18);
/** A country where it is night now (00:00–05:59 local). */
export const nightCountry = () => pickCountry((h) => h >= 0 && h <= 5);

export const iso = (d: Date) => d.toISOString();
export const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

let seq = 1000;
export const nextId = () => 7_000_000_000_000 + seq++ * 97 + Math.floor(Math.random() * 90);

export interface CheckoutOptions {
  token?: string;
  updatedAt?: Date;
  email?: string | null;
  phone?: string | null;
  acceptsSms?: boolean;
  acceptsEmail?: boolean;
  country?: string;
  province?: string | null;
  completedAt?: Date | null;
  firstName?: string;
  /** A Shopify customer on the checkout (default: a guest checkout). */
  shopifyCustomerId?: number | null;
}

// Fixtures are free-form JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function checkoutPayload(o: CheckoutOptions = {}): Record<string, any> {
  const p = webhookFixture("checkouts/create");
  const updatedAt = o.updatedAt ?? hoursAgo(2);
  p.id = nextId();
  p.token = o.token ?? randomUUID().replace(/-/g, "");
  p.created_at = iso(new Date(updatedAt.getTime() - 60_000));
  p.updated_at = iso(updatedAt);
  p.email = o.email === undefined ? "ada@example.com" : o.email;
  p.phone = o.phone === undefined ? "+14155550123" : o.phone;
  p.buyer_accepts_sms_marketing = o.acceptsSms ?? true;
  p.buyer_accepts_marketing = o.acceptsEmail ?? false;
  p.completed_at = o.completedAt ? iso(o.completedAt) : null;
  p.abandoned_checkout_url = `https://threadline-demo.myshopify.com/checkouts/ac/${p.token}/recover`;
  p.customer_locale = "en";
  for (const key of ["shipping_address", "billing_address"]) {
    p[key].country_code = o.country ?? "FR";
    p[key].province = o.province ?? null;
    p[key].phone = null;
    p[key].first_name = o.firstName ?? "Ada";
  }
  if (o.shopifyCustomerId) {
    p.customer.id = o.shopifyCustomerId;
    p.customer.email = p.email;
    p.customer.phone = p.phone;
    p.customer.first_name = o.firstName ?? "Ada";
    p.customer.updated_at = p.updated_at;
    p.customer.created_at = p.created_at;
  } else {
    delete p.customer;
  }
  return p;
}

export interface OrderOptions {
  id?: number;
  checkoutToken?: string | null;
  email?: string | null;
  phone?: string | null;
  processedAt?: Date;
  country?: string;
  shopifyCustomerId?: number | null;
  firstName?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function orderPayload(o: OrderOptions = {}): Record<string, any> {
  const p = webhookFixture("orders/create");
  const at = o.processedAt ?? new Date();
  p.id = o.id ?? nextId();
  p.name = `#${p.id % 100000}`;
  p.checkout_token = o.checkoutToken ?? null;
  p.checkout_id = null;
  p.email = o.email === undefined ? "ada@example.com" : o.email;
  p.contact_email = p.email;
  p.phone = o.phone === undefined ? "+14155550123" : o.phone;
  p.processed_at = iso(at);
  p.created_at = iso(at);
  p.updated_at = iso(at);
  p.fulfillments = [];
  p.customer_locale = "en";
  p.order_status_url = `https://threadline-demo.myshopify.com/orders/${p.id}/status`;
  for (const key of ["shipping_address", "billing_address"]) {
    p[key].country_code = o.country ?? "FR";
    p[key].province = null;
    p[key].phone = null;
  }
  if (o.shopifyCustomerId) {
    p.customer.id = o.shopifyCustomerId;
    p.customer.email = p.email;
    p.customer.phone = p.phone;
    p.customer.first_name = o.firstName ?? "Ada";
    p.customer.updated_at = p.updated_at;
  } else {
    delete p.customer;
  }
  return p;
}

export interface FulfillmentOptions {
  id?: number;
  orderId: number;
  shipmentStatus?: string | null;
  trackingNumber?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function fulfillmentPayload(o: FulfillmentOptions): Record<string, any> {
  const p = webhookFixture("fulfillments/create");
  const created = o.createdAt ?? new Date(Date.now() - 60_000);
  p.id = o.id ?? nextId();
  p.order_id = o.orderId;
  p.shipment_status = o.shipmentStatus ?? null;
  p.tracking_number = o.trackingNumber === undefined ? "7023210039414604" : o.trackingNumber;
  p.tracking_url = p.tracking_number ? `https://track.example.com/${p.tracking_number}` : null;
  p.created_at = iso(created);
  p.updated_at = iso(o.updatedAt ?? created);
  return p;
}

/** The four default flows with the chosen ones switched on, and plain one-line templates to assert on. */
export async function enableFlows(shopId: string, kinds: FlowKind[]) {
  await ensureDefaultFlows(shopId);
  await db().flow.updateMany({ where: { shopId, kind: { in: kinds } }, data: { enabled: true } });
  const flows = await db().flow.findMany({ where: { shopId }, include: { steps: true } });
  return Object.fromEntries(flows.map((f) => [f.kind, f])) as Record<FlowKind, (typeof flows)[number]>;
}

/** Replaces a step's template copy (every locale) for a channel. */
export async function setTemplate(
  shopId: string,
  kind: FlowKind,
  position: number,
  channel: Channel,
  body: string,
  subject?: string,
) {
  const flow = await db().flow.findUniqueOrThrow({ where: { shopId_kind: { shopId, kind } } });
  const def = await db().flowStepDefinition.findUniqueOrThrow({
    where: { flowId_position: { flowId: flow.id, position } },
  });
  await db().template.updateMany({
    where: { stepDefinitionId: def.id, channel },
    data: { body, ...(subject !== undefined ? { subject } : {}) },
  });
}

export async function setStepChannels(shopId: string, kind: FlowKind, channels: Channel[]) {
  const flow = await db().flow.findUniqueOrThrow({ where: { shopId_kind: { shopId, kind } } });
  await db().flowStepDefinition.updateMany({ where: { flowId: flow.id }, data: { channels } });
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  what = "condition",
  ms = 15_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Lets any job that should NOT run have the time to run (and be caught). */
export const settle = (ms = 700) => new Promise((r) => setTimeout(r, ms));
