// Segments against a hand-built shop on real PostgreSQL and Redis: exact members for every kind of
// condition, a Shopify segment query intersected through the Admin API stand-in, incremental
// refresh on a new order and on an opt-out (real workers on the segments queue), the jobs' truth
// (REFRESHING and the reconciler), RFM from Shopify's backfill and the fallback, and tenant isolation.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import type { Channel, ConsentPurpose, ConsentSource, ConsentState } from "../../app/generated/prisma/client";
import { getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { revokeConsent } from "../../app/consent/revoke-consent.server";
import { handleOrderWebhook } from "../../app/webhooks/topics/orders.server";
import { recordReceipt } from "../../app/webhooks/receipt-writer.server";
import { processReceiptBatch } from "../../app/dispatch/process-receipt-batch.server";
import { orderPayload } from "./flows-engine-support";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import type { SegmentDefinition } from "../../app/segments/definition";
import { refreshCustomerSegments, refreshSegmentMembers } from "../../app/segments/membership.server";
import {
  customerRefreshJobId,
  reconcileSegmentRefreshes,
  refreshAllSegments,
  runSegmentRefreshJob,
} from "../../app/segments/jobs.server";
import { computeFallbackRfm } from "../../app/segments/rfm.server";
import { previewSegment, requireSegment, saveSegment } from "../../app/segments/segments.server";
import { runBackfill } from "../../app/shopify/backfill/run-backfill.server";
import { startBackfill } from "../../app/shopify/backfill/start-backfill.server";
import {
  generateShopDataset,
  gidNumber,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeCustomer,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";

const DAY = 24 * 3600 * 1000;
const now = Date.now();
const daysAgo = (n: number) => new Date(now - n * DAY);
const OTHER_DOMAIN = "segments-other.myshopify.com";

let shopId: string;
let otherShopId: string;
let fake: FakeShopifyAdmin;
let workers: WorkerHandle | undefined;
/** Fixture name → customer id. */
const ids: Record<string, string> = {};
let cartFlowId: string;

async function customer(
  name: string,
  data: {
    shop?: string;
    shopifyId?: bigint;
    country?: string;
    ordersCount?: number;
    totalSpent?: number;
    rfmGroup?: string;
    rfmSource?: string;
    email?: string;
    mergedIntoId?: string;
    redacted?: boolean;
  } = {},
) {
  const row = await db().customer.create({
    data: {
      shopId: data.shop ?? shopId,
      shopifyCustomerId: data.shopifyId ?? null,
      firstName: name,
      lastName: "Fixture",
      email: data.email ?? `${name.toLowerCase()}@example.com`,
      countryCode: data.country ?? null,
      ordersCount: data.ordersCount ?? 0,
      totalSpent: data.totalSpent ?? 0,
      rfmGroup: data.rfmGroup ?? null,
      rfmSource: data.rfmSource ?? (data.rfmGroup ? "shopify" : null),
      mergedIntoId: data.mergedIntoId ?? null,
      redactedAt: data.redacted ? new Date() : null,
    },
  });
  ids[name] = row.id;
  return row.id;
}

let orderNumber = 9000;
async function order(customerId: string, processedAt: Date, extra: { attributedFlowId?: string } = {}) {
  orderNumber += 1;
  return db().order.create({
    data: {
      shopId,
      customerId,
      shopifyOrderId: BigInt(orderNumber),
      name: `#${orderNumber}`,
      totalPrice: 50,
      processedAt,
      attributedFlowId: extra.attributedFlowId ?? null,
    },
  });
}

async function consent(
  customerId: string,
  channel: Channel,
  purpose: ConsentPurpose,
  state: ConsentState,
  source: ConsentSource = "SHOPIFY_CUSTOMER",
) {
  await db().consent.create({ data: { shopId, customerId, channel, purpose, state, source, occurredAt: daysAgo(30) } });
}

async function conversation(customerId: string, open: boolean) {
  return db().conversation.create({
    data: {
      shopId,
      customerId,
      replyToken: newCaseInsensitiveToken(),
      status: open ? "OPEN" : "RESOLVED",
      openCustomerId: open ? customerId : null,
    },
  });
}

async function message(
  customerId: string,
  conversationId: string,
  data: { direction: "INBOUND" | "OUTBOUND"; channel: Channel; createdAt: Date; openedAt?: Date; clickedAt?: Date },
) {
  await db().message.create({
    data: {
      shopId,
      customerId,
      conversationId,
      direction: data.direction,
      channel: data.channel,
      author: data.direction === "INBOUND" ? "CUSTOMER" : "FLOW",
      body: "hello",
      deliveryStatus: data.direction === "INBOUND" ? "RECEIVED" : "DELIVERED",
      idempotencyKey: `seg-${randomUUID()}`,
      createdAt: data.createdAt,
      openedAt: data.openedAt ?? null,
      clickedAt: data.clickedAt ?? null,
    },
  });
}

async function csat(customerId: string, conversationId: string, score: number, answeredAt: Date) {
  await db().csatSurvey.create({
    data: {
      shopId,
      customerId,
      conversationId,
      channel: "EMAIL",
      state: "ANSWERED",
      token: randomUUID(),
      score,
      answeredAt,
    },
  });
}

async function productView(customerId: string, productId: bigint, occurredAt: Date) {
  await db().storefrontEvent.create({
    data: {
      shopId,
      eventId: randomUUID(),
      kind: "product_viewed",
      clientId: `client-${customerId}`,
      customerId,
      shopifyProductId: productId,
      occurredAt,
    },
  });
}

function fakeCustomer(id: bigint, numberOfOrders: number, country: string): FakeCustomer {
  return {
    id: `gid://shopify/Customer/${id}`,
    firstName: "F",
    lastName: "C",
    email: `c${id}@example.com`,
    phone: null,
    locale: "en",
    numberOfOrders: String(numberOfOrders),
    amountSpent: { amount: "10.00", currencyCode: "USD" },
    defaultEmailAddress: null,
    defaultPhoneNumber: null,
    defaultAddress: {
      firstName: "F",
      lastName: "C",
      address1: null,
      city: null,
      province: null,
      zip: null,
      countryCodeV2: country,
      phone: null,
    },
    createdAt: daysAgo(400).toISOString(),
    updatedAt: daysAgo(300).toISOString(),
  };
}

beforeAll(async () => {
  const shop = await db().shop.create({ data: { domain: TEST_SHOP_DOMAIN, name: "Segments shop" } });
  shopId = shop.id;
  otherShopId = (await db().shop.create({ data: { domain: OTHER_DOMAIN } })).id;
  cartFlowId = (await db().flow.create({ data: { shopId, kind: "CART_RECOVERY", name: "Cart recovery" } })).id;

  // Ten customers, each with what makes them (not) match.
  const ada = await customer("Ada", {
    shopifyId: 101n,
    country: "US",
    ordersCount: 5,
    totalSpent: 500,
    rfmGroup: "CHAMPIONS",
  });
  const ben = await customer("Ben", {
    shopifyId: 102n,
    country: "GB",
    ordersCount: 3,
    totalSpent: 300,
    rfmGroup: "AT_RISK",
  });
  const cleo = await customer("Cleo", { shopifyId: 103n, country: "US", ordersCount: 1, totalSpent: 40 });
  const dan = await customer("Dan", { shopifyId: 104n, country: "CA" });
  const eve = await customer("Eve", { shopifyId: 105n, country: "US", ordersCount: 2, totalSpent: 120 });
  await customer("Finn", { country: "US", rfmGroup: "CHAMPIONS", mergedIntoId: ada, ordersCount: 9, totalSpent: 900 });
  await customer("Gia", { country: "US", rfmGroup: "CHAMPIONS", redacted: true, ordersCount: 9, totalSpent: 900 });
  const hal = await customer("Hal", {
    shopifyId: 108n,
    country: "US",
    ordersCount: 4,
    totalSpent: 800,
    rfmGroup: "LOYAL",
    rfmSource: "computed",
  });
  await customer("Jon", { country: "US", ordersCount: 1, totalSpent: 10 });
  await customer("Ivy", { shop: otherShopId, country: "US", rfmGroup: "CHAMPIONS", ordersCount: 9, totalSpent: 900 });

  await order(ada, daysAgo(1));
  await order(ada, daysAgo(20));
  await order(ben, daysAgo(200));
  await order(cleo, daysAgo(10));
  await order(eve, daysAgo(45), { attributedFlowId: cartFlowId });
  await order(hal, daysAgo(100));

  await consent(ada, "EMAIL", "MARKETING", "GRANTED");
  await consent(ben, "SMS", "MARKETING", "REVOKED", "KEYWORD");
  await consent(ben, "SMS", "TRANSACTIONAL", "REVOKED", "KEYWORD");
  await consent(cleo, "SMS", "MARKETING", "GRANTED");
  await consent(dan, "EMAIL", "MARKETING", "REVOKED", "UNSUBSCRIBE_LINK");
  await consent(hal, "SMS", "MARKETING", "GRANTED");
  await consent(hal, "WHATSAPP", "MARKETING", "REVOKED", "KEYWORD");

  const adaOpen = await conversation(ada, true);
  await message(ada, adaOpen.id, { direction: "INBOUND", channel: "SMS", createdAt: daysAgo(10) });
  await message(ada, adaOpen.id, {
    direction: "OUTBOUND",
    channel: "EMAIL",
    createdAt: daysAgo(4),
    openedAt: daysAgo(3),
  });
  await csat(ada, adaOpen.id, 5, daysAgo(9));
  const benDone = await conversation(ben, false);
  await message(ben, benDone.id, { direction: "INBOUND", channel: "SMS", createdAt: daysAgo(40) });
  await message(ben, benDone.id, { direction: "INBOUND", channel: "WHATSAPP", createdAt: daysAgo(30) });
  await csat(ben, benDone.id, 2, daysAgo(29));
  const danDone = await conversation(dan, false);
  await message(dan, danDone.id, {
    direction: "OUTBOUND",
    channel: "EMAIL",
    createdAt: daysAgo(6),
    clickedAt: daysAgo(5),
  });
  const eveDone = await conversation(eve, false);
  await message(eve, eveDone.id, { direction: "INBOUND", channel: "EMAIL", createdAt: daysAgo(1) });

  await db().flowRun.create({
    data: { shopId, flowId: cartFlowId, customerId: cleo, triggerKey: "checkout-cleo", status: "ACTIVE" },
  });
  await productView(cleo, 111n, daysAgo(2));
  await productView(dan, 222n, daysAgo(20));

  // Shopify's side for the segment query: four of our customers, by Shopify id.
  const dataset = generateShopDataset({ seed: 15, customers: 0, shopDomain: TEST_SHOP_DOMAIN });
  dataset.customers = [
    fakeCustomer(101n, 5, "US"),
    fakeCustomer(102n, 3, "GB"),
    fakeCustomer(103n, 1, "US"),
    fakeCustomer(108n, 4, "US"),
  ];
  fake = await startFakeShopifyAdmin({ dataset, bucket: { maximumAvailable: 2000, restoreRate: 1000 } });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
  resetConfigCache();
  await seedOfflineSession(TEST_SHOP_DOMAIN);
});

afterAll(async () => {
  await workers?.close();
  await fake?.close();
  signOutDemoAdmin();
});

/** A stored orders/create receipt, as intake records it. */
async function receive(topic: string, body: unknown): Promise<string> {
  const { receiptId } = await recordReceipt({
    shopDomain: TEST_SHOP_DOMAIN,
    topic,
    eventId: randomUUID(),
    webhookId: randomUUID(),
    apiVersion: "2026-10",
    triggeredAt: new Date(),
    payloadJson: JSON.stringify(body),
  });
  return receiptId!;
}

async function segmentWith(name: string, definition: SegmentDefinition, shopifyQuery: string | null = null) {
  return db().segment.create({ data: { shopId, name, definition, shopifyQuery } });
}

async function memberNames(segmentId: string): Promise<string[]> {
  const rows = await db().segmentMember.findMany({ where: { segmentId }, include: { segment: false } });
  const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return rows.map((r) => byId[r.customerId]).sort();
}

async function membersOf(definition: SegmentDefinition, shopifyQuery: string | null = null): Promise<string[]> {
  const segment = await segmentWith(`s-${randomUUID()}`, definition, shopifyQuery);
  const count = await refreshSegmentMembers(shopId, segment.id);
  const names = await memberNames(segment.id);
  expect(count).toBe(names.length);
  const saved = await db().segment.findUniqueOrThrow({ where: { id: segment.id } });
  expect(saved).toMatchObject({ memberCount: count, refreshState: "IDLE", refreshError: null });
  expect(saved.refreshedAt).toBeInstanceOf(Date);
  return names;
}

const all = (...conditions: SegmentDefinition["conditions"]): SegmentDefinition => ({ match: "all", conditions });

describe("segment membership against the hand-built fixture", () => {
  it("GIVEN RFM, order and spend conditions WHEN rebuilt THEN exactly the matching active customers of this shop are members", async () => {
    expect(await membersOf(all({ field: "rfm_group", in: ["CHAMPIONS"] }))).toEqual(["Ada"]);
    expect(await membersOf(all({ field: "rfm_group", in: ["LOYAL", "AT_RISK"] }))).toEqual(["Ben", "Hal"]);
    expect(
      await membersOf(
        all({ field: "orders_count", op: "gte", value: 2 }, { field: "total_spent", op: "gte", value: 150 }),
      ),
    ).toEqual(["Ada", "Ben", "Hal"]);
    expect(await membersOf(all({ field: "total_spent", op: "lt", value: 50 }))).toEqual(["Cleo", "Dan", "Jon"]);
    expect(await membersOf(all({ field: "orders_count", op: "eq", value: 0 }))).toEqual(["Dan"]);
  });

  it("GIVEN days since last order THEN it counts whole days from the newest order's processedAt; no order never matches", async () => {
    expect(await membersOf(all({ field: "days_since_last_order", op: "gte", value: 30 }))).toEqual([
      "Ben",
      "Eve",
      "Hal",
    ]);
    expect(await membersOf(all({ field: "days_since_last_order", op: "lte", value: 14 }))).toEqual(["Ada", "Cleo"]);
    expect(await membersOf(all({ field: "days_since_last_order", op: "eq", value: 10 }))).toEqual(["Cleo"]);
    expect(await membersOf(all({ field: "days_since_last_order", op: "gt", value: 100 }))).toEqual(["Ben"]);
  });

  it("GIVEN country and effective consent THEN grants, opt-outs and WhatsApp's SMS fallback decide as a send would", async () => {
    expect(
      await membersOf(
        all(
          { field: "country", in: ["US"] },
          { field: "consent", channel: "EMAIL", purpose: "MARKETING", state: "granted" },
        ),
      ),
    ).toEqual(["Ada"]);
    expect(await membersOf(all({ field: "consent", channel: "SMS", purpose: "MARKETING", state: "revoked" }))).toEqual([
      "Ben",
    ]);
    expect(
      await membersOf(all({ field: "consent", channel: "SMS", purpose: "TRANSACTIONAL", state: "granted" })),
    ).toEqual(["Ada", "Cleo", "Dan", "Eve", "Hal", "Jon"]);
    // Cleo: SMS marketing from Shopify reaches WhatsApp; Hal said STOP on WhatsApp; Ben opted out of SMS.
    expect(
      await membersOf(all({ field: "consent", channel: "WHATSAPP", purpose: "MARKETING", state: "granted" })),
    ).toEqual(["Cleo"]);
    expect(
      await membersOf(all({ field: "consent", channel: "EMAIL", purpose: "MARKETING", state: "revoked" })),
    ).toEqual(["Dan"]);
  });

  it("GIVEN conversation facts THEN last channel, open conversation and the latest CSAT score match", async () => {
    expect(await membersOf(all({ field: "last_channel", in: ["WHATSAPP"] }))).toEqual(["Ben"]);
    expect(await membersOf(all({ field: "last_channel", in: ["SMS", "EMAIL"] }))).toEqual(["Ada", "Eve"]);
    expect(await membersOf(all({ field: "open_conversation", value: true }))).toEqual(["Ada"]);
    expect(await membersOf(all({ field: "open_conversation", value: false }))).toEqual([
      "Ben",
      "Cleo",
      "Dan",
      "Eve",
      "Hal",
      "Jon",
    ]);
    expect(await membersOf(all({ field: "csat", op: "lte", value: 2 }))).toEqual(["Ben"]);
    expect(await membersOf(all({ field: "csat", op: "eq", value: 5 }))).toEqual(["Ada"]);
  });

  it("GIVEN engagement, cart recovery and product views THEN each window and state matches exactly", async () => {
    expect(await membersOf(all({ field: "engagement", event: "opened", withinDays: 7, happened: true }))).toEqual([
      "Ada",
    ]);
    expect(await membersOf(all({ field: "engagement", event: "clicked", withinDays: 7, happened: true }))).toEqual([
      "Dan",
    ]);
    expect(await membersOf(all({ field: "engagement", event: "replied", withinDays: 7, happened: true }))).toEqual([
      "Eve",
    ]);
    expect(await membersOf(all({ field: "engagement", event: "replied", withinDays: 14, happened: false }))).toEqual([
      "Ben",
      "Cleo",
      "Dan",
      "Hal",
      "Jon",
    ]);
    expect(await membersOf(all({ field: "cart_recovery", state: "active" }))).toEqual(["Cleo"]);
    expect(await membersOf(all({ field: "cart_recovery", state: "recovered" }))).toEqual(["Eve"]);
    expect(await membersOf(all({ field: "cart_recovery", state: "none" }))).toEqual([
      "Ada",
      "Ben",
      "Dan",
      "Hal",
      "Jon",
    ]);
    expect(await membersOf(all({ field: "viewed_product", productId: null, withinDays: 7 }))).toEqual(["Cleo"]);
    expect(await membersOf(all({ field: "viewed_product", productId: "222", withinDays: 30 }))).toEqual(["Dan"]);
    expect(await membersOf(all({ field: "viewed_product", productId: "222", withinDays: 7 }))).toEqual([]);
  });

  it("GIVEN match any, or no conditions THEN either condition suffices, or every active customer belongs", async () => {
    expect(
      await membersOf({
        match: "any",
        conditions: [
          { field: "rfm_group", in: ["CHAMPIONS"] },
          { field: "csat", op: "lte", value: 2 },
        ],
      }),
    ).toEqual(["Ada", "Ben"]);
    expect(await membersOf(all())).toEqual(["Ada", "Ben", "Cleo", "Dan", "Eve", "Hal", "Jon"]);
  });

  it("GIVEN members that no longer match WHEN rebuilt again THEN they leave and new matches join, in place", async () => {
    const segment = await segmentWith("rebuild in place", all({ field: "country", in: ["GB"] }));
    expect(await refreshSegmentMembers(shopId, segment.id)).toBe(1);
    await db().segment.update({
      where: { id: segment.id },
      data: { definition: all({ field: "country", in: ["CA"] }) },
    });
    expect(await refreshSegmentMembers(shopId, segment.id)).toBe(1);
    expect(await memberNames(segment.id)).toEqual(["Dan"]);
  });
});

describe("a Shopify segment query", () => {
  it("GIVEN number_of_orders >= 3 WHEN rebuilt THEN Shopify's members (paged through customerSegmentMembers) are intersected with our conditions", async () => {
    const before = fake.requestsFor("SegmentMembers").length;
    expect(await membersOf(all({ field: "country", in: ["US"] }), "number_of_orders >= 3")).toEqual(["Ada", "Hal"]);
    const sent = fake.requestsFor("SegmentMembers").slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].body?.variables).toEqual({ query: "number_of_orders >= 3", first: 1000, after: null });
    expect(sent[0].body?.query).toContain("customerSegmentMembers(query: $query, first: $first, after: $after)");
  });

  it("GIVEN more members than a page THEN every page is read by its cursor", async () => {
    const { shopifySegmentCustomerIds } = await import("../../app/segments/shopify-members.server");
    const { createShopAdminClient } = await import("../../app/shopify/admin-client.server");
    const many = generateShopDataset({ seed: 3, customers: 0, shopDomain: "paged.myshopify.com" });
    many.customers = Array.from({ length: 2500 }, (_, i) => fakeCustomer(BigInt(5000 + i), 1, "US"));
    const paged = await startFakeShopifyAdmin({ dataset: many, bucket: { maximumAvailable: 2000, restoreRate: 2000 } });
    process.env.SHOPIFY_ADMIN_API_BASE_URL = paged.url;
    resetConfigCache();
    try {
      const client = createShopAdminClient({ shopDomain: "paged.myshopify.com", accessToken: "shpat_x" });
      const found = await shopifySegmentCustomerIds(client, "number_of_orders >= 1");
      expect(found).toHaveLength(2500);
      expect(found[2499]).toBe(7499n);
      expect(paged.requestsFor("SegmentMembers").map((r) => r.body?.variables?.after === null)).toEqual([
        true,
        false,
        false,
      ]);
    } finally {
      await paged.close();
      process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
      resetConfigCache();
    }
  });

  it("GIVEN a query Shopify refuses WHEN the job runs THEN the segment is FAILED with Shopify's reason and the job does not retry", async () => {
    const segment = await segmentWith("bad query", all(), "favourite_colour = 'blue'");
    await db().segment.update({ where: { id: segment.id }, data: { refreshState: "REFRESHING" } });
    await expect(runSegmentRefreshJob(segment.id)).resolves.toBe(0);
    const saved = await db().segment.findUniqueOrThrow({ where: { id: segment.id } });
    expect(saved.refreshState).toBe("FAILED");
    expect(saved.refreshError).toContain("Shopify refused the segment query");
    expect(saved.refreshError).toContain("'favourite_colour' filter cannot be found");
    const preview = await previewSegment(
      { id: shopId, domain: TEST_SHOP_DOMAIN },
      {
        definition: {},
        shopifyQuery: "favourite_colour = 'blue'",
      },
    );
    expect(preview).toMatchObject({ ok: false, field: "shopifyQuery" });
  });
});

describe("the builder's preview", () => {
  it("GIVEN a definition as edited THEN it answers the count and ten sample members, writing nothing", async () => {
    const segmentsBefore = await db().segmentMember.count();
    const result = await previewSegment(
      { id: shopId, domain: TEST_SHOP_DOMAIN },
      { definition: { match: "all", conditions: [{ field: "country", in: ["us"] }] }, shopifyQuery: "" },
    );
    expect(result).toMatchObject({ ok: true, count: 5, shopifyMembers: null });
    if (!result.ok) return;
    expect(result.sample.map((m) => m.name)).toEqual([
      "Ada Fixture",
      "Hal Fixture",
      "Eve Fixture",
      "Cleo Fixture",
      "Jon Fixture",
    ]);
    expect(result.sample[0]).toMatchObject({
      contact: "ada@example.com",
      rfmGroup: "CHAMPIONS",
      rfmSource: "shopify",
      ordersCount: 5,
      totalSpent: "500.00",
    });
    expect(await db().segmentMember.count()).toBe(segmentsBefore);
    const withQuery = await previewSegment(
      { id: shopId, domain: TEST_SHOP_DOMAIN },
      { definition: {}, shopifyQuery: "customer_countries CONTAINS 'US'" },
    );
    expect(withQuery).toMatchObject({ ok: true, count: 3, shopifyMembers: 3 });
    expect(
      await previewSegment(
        { id: shopId, domain: TEST_SHOP_DOMAIN },
        { definition: { conditions: [{ field: "csat", op: "gte" }] } },
      ),
    ).toMatchObject({ ok: false, field: "definition.conditions.0.value" });
  });
});

describe("incremental refresh", () => {
  it("GIVEN one customer re-evaluated THEN every segment of the shop gains or loses exactly that customer", async () => {
    const spenders = await segmentWith("big spenders", all({ field: "total_spent", op: "gte", value: 400 }));
    await refreshSegmentMembers(shopId, spenders.id);
    expect(await memberNames(spenders.id)).toEqual(["Ada", "Hal"]);
    await db().customer.update({ where: { id: ids.Eve }, data: { totalSpent: 450 } });
    await refreshCustomerSegments(shopId, ids.Eve);
    expect(await memberNames(spenders.id)).toEqual(["Ada", "Eve", "Hal"]);
    expect((await db().segment.findUniqueOrThrow({ where: { id: spenders.id } })).memberCount).toBe(3);
    await db().customer.update({ where: { id: ids.Eve }, data: { totalSpent: 120 } });
    await refreshCustomerSegments(shopId, ids.Eve);
    expect(await memberNames(spenders.id)).toEqual(["Ada", "Hal"]);
    expect((await db().segment.findUniqueOrThrow({ where: { id: spenders.id } })).memberCount).toBe(2);
    await db().segment.delete({ where: { id: spenders.id } });
  });

  it("GIVEN workers WHEN an orders/create webhook for Dan arrives THEN he joins 'ordered this week' through a refresh-customer-segments job", async () => {
    workers = await startWorkers({ queues: [QUEUE.segments], reconcileOnStart: false, schedule: false });
    const recent = await segmentWith("ordered this week", all({ field: "days_since_last_order", op: "lte", value: 7 }));
    expect(await refreshSegmentMembers(shopId, recent.id)).toBe(1);
    await handleOrderWebhook({
      receiptId: "r-1",
      topic: "orders/create",
      shopDomain: TEST_SHOP_DOMAIN,
      payload: {
        id: 7700001,
        name: "#7701",
        email: "dan@example.com",
        currency: "USD",
        total_price: "25.00",
        line_items: [],
        created_at: new Date().toISOString(),
        processed_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        customer: { id: 104, email: "dan@example.com", orders_count: 1, total_spent: "25.00" },
      },
    });
    await expect.poll(() => memberNames(recent.id), { timeout: 15_000 }).toEqual(["Ada", "Dan"]);
    expect((await db().segment.findUniqueOrThrow({ where: { id: recent.id } })).memberCount).toBe(2);
    expect((await db().customer.findUniqueOrThrow({ where: { id: ids.Dan } })).lastOrderAt).toBeInstanceOf(Date);
  });

  it("GIVEN workers WHEN a dispatch batch stores two new customers' orders THEN both join through one job for the batch", async () => {
    const recent = await db().segment.findFirstOrThrow({ where: { shopId, name: "ordered this week" } });
    const receiptIds: string[] = [];
    for (const [n, shopifyCustomerId] of [990001, 990002].entries())
      receiptIds.push(
        await receive(
          "orders/create",
          orderPayload({
            shopifyCustomerId,
            email: `batch${n}@example.com`,
            phone: `+1415555990${n}`,
            firstName: `Batch${n}`,
          }),
        ),
      );
    const added = vi.spyOn(getQueue(QUEUE.segments), "add");
    const failures = await processReceiptBatch(receiptIds);
    expect(failures.size).toBe(0);
    const batchCustomers = await db().customer.findMany({
      where: { shopId, shopifyCustomerId: { in: [990001n, 990002n] } },
      select: { id: true },
    });
    expect(batchCustomers).toHaveLength(2);
    const jobs = added.mock.calls.filter(([name]) => name === JOB.refreshCustomerSegments);
    expect(jobs).toHaveLength(1);
    expect(jobs[0][1]).toEqual({ shopId, customerIds: expect.arrayContaining(batchCustomers.map((c) => c.id)) });
    added.mockRestore();
    await expect
      .poll(async () => db().segmentMember.count({ where: { segmentId: recent.id } }), { timeout: 15_000 })
      .toBe(4);
  });

  it("GIVEN workers WHEN Ada unsubscribes from email THEN she leaves 'email subscribers' through a job keyed by her consent change", async () => {
    const subscribers = await segmentWith(
      "email subscribers",
      all({ field: "consent", channel: "EMAIL", purpose: "MARKETING", state: "granted" }),
    );
    expect(await refreshSegmentMembers(shopId, subscribers.id)).toBe(1);
    await revokeConsent({
      shopId,
      customerId: ids.Ada,
      channel: "EMAIL",
      purposes: ["MARKETING"],
      source: "UNSUBSCRIBE_LINK",
    });
    await expect.poll(() => memberNames(subscribers.id), { timeout: 15_000 }).toEqual([]);
    expect((await db().segment.findUniqueOrThrow({ where: { id: subscribers.id } })).memberCount).toBe(0);
  });

  it("GIVEN the same change twice THEN it maps to the same job id; another change to another", () => {
    const a = customerRefreshJobId(shopId, ["b", "a"], "orders:o1:5");
    expect(customerRefreshJobId(shopId, ["a", "b"], "orders:o1:5")).toBe(a);
    expect(customerRefreshJobId(shopId, ["a", "b"], "orders:o1:6")).not.toBe(a);
    expect(a).toMatch(/^segments-customers-[0-9a-f]{40}$/);
  });
});

describe("refresh jobs: the row is the truth", () => {
  it("GIVEN a saved segment THEN it is REFRESHING with a refresh-segment-<id> job, and the job leaves it IDLE with its members", async () => {
    const saved = await saveSegment(shopId, null, {
      name: "UK",
      definition: { match: "all", conditions: [{ field: "country", in: ["GB"] }] },
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    await expect
      .poll(async () => (await db().segment.findUniqueOrThrow({ where: { id: saved.id } })).refreshState, {
        timeout: 15_000,
      })
      .toBe("IDLE");
    expect(await memberNames(saved.id)).toEqual(["Ben"]);
    const job = await getQueue(QUEUE.segments).getJob(`refresh-segment-${saved.id}`);
    expect(job?.name).toBe(JOB.refreshSegment);
    expect(job?.data).toEqual({ segmentId: saved.id });
    expect(await saveSegment(shopId, null, { name: "UK", definition: {} })).toEqual({
      ok: false,
      field: "name",
      error: "name: another segment has this name",
    });
  });

  it("GIVEN a segment left REFRESHING and Redis without its job THEN the reconciler enqueues it again", async () => {
    await workers?.close();
    workers = undefined;
    const segment = await segmentWith("lost job", all({ field: "viewed_product", productId: "222", withinDays: 30 }));
    await db().segment.update({ where: { id: segment.id }, data: { refreshState: "REFRESHING" } });
    expect(await reconcileSegmentRefreshes()).toBeGreaterThanOrEqual(1);
    const job = await getQueue(QUEUE.segments).getJob(`refresh-segment-${segment.id}`);
    expect(await job?.getState()).toBe("waiting");
    expect(await reconcileSegmentRefreshes()).toBe(0);
    workers = await startWorkers({ queues: [QUEUE.segments], reconcileOnStart: false, schedule: false });
    await expect.poll(() => memberNames(segment.id), { timeout: 15_000 }).toEqual(["Dan"]);
  });

  it("GIVEN the periodic refresh THEN every idle segment of installed shops is rebuilt and the fallback RFM runs first", async () => {
    const result = await refreshAllSegments();
    expect(result.shops).toBe(2);
    const jon = await db().customer.findUniqueOrThrow({ where: { id: ids.Jon } });
    expect(jon.rfmSource).toBe("computed");
    await expect
      .poll(async () => db().segment.count({ where: { shopId, refreshState: "REFRESHING" } }), { timeout: 20_000 })
      .toBe(0);
  });
});

describe("RFM groups", () => {
  it("GIVEN the fallback THEN customers without Shopify's group get a computed one and Shopify's values stay", async () => {
    await computeFallbackRfm(shopId);
    const rows = await db().customer.findMany({
      where: { shopId },
      select: { firstName: true, rfmGroup: true, rfmSource: true },
    });
    const by = Object.fromEntries(rows.map((r) => [r.firstName, r]));
    expect(by.Ada).toMatchObject({ rfmGroup: "CHAMPIONS", rfmSource: "shopify" });
    expect(by.Ben).toMatchObject({ rfmGroup: "AT_RISK", rfmSource: "shopify" });
    expect(by.Hal.rfmSource).toBe("computed");
    expect(by.Cleo.rfmSource).toBe("computed");
    expect(by.Cleo.rfmGroup).not.toBeNull();
    // Merged and redacted customers are not scored.
    expect(by.Finn).toMatchObject({ rfmGroup: "CHAMPIONS", rfmSource: "shopify" });
  });

  it("GIVEN Shopify's statistics.rfmGroup WHEN the backfill imports customers THEN it is kept with source shopify", async () => {
    const domain = "rfm-backfill.myshopify.com";
    const dataset = generateShopDataset({
      seed: 7,
      customers: 6,
      ordersPerCustomer: { min: 0, max: 3 },
      shopDomain: domain,
    });
    dataset.customers[0].statistics = { rfmGroup: "PREVIOUSLY_LOYAL" };
    dataset.customers[1].statistics = { rfmGroup: null };
    const backfillFake = await startFakeShopifyAdmin({
      dataset,
      bucket: { maximumAvailable: 2000, restoreRate: 1000 },
    });
    process.env.SHOPIFY_ADMIN_API_BASE_URL = backfillFake.url;
    resetConfigCache();
    try {
      await seedOfflineSession(domain);
      const shop = await db().shop.create({ data: { domain } });
      await runBackfill(await startBackfill(shop.id, "install"));
      const customers = await db().customer.findMany({ where: { shopId: shop.id } });
      const of = (c: FakeCustomer) => customers.find((row) => row.shopifyCustomerId === gidNumber(c.id))!;
      expect(of(dataset.customers[0])).toMatchObject({ rfmGroup: "PREVIOUSLY_LOYAL", rfmSource: "shopify" });
      expect(of(dataset.customers[1])).toMatchObject({ rfmGroup: null, rfmSource: null });
      for (const c of dataset.customers.slice(2))
        expect(of(c)).toMatchObject({ rfmGroup: c.statistics!.rfmGroup, rfmSource: "shopify" });
      expect(backfillFake.requestsFor("BackfillCustomers")[0].body?.query).toContain("statistics { rfmGroup }");
      await db().shop.update({ where: { id: shop.id }, data: { uninstalledAt: new Date() } });
    } finally {
      await backfillFake.close();
      process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
      resetConfigCache();
    }
  });
});

describe("tenant isolation and the routes", () => {
  it("GIVEN another shop's segment WHEN this shop reads, refreshes or saves it THEN 404", async () => {
    const theirs = await db().segment.create({ data: { shopId: otherShopId, name: "theirs", definition: {} } });
    await expect(requireSegment(shopId, theirs.id)).rejects.toMatchObject({ status: 404 });
    await expect(refreshSegmentMembers(shopId, theirs.id)).rejects.toThrow(/not found in this shop/);
    await expect(saveSegment(shopId, theirs.id, { name: "mine now", definition: {} })).rejects.toMatchObject({
      status: 404,
    });
    expect((await db().segment.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe("theirs");

    await signInDemoAdmin();
    const route = await import("../../app/routes/app.segments.$id");
    const get = (id: string) =>
      route.loader({ request: new Request(`http://127.0.0.1:3999/app/segments/${id}`), params: { id }, context: {} });
    await expect(get(theirs.id)).rejects.toMatchObject({ status: 404 });
    const post = (id: string, fields: Record<string, string>) =>
      route.action({
        request: new Request(`http://127.0.0.1:3999/app/segments/${id}`, {
          method: "POST",
          body: new URLSearchParams(fields),
        }),
        params: { id },
        context: {},
      });
    await expect(post(theirs.id, { intent: "delete" })).rejects.toMatchObject({ status: 404 });
    expect(await db().segment.count({ where: { id: theirs.id } })).toBe(1);
    const bad = await post("new", { intent: "save", segment: "{not json" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, field: "segment", error: "segment: must be JSON" });
  });

  it("GIVEN the preview route THEN JSON in, count out; not JSON answers 400", async () => {
    await signInDemoAdmin();
    const route = await import("../../app/routes/app.segments.preview");
    const post = (body: string) =>
      route.action({
        request: new Request("http://127.0.0.1:3999/app/segments/preview", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        }),
        params: {},
        context: {},
      });
    const ok = await post(JSON.stringify({ definition: { conditions: [{ field: "rfm_group", in: ["CHAMPIONS"] }] } }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, count: 1, sample: [{ name: "Ada Fixture" }] });
    expect((await post("nope")).status).toBe(400);
  });
});
