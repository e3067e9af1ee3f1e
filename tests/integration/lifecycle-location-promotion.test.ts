// Location promotions (docs/decisions/0061), through the real pieces: orders arrive as signed
// orders/create webhooks (ingest keeps country_code, province_code, latitude, longitude), the
// lifecycle sweep enrols, runFlowStep runs a step, the discount code is created on the Shopify Admin
// stand-in through the throttle-aware client, and the SMS reaches the Twilio stand-in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { updateFlow } from "../../app/flows/update-flow.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { runLifecycleSweep } from "../../app/lifecycle/sweep.server";
import type { Prisma } from "../../app/generated/prisma/client";
import {
  discountsOf,
  generateShopDataset,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { createShop } from "../support/factories";
import { deliverAndProcess, TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { daytimeCountry, enableFlows, nextId, orderPayload, setStepChannels, waitFor } from "./flows-engine-support";
import { SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let admin: FakeShopifyAdmin;
let workers: WorkerHandle;
let flowId: string;
let phoneN = 0;
const newPhone = () => `+1415557${String(1000 + phoneN++).padStart(4, "0")}`;
const DAY_MS = 24 * 3600_000;

const PARIS = { latitude: 48.8566, longitude: 2.3522 };
const VERSAILLES = { latitude: 48.8049, longitude: 2.1204 }; // ~18 km from Paris
const LYON = { latitude: 45.764, longitude: 4.8357 }; // ~392 km
// Inside the 50 km box around Paris (its corner), yet ~62 km away: only the exact distance refuses it.
const BOX_CORNER = { latitude: 48.8566 + 0.4, longitude: 2.3522 + 0.6 };

beforeAll(async () => {
  env = await startSendingEnv();
  admin = await startFakeShopifyAdmin({
    dataset: generateShopDataset({
      seed: 61,
      customers: 0,
      ordersPerCustomer: { min: 0, max: 0 },
      abandonedCheckouts: 0,
      now: new Date(),
      shopDomain: TEST_SHOP_DOMAIN,
    }),
  });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = admin.url;
  resetConfigCache();
  await seedOfflineSession(TEST_SHOP_DOMAIN);
  const flows = await enableFlows(env.shopId, ["LOCATION_PROMOTION"]);
  flowId = flows.LOCATION_PROMOTION.id;
  await setStepChannels(env.shopId, "LOCATION_PROMOTION", ["SMS"]);
  // Only the sends queue: the tests run flow steps themselves.
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await admin?.close();
  await env?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});
beforeEach(async () => {
  // Every test starts from a shop without customers, runs or segments.
  await db().flowRun.deleteMany({ where: { shopId: env.shopId } });
  await db().order.deleteMany({ where: { shopId: env.shopId } });
  await db().customer.deleteMany({ where: { shopId: env.shopId } });
  await db().segment.deleteMany({ where: { shopId: env.shopId } });
  env.fakes.reset();
  admin.requests.length = 0;
});

async function promote(settings: Record<string, unknown>) {
  await db().flow.update({
    where: { id: flowId },
    data: {
      settings: {
        promotionName: "Paris days",
        countries: [],
        regions: [],
        near: null,
        discountPercent: 15,
        discountValidDays: 10,
        segmentId: null,
        ...settings,
      } as Prisma.InputJsonObject,
    },
  });
}

interface Shipping {
  country: string;
  province_code?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

interface Whereabouts {
  /** Customer.countryCode (Shopify's default address). */
  country?: string | null;
  /** The shipping address of an order, delivered as an orders/create webhook. */
  ship?: Shipping;
  marketing?: boolean;
  /** false: a contact Shopify does not know (no shopifyCustomerId). */
  shopify?: boolean;
}

async function customerAt(o: Whereabouts) {
  const phone = newPhone();
  const shopifyCustomerId = o.shopify === false ? null : nextId();
  let customerId: string;
  if (o.ship) {
    const p = orderPayload({
      phone,
      email: `loc-${phone.slice(-4)}@example.com`,
      shopifyCustomerId,
      country: o.ship.country,
    });
    for (const key of ["shipping_address", "billing_address"]) {
      p[key].province_code = o.ship.province_code ?? null;
      p[key].latitude = o.ship.latitude ?? null;
      p[key].longitude = o.ship.longitude ?? null;
    }
    if (p.customer) p.customer.default_address.country_code = o.country ?? o.ship.country;
    await deliverAndProcess("orders/create", p);
    const order = await db().order.findFirstOrThrow({ where: { shopId: env.shopId, shopifyOrderId: BigInt(p.id) } });
    customerId = order.customerId!;
  } else {
    const created = await db().customer.create({
      data: {
        shopId: env.shopId,
        shopifyCustomerId: shopifyCustomerId === null ? null : BigInt(shopifyCustomerId),
        firstName: "Ada",
        phone,
        countryCode: o.country ?? null,
        locale: "en",
      },
    });
    customerId = created.id;
  }
  if (o.marketing !== false) {
    await db().consent.create({
      data: {
        shopId: env.shopId,
        customerId,
        channel: "SMS",
        purpose: "MARKETING",
        state: "GRANTED",
        source: "SHOPIFY_CUSTOMER",
        occurredAt: new Date(),
      },
    });
  }
  return { id: customerId, phone, shopifyCustomerId };
}

const runsOf = () =>
  db().flowRun.findMany({
    where: { flowId },
    include: { steps: { orderBy: { position: "asc" } } },
    orderBy: { startedAt: "asc" },
  });
const enrolledIds = async () => (await runsOf()).map((r) => r.customerId).sort();

describe("location promotion: who enters", () => {
  it("GIVEN customers placed by their latest order or their own country WHEN the sweep runs with countries [FR] THEN only marketable Shopify customers in France enter, under location:<promotion>:<customer>", async () => {
    const shipsToFrance = await customerAt({ country: "CA", ship: { country: "FR" } });
    const livesInFrance = await customerAt({ country: "FR" });
    const movedToGermany = await customerAt({ country: "FR", ship: { country: "DE" } });
    const noConsent = await customerAt({ country: "FR", marketing: false });
    const notInShopify = await customerAt({ country: "FR", shopify: false });
    const inSpain = await customerAt({ country: "ES" });
    await promote({ countries: ["FR"] });

    const result = await runLifecycleSweep({ shopId: env.shopId, now: new Date() });

    expect(result.enrolled).toBe(2);
    expect(await enrolledIds()).toEqual([shipsToFrance.id, livesInFrance.id].sort());
    const runs = await runsOf();
    expect(runs.map((r) => r.triggerKey).sort()).toEqual(
      [`location:Paris days:${shipsToFrance.id}`, `location:Paris days:${livesInFrance.id}`].sort(),
    );
    for (const excluded of [movedToGermany, noConsent, notInShopify, inSpain])
      expect(await enrolledIds()).not.toContain(excluded.id);
  });

  it("GIVEN orders shipped to California, New York and Tokyo WHEN the regions are US-CA and JP-13 THEN California and Tokyo enter (Shopify's province_code, with or without its country)", async () => {
    const california = await customerAt({ ship: { country: "US", province_code: "CA" } });
    const newYork = await customerAt({ ship: { country: "US", province_code: "NY" } });
    const tokyo = await customerAt({ ship: { country: "JP", province_code: "JP-13" } });
    const canadianCa = await customerAt({ ship: { country: "CA", province_code: "ON" } });
    await promote({ regions: ["US-CA", "JP-13"] });

    await runLifecycleSweep({ shopId: env.shopId, now: new Date() });

    expect(await enrolledIds()).toEqual([california.id, tokyo.id].sort());
    expect(await enrolledIds()).not.toContain(newYork.id);
    expect(await enrolledIds()).not.toContain(canadianCa.id);
    const stored = await db().order.findFirstOrThrow({ where: { customerId: california.id } });
    expect(stored.shippingAddress).toMatchObject({ countryCode: "US", provinceCode: "CA" });
  });

  it("GIVEN orders shipped 18 km, ~62 km (inside the box) and 392 km from Paris WHEN near is Paris within 50 km THEN only the one 18 km away enters", async () => {
    const versailles = await customerAt({ ship: { country: "FR", ...VERSAILLES } });
    const corner = await customerAt({ ship: { country: "FR", ...BOX_CORNER } });
    const lyon = await customerAt({ ship: { country: "FR", ...LYON } });
    const unplaced = await customerAt({ ship: { country: "FR" } });
    await promote({ near: { ...PARIS, radiusKm: 50 } });

    await runLifecycleSweep({ shopId: env.shopId, now: new Date() });

    expect(await enrolledIds()).toEqual([versailles.id]);
    for (const excluded of [corner, lyon, unplaced]) expect(await enrolledIds()).not.toContain(excluded.id);
    const stored = await db().order.findFirstOrThrow({ where: { customerId: versailles.id } });
    expect(stored.shippingAddress).toMatchObject(VERSAILLES);
  });

  it("GIVEN two customers in France, one in the promotion's segment WHEN the sweep runs THEN only the member enters", async () => {
    const member = await customerAt({ country: "FR" });
    const outsider = await customerAt({ country: "FR" });
    const segment = await db().segment.create({ data: { shopId: env.shopId, name: "VIP" } });
    await db().segmentMember.create({ data: { segmentId: segment.id, customerId: member.id, shopId: env.shopId } });
    await promote({ countries: ["FR"], segmentId: segment.id });

    await runLifecycleSweep({ shopId: env.shopId, now: new Date() });

    expect(await enrolledIds()).toEqual([member.id]);
    expect(await enrolledIds()).not.toContain(outsider.id);
  });

  it("GIVEN a promotion with no country, region or distance WHEN the sweep runs THEN nobody enters", async () => {
    await customerAt({ country: "FR" });
    await promote({});
    const result = await runLifecycleSweep({ shopId: env.shopId, now: new Date() });
    expect(result.enrolled).toBe(0);
    expect(await runsOf()).toEqual([]);
  });

  it("GIVEN a sweep that enrolled a customer WHEN it runs twice more THEN nobody enters twice; a renamed promotion enrols them again once the old run has stopped", async () => {
    const customer = await customerAt({ country: "FR" });
    await promote({ countries: ["FR"] });
    expect((await runLifecycleSweep({ shopId: env.shopId, now: new Date() })).enrolled).toBe(1);
    expect((await runLifecycleSweep({ shopId: env.shopId, now: new Date() })).enrolled).toBe(0);
    expect((await runLifecycleSweep({ shopId: env.shopId, now: new Date() })).enrolled).toBe(0);
    expect(await runsOf()).toHaveLength(1);

    await promote({ countries: ["FR"], promotionName: "Paris nights" });
    // The old run is still active: no second run beside it.
    expect((await runLifecycleSweep({ shopId: env.shopId, now: new Date() })).enrolled).toBe(0);
    const [old] = await runsOf();
    expect(await runFlowStep(old.steps[0].id, { now: new Date() })).toBe("cancelled");
    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: old.id } });
    expect(ended.status).not.toBe("ACTIVE");
    expect(ended.endReason).toBe(
      'The promotion was renamed ("Paris days" is now "Paris nights"); customers who match enter the new one.',
    );

    expect((await runLifecycleSweep({ shopId: env.shopId, now: new Date() })).enrolled).toBe(1);
    const runs = await runsOf();
    expect(runs.map((r) => r.triggerKey)).toEqual([
      `location:Paris days:${customer.id}`,
      `location:Paris nights:${customer.id}`,
    ]);
  });
});

describe("location promotion: stop rules", () => {
  it("GIVEN an enrolled customer WHEN the area no longer includes them before the step THEN the run ends with that reason and nothing is sent", async () => {
    const customer = await customerAt({ country: "FR" });
    await promote({ countries: ["FR"] });
    await runLifecycleSweep({ shopId: env.shopId, now: new Date() });
    await promote({ countries: ["BE"] });

    const [run] = await runsOf();
    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("cancelled");
    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended.endReason).toBe("The customer is no longer in the promotion's area.");
    expect(await db().message.count({ where: { customerId: customer.id } })).toBe(0);
    expect(admin.requestsFor("DiscountCodeBasicCreate")).toHaveLength(0);
  });

  it("GIVEN an enrolled segment member WHEN they leave the segment before the step THEN the run ends with that reason", async () => {
    const customer = await customerAt({ country: "FR" });
    const segment = await db().segment.create({ data: { shopId: env.shopId, name: "Leavers" } });
    await db().segmentMember.create({ data: { segmentId: segment.id, customerId: customer.id, shopId: env.shopId } });
    await promote({ countries: ["FR"], segmentId: segment.id });
    await runLifecycleSweep({ shopId: env.shopId, now: new Date() });
    await db().segmentMember.deleteMany({ where: { segmentId: segment.id } });

    const [run] = await runsOf();
    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("cancelled");
    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended.endReason).toBe("The customer is no longer in the promotion's segment.");
  });
});

describe("location promotion: the recipient's discount code", () => {
  /** A customer in a country where it is daytime now (quiet hours never bite), enrolled. */
  async function enrolledCustomer(settings: Record<string, unknown> = {}) {
    const { country } = daytimeCountry();
    const customer = await customerAt({ ship: { country } });
    await promote({ countries: [country], ...settings });
    await runLifecycleSweep({ shopId: env.shopId, now: new Date() });
    const [run] = await runsOf();
    return { customer, run };
  }

  const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);
  const createRequests = () => admin.requestsFor("DiscountCodeBasicCreate");

  it("GIVEN an enrolled customer WHEN the first step runs THEN Shopify is asked for a 15% code for that customer only, usable once, and the SMS carries it", async () => {
    const { customer, run } = await enrolledCustomer();
    const now = new Date();

    expect(await runFlowStep(run.steps[0].id, { now })).toBe("claimed");

    const row = await db().flowRunDiscount.findUniqueOrThrow({ where: { runId: run.id } });
    expect(row.code).toMatch(/^PARISDAYS-[0-9A-Z]{10}$/);
    expect(row).toMatchObject({ customerId: customer.id, percent: 15 });
    expect(row.endsAt.getTime()).toBe(now.getTime() + 10 * DAY_MS);
    expect(createRequests().map((r) => r.body?.variables)).toEqual([
      {
        basicCodeDiscount: {
          title: `Paris days (${row.code})`,
          code: row.code,
          startsAt: now.toISOString(),
          endsAt: row.endsAt.toISOString(),
          customerSelection: { customers: { add: [`gid://shopify/Customer/${customer.shopifyCustomerId}`] } },
          customerGets: { value: { percentage: 0.15 }, items: { all: true } },
          usageLimit: 1,
          appliesOncePerCustomer: true,
        },
      },
    ]);
    const created = discountsOf(admin.dataset).filter((d) => d.code === row.code);
    expect(created).toHaveLength(1);
    expect(row.shopifyDiscountId).toBe(created[0].id);

    await waitFor(() => smsTo(customer.phone).length >= 1, "the promotion SMS");
    const ends = row.endsAt.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
    const url = `https://${TEST_SHOP_DOMAIN}/discount/${row.code}`;
    expect(smsTo(customer.phone)).toHaveLength(1);
    expect(smsTo(customer.phone)[0]).toMatchObject({
      from: SMS_FROM,
      body: `Hi Ada, a treat from Threadline Demo for our customers in your area: 15% off with your code ${row.code}, until ${ends}. ${url}\nReply STOP to opt out`,
    });
  });

  it("GIVEN Shopify created the code but its answer was lost WHEN the client retries THEN Shopify says taken, the code is looked up, and one code exists", async () => {
    const { customer, run } = await enrolledCustomer();
    admin.loseAnswers("DiscountCodeBasicCreate", 1);

    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("claimed");

    const row = await db().flowRunDiscount.findUniqueOrThrow({ where: { runId: run.id } });
    const creates = createRequests();
    expect(creates).toHaveLength(2);
    expect(creates[1].body?.variables).toEqual(creates[0].body?.variables);
    expect(admin.requestsFor("CodeDiscountNodeByCode").map((r) => r.body?.variables)).toEqual([{ code: row.code }]);
    const created = discountsOf(admin.dataset).filter((d) => d.code === row.code);
    expect(created).toHaveLength(1);
    expect(row.shopifyDiscountId).toBe(created[0].id);
    await waitFor(() => smsTo(customer.phone).length >= 1, "the promotion SMS");
    expect(smsTo(customer.phone)[0].body).toContain(row.code);
  });

  it("GIVEN the step died after Shopify created the code and before we recorded it WHEN the step runs again THEN the same code is reused, Shopify holds one, and only then the SMS goes", async () => {
    const { customer, run } = await enrolledCustomer();
    // Every answer lost: the client gives up after its retries, exactly as if we had died.
    admin.loseAnswers("DiscountCodeBasicCreate", 10);
    await expect(runFlowStep(run.steps[0].id, { now: new Date() })).rejects.toThrow(/DiscountCodeBasicCreate/);

    const pending = await db().flowRunDiscount.findUniqueOrThrow({ where: { runId: run.id } });
    expect(pending.shopifyDiscountId).toBeNull();
    expect(discountsOf(admin.dataset).filter((d) => d.code === pending.code)).toHaveLength(1);
    expect(await db().message.count({ where: { customerId: customer.id } })).toBe(0);
    expect(smsTo(customer.phone)).toHaveLength(0);
    const step = await db().flowStep.findUniqueOrThrow({ where: { id: run.steps[0].id } });
    expect(step.state).toBe("PENDING");

    admin.loseAnswers("DiscountCodeBasicCreate", 0);
    const attemptsBefore = createRequests().length;
    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("claimed");

    const row = await db().flowRunDiscount.findUniqueOrThrow({ where: { runId: run.id } });
    expect(row.code).toBe(pending.code);
    expect(
      createRequests()
        .slice(attemptsBefore)
        .map((r) => r.body?.variables),
    ).toEqual([createRequests()[0].body?.variables]);
    const created = discountsOf(admin.dataset).filter((d) => d.code === row.code);
    expect(created).toHaveLength(1);
    expect(row.shopifyDiscountId).toBe(created[0].id);
    await waitFor(() => smsTo(customer.phone).length >= 1, "the promotion SMS");
    expect(smsTo(customer.phone)).toHaveLength(1);
    expect(smsTo(customer.phone)[0].body).toContain(row.code);
  });

  it("GIVEN a reminder step due after the code expired WHEN it runs THEN it is skipped, not sent with a dead code", async () => {
    const { customer, run } = await enrolledCustomer({ discountValidDays: 3 });
    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("claimed");
    await waitFor(() => smsTo(customer.phone).length >= 1, "the promotion SMS");

    const later = new Date(run.steps[1].dueAt.getTime() + 1000);
    expect(await runFlowStep(run.steps[1].id, { now: later })).toBe("skipped");
    const step = await db().flowStep.findUniqueOrThrow({ where: { id: run.steps[1].id } });
    expect(step.lastError).toMatch(/^The customer's discount code PARISDAYS-[0-9A-Z]{10} expired on /);
    expect(smsTo(customer.phone)).toHaveLength(1);
  });
});

describe("location promotion: saving the editor's settings", () => {
  const steps = [
    { delayMinutes: 0, channels: ["SMS"], templates: [{ channel: "SMS", locale: "en", body: "{{ discount.code }}" }] },
  ];

  it("GIVEN another shop's segment WHEN the promotion is saved THEN the save is refused on the segment field and nothing changes", async () => {
    const other = await createShop({ domain: `other-${Date.now()}.myshopify.com` });
    const foreign = await db().segment.create({ data: { shopId: other.id, name: "Theirs" } });
    const before = await db().flow.findUniqueOrThrow({ where: { id: flowId } });

    const result = await updateFlow(env.shopId, flowId, {
      settings: { countries: "FR", segmentId: foreign.id },
      steps,
    });

    expect(result).toEqual({
      ok: false,
      errors: [{ field: "settings.segmentId", message: "choose one of your shop's segments" }],
    });
    expect((await db().flow.findUniqueOrThrow({ where: { id: flowId } })).settings).toEqual(before.settings);
  });

  it("GIVEN the editor's fields (comma-separated codes, a distance, the shop's segment) WHEN saved THEN the settings are stored normalised; bad codes and a half-filled distance are named per field", async () => {
    const own = await db().segment.create({ data: { shopId: env.shopId, name: "Ours" } });
    const ok = await updateFlow(env.shopId, flowId, {
      settings: {
        promotionName: "Summer",
        countries: "fr, be",
        regions: "us-ca",
        near: { latitude: "48.85", longitude: "2.35", radiusKm: "25" },
        discountPercent: "20",
        discountValidDays: "7",
        segmentId: own.id,
      },
      steps,
    });
    expect(ok).toEqual({ ok: true });
    expect((await db().flow.findUniqueOrThrow({ where: { id: flowId } })).settings).toMatchObject({
      promotionName: "Summer",
      countries: ["FR", "BE"],
      regions: ["US-CA"],
      near: { latitude: 48.85, longitude: 2.35, radiusKm: 25 },
      discountPercent: 20,
      discountValidDays: 7,
      segmentId: own.id,
    });

    const bad = await updateFlow(env.shopId, flowId, {
      settings: { countries: "FR, France", near: { latitude: "48.85", longitude: "2.35" } },
      steps,
    });
    expect(bad.ok).toBe(false);
    const fields = bad.ok ? [] : bad.errors.map((e) => e.field).sort();
    expect(fields).toEqual(["settings.countries.1", "settings.near.radiusKm"]);
  });
});
