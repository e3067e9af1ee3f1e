// The backfill against the Admin API stand-in: real PostgreSQL, real Redis, real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { ingestOrder } from "../../app/commerce/ingest.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { runBackfill } from "../../app/shopify/backfill/run-backfill.server";
import { startBackfill } from "../../app/shopify/backfill/start-backfill.server";
import { fetchOrderDetails } from "../../app/shopify/order-details.server";
import {
  generateShopDataset,
  gidNumber,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeShopDataset,
  type FakeShopifyAdmin,
  type FakeShopifyAdminOptions,
} from "../fakes/shopify-admin";

const NOW = new Date();
const fakes: FakeShopifyAdmin[] = [];

/** One shop per test: its own domain (so its own cost bucket), dataset, stand-in and offline session. */
async function givenShop(domain: string, dataset: FakeShopDataset, fakeOptions: Partial<FakeShopifyAdminOptions> = {}) {
  // A Plus-plan restore rate keeps repeated runs quick; the throttling test brings its own bucket.
  const fake = await startFakeShopifyAdmin({
    dataset,
    bucket: { maximumAvailable: 2000, restoreRate: 1000 },
    ...fakeOptions,
  });
  fakes.push(fake);
  process.env.SHOPIFY_ADMIN_API_BASE_URL = fake.url;
  resetConfigCache();
  await seedOfflineSession(domain);
  const shop = await db().shop.create({ data: { domain } });
  return { fake, shop };
}

function datasetFor(
  domain: string,
  seed: number,
  extra: { customers?: number; abandonedCheckouts?: number; ordersBeforeWindow?: number } = {},
) {
  return generateShopDataset({
    seed,
    customers: extra.customers ?? 14,
    ordersPerCustomer: { min: 1, max: 3 },
    abandonedCheckouts: extra.abandonedCheckouts ?? 4,
    ordersBeforeWindow: extra.ordersBeforeWindow ?? 0,
    now: NOW,
    shopDomain: domain,
    shopName: `Shop ${seed}`,
  });
}

const WINDOW_START = new Date(NOW.getTime() - 90 * 24 * 3600 * 1000);
const ordersInWindow = (dataset: FakeShopDataset) =>
  dataset.orders.filter((o) => new Date(o.createdAt) >= WINDOW_START);

/** Asserts the database holds exactly the shop's dataset. */
async function expectRowsToMatch(shopId: string, dataset: FakeShopDataset) {
  const customers = await db().customer.findMany({ where: { shopId } });
  expect(customers.map((c) => c.shopifyCustomerId).sort()).toEqual(
    dataset.customers.map((c) => gidNumber(c.id)).sort(),
  );
  const sample = dataset.customers[3];
  const saved = customers.find((c) => c.shopifyCustomerId === gidNumber(sample.id))!;
  expect(saved).toMatchObject({ firstName: sample.firstName, lastName: sample.lastName, email: sample.email });
  // "Customer since" is when Shopify created the customer, not when we imported them.
  expect(saved.shopifyCreatedAt?.toISOString()).toBe(new Date(sample.createdAt).toISOString());

  const expectedOrders = ordersInWindow(dataset);
  const orders = await db().order.findMany({ where: { shopId } });
  expect(orders.map((o) => o.shopifyOrderId).sort()).toEqual(expectedOrders.map((o) => gidNumber(o.id)).sort());
  for (const order of expectedOrders) {
    const row = orders.find((o) => o.shopifyOrderId === gidNumber(order.id))!;
    const owner = customers.find((c) => c.shopifyCustomerId === gidNumber(order.customerId!))!;
    expect(row).toMatchObject({
      name: order.name,
      customerId: owner.id,
      orderStatusUrl: order.statusPageUrl,
      currency: "USD",
    });
    expect(row.totalPrice.toFixed(2)).toBe(order.totalPriceSet.shopMoney.amount);
    expect(row.lineItems).toHaveLength(order.lineItems.length);
  }

  const expectedFulfillments = expectedOrders.flatMap((o) => o.fulfillments);
  const fulfillments = await db().fulfillment.findMany({ where: { shopId } });
  expect(fulfillments).toHaveLength(expectedFulfillments.length);
  for (const f of expectedFulfillments) {
    const row = fulfillments.find((r) => r.shopifyFulfillmentId === gidNumber(f.id))!;
    expect(row).toMatchObject({
      shipmentStatus: f.displayStatus === "DELIVERED" ? "delivered" : "in_transit",
      trackingNumber: f.trackingInfo[0].number,
      trackingCompany: f.trackingInfo[0].company,
    });
  }

  const checkouts = await db().checkout.findMany({ where: { shopId } });
  expect(checkouts.map((c) => c.token).sort()).toEqual(dataset.abandonedCheckouts.map((c) => c.token).sort());
  for (const c of dataset.abandonedCheckouts) {
    const row = checkouts.find((r) => r.token === c.token)!;
    expect(row.abandonedCheckoutUrl).toBe(c.abandonedCheckoutUrl);
    expect(row.shopifyCheckoutId).toBe(gidNumber(c.id));
    expect(row.customerId).toBe(customers.find((x) => x.shopifyCustomerId === gidNumber(c.customerId!))!.id);
  }

  const events = await db().timelineEvent.groupBy({ by: ["type"], where: { shopId }, _count: true });
  const count = (type: string) => events.find((e) => e.type === type)?._count ?? 0;
  expect(count("ORDER_PLACED")).toBe(expectedOrders.length);
  expect(count("ORDER_FULFILLED")).toBe(expectedFulfillments.length);
  expect(count("ORDER_DELIVERED")).toBe(expectedFulfillments.filter((f) => f.displayStatus === "DELIVERED").length);
  expect(count("CHECKOUT_STARTED")).toBe(dataset.abandonedCheckouts.length);
}

async function rowCounts(shopId: string) {
  const where = { shopId };
  return {
    customers: await db().customer.count({ where }),
    orders: await db().order.count({ where }),
    fulfillments: await db().fulfillment.count({ where }),
    checkouts: await db().checkout.count({ where }),
    timelineEvents: await db().timelineEvent.count({ where }),
    consents: await db().consent.count({ where }),
  };
}

beforeAll(() => {
  delete process.env.BACKFILL_BULK_THRESHOLD;
  resetConfigCache();
});
afterEach(() => {
  delete process.env.BACKFILL_BULK_THRESHOLD;
  resetConfigCache();
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});

describe("backfill", () => {
  it("GIVEN a shop with customers, orders and open checkouts WHEN the backfill runs THEN every row matches the shop and the run is COMPLETED", async () => {
    const domain = "backfill-paginated.myshopify.com";
    const dataset = datasetFor(domain, 11, { ordersBeforeWindow: 3 });
    const { fake, shop } = await givenShop(domain, dataset);

    const runId = await startBackfill(shop.id, "install");
    expect(await getQueue(QUEUE.backfill).getJob(`backfill-${runId}`)).toBeTruthy();
    await runBackfill(runId);

    await expectRowsToMatch(shop.id, dataset);
    const run = await db().backfillRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({
      status: "COMPLETED",
      phase: "done",
      mode: "PAGINATED",
      error: null,
      customersTotal: dataset.customers.length,
      customersImported: dataset.customers.length,
      ordersTotal: ordersInWindow(dataset).length,
      ordersImported: ordersInWindow(dataset).length,
      checkoutsImported: dataset.abandonedCheckouts.length,
    });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.finishedAt!.getTime()).toBeGreaterThanOrEqual(run.startedAt!.getTime());

    const savedShop = await db().shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(savedShop).toMatchObject({
      name: "Shop 11",
      email: dataset.shop.email,
      currency: "USD",
      ianaTimezone: "America/New_York",
      primaryLocale: "en",
    });
    expect(savedShop.lastCheckoutSweepAt).toBeInstanceOf(Date);

    // The orders query asked only for the 90-day window, and every request carried the token.
    const ordersRequest = fake.requestsFor("BackfillOrders")[0];
    expect(ordersRequest.body?.variables?.query).toBe(
      `created_at:>='${new Date(run.startedAt!.getTime() - 90 * 24 * 3600 * 1000).toISOString()}'`,
    );
    expect(fake.requestsFor("BackfillAbandonedCheckouts")[0].body?.variables?.query).toBe("status:open");
    expect(fake.requests.every((r) => r.headers["x-shopify-access-token"] === "shpat_fake_threadline_token")).toBe(
      true,
    );
  });

  it("GIVEN marketing consent on defaultEmailAddress / defaultPhoneNumber (2026-10) WHEN the backfill runs THEN Consent follows it, dated by marketingUpdatedAt, and an opt-out we hold is not undone by an older grant", async () => {
    const domain = "backfill-consent.myshopify.com";
    const dataset = datasetFor(domain, 13, { customers: 3, abandonedCheckouts: 0 });
    const [subscribed, unsubscribed, optedOutHere] = dataset.customers;
    subscribed.defaultEmailAddress = {
      emailAddress: subscribed.email!,
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "CONFIRMED_OPT_IN",
      marketingUpdatedAt: "2026-10-01T08:00:00Z",
    };
    subscribed.defaultPhoneNumber = {
      phoneNumber: "+14155550199",
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      marketingUpdatedAt: "2026-10-02T08:00:00Z",
      marketingCollectedFrom: "SHOPIFY",
    };
    unsubscribed.defaultEmailAddress = {
      emailAddress: unsubscribed.email!,
      marketingState: "UNSUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      marketingUpdatedAt: "2026-10-03T08:00:00Z",
    };
    unsubscribed.defaultPhoneNumber = null;
    optedOutHere.defaultEmailAddress = {
      emailAddress: optedOutHere.email!,
      marketingState: "SUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      marketingUpdatedAt: "2026-10-04T08:00:00Z",
    };
    optedOutHere.defaultPhoneNumber = null;
    const { fake, shop } = await givenShop(domain, dataset);
    // Someone who unsubscribed through our link after Shopify's last word on them.
    const ours = await db().customer.create({
      data: { shopId: shop.id, shopifyCustomerId: gidNumber(optedOutHere.id), email: optedOutHere.email },
    });
    await db().consent.create({
      data: {
        shopId: shop.id,
        customerId: ours.id,
        channel: "EMAIL",
        purpose: "MARKETING",
        state: "REVOKED",
        source: "UNSUBSCRIBE_LINK",
        occurredAt: new Date("2026-10-05T08:00:00Z"),
      },
    });

    await runBackfill(await startBackfill(shop.id, "install"));

    expect(fake.requestsFor("BackfillCustomers")[0].body?.query).toMatch(
      /defaultEmailAddress \{ emailAddress marketingState marketingOptInLevel marketingUpdatedAt \}/,
    );
    const consentOf = async (gid: string) =>
      (
        await db().consent.findMany({
          where: { shopId: shop.id, customer: { shopifyCustomerId: gidNumber(gid) } },
          orderBy: { channel: "asc" },
        })
      ).map((c) => `${c.channel} ${c.state} ${c.source} ${c.occurredAt.toISOString()}`);
    expect(await consentOf(subscribed.id)).toEqual([
      "SMS GRANTED SHOPIFY_CUSTOMER 2026-10-02T08:00:00.000Z",
      "EMAIL GRANTED SHOPIFY_CUSTOMER 2026-10-01T08:00:00.000Z",
    ]);
    expect(await consentOf(unsubscribed.id)).toEqual(["EMAIL REVOKED SHOPIFY_CUSTOMER 2026-10-03T08:00:00.000Z"]);
    expect(await consentOf(optedOutHere.id)).toEqual(["EMAIL REVOKED UNSUBSCRIBE_LINK 2026-10-05T08:00:00.000Z"]);
  });

  it("GIVEN a completed backfill WHEN it runs again, or a new run imports the same shop THEN nothing is added", async () => {
    const domain = "backfill-rerun.myshopify.com";
    const dataset = datasetFor(domain, 12);
    const { fake, shop } = await givenShop(domain, dataset);
    const runId = await startBackfill(shop.id, "install");
    await runBackfill(runId);
    const before = await rowCounts(shop.id);
    const requestsBefore = fake.requests.length;

    await runBackfill(runId);
    expect(fake.requests.length).toBe(requestsBefore);

    const secondRunId = await startBackfill(shop.id, "manual");
    expect(secondRunId).not.toBe(runId);
    await runBackfill(secondRunId);
    expect(await rowCounts(shop.id)).toEqual(before);
    expect(await db().backfillRun.findUniqueOrThrow({ where: { id: secondRunId } })).toMatchObject({
      status: "COMPLETED",
    });
  });

  it("GIVEN a run already queued WHEN another backfill is asked for THEN the queued run is returned", async () => {
    const domain = "backfill-dedupe.myshopify.com";
    const { shop } = await givenShop(domain, datasetFor(domain, 13));
    const [a, b] = await Promise.all([startBackfill(shop.id, "install"), startBackfill(shop.id, "manual")]);
    expect(a).toBe(b);
    expect(await db().backfillRun.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("GIVEN a crashed run left RUNNING in the orders phase WHEN it runs again THEN it resumes and completes without duplicates", async () => {
    const domain = "backfill-resume.myshopify.com";
    const dataset = datasetFor(domain, 14);
    const { fake, shop } = await givenShop(domain, dataset);
    const runId = await startBackfill(shop.id, "install");
    await runBackfill(runId);
    const before = await rowCounts(shop.id);
    await db().backfillRun.update({
      where: { id: runId },
      data: { status: "RUNNING", phase: "orders", finishedAt: null },
    });
    fake.requests.length = 0;

    await runBackfill(runId);

    expect(fake.requestsFor("BackfillCustomers")).toHaveLength(0);
    expect(fake.requestsFor("BackfillOrders").length).toBeGreaterThan(0);
    expect(await rowCounts(shop.id)).toEqual(before);
    expect(await db().backfillRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "COMPLETED",
      phase: "done",
    });
  });

  it("GIVEN a tiny cost bucket WHEN the backfill runs THEN it waits for points, survives THROTTLED answers and records the time", async () => {
    const domain = "backfill-throttled.myshopify.com";
    const dataset = datasetFor(domain, 15, { customers: 10 });
    const { fake, shop } = await givenShop(domain, dataset, {
      bucket: { maximumAvailable: 1000, restoreRate: 1000, currentlyAvailable: 0 },
    });

    const runId = await startBackfill(shop.id, "install");
    // Empty just before the run: under load, setup alone can outlast a refill.
    fake.drainBucket();
    await runBackfill(runId);

    expect(fake.requests.filter((r) => r.outcome === "throttled").length).toBeGreaterThan(0);
    const run = await db().backfillRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("COMPLETED");
    expect(run.throttledMs).toBeGreaterThan(0);
    await expectRowsToMatch(shop.id, dataset);
  });

  it("GIVEN more history than the bulk threshold WHEN the backfill runs THEN bulk operations import the same rows", async () => {
    process.env.BACKFILL_BULK_THRESHOLD = "5";
    const domain = "backfill-bulk.myshopify.com";
    const dataset = datasetFor(domain, 16, { ordersBeforeWindow: 2 });
    const { fake, shop } = await givenShop(domain, dataset);

    const runId = await startBackfill(shop.id, "install");
    await runBackfill(runId);

    await expectRowsToMatch(shop.id, dataset);
    expect(await db().backfillRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "COMPLETED",
      mode: "BULK",
      customersImported: dataset.customers.length,
      ordersImported: ordersInWindow(dataset).length,
    });
    const bulkQueries = fake.requestsFor("BackfillBulkRun").map((r) => String(r.body?.variables?.query));
    expect(bulkQueries).toHaveLength(3);
    expect(bulkQueries[0]).toMatch(/^\{ customers/);
    expect(bulkQueries[1]).toMatch(/^\{ orders\(query: "created_at:>=/);
    expect(bulkQueries[2]).toMatch(/^\{ products/);
    expect(fake.requests.filter((r) => r.method === "GET" && r.path.startsWith("/bulk/"))).toHaveLength(3);
    expect(fake.requestsFor("BackfillCustomers")).toHaveLength(0);
  });

  it("GIVEN an earlier attempt's bulk operation still running WHEN a bulk backfill starts THEN it waits that one out and completes", async () => {
    process.env.BACKFILL_BULK_THRESHOLD = "5";
    const domain = "backfill-bulk-busy.myshopify.com";
    const dataset = datasetFor(domain, 18);
    const { fake, shop } = await givenShop(domain, dataset);
    const leftover = fake.bulkOperations.create(dataset, "{ customers { edges { node { id } } } }")!;

    const runId = await startBackfill(shop.id, "install");
    await runBackfill(runId);

    expect(fake.requestsFor("BackfillCurrentBulkOperation")).toHaveLength(1);
    expect(fake.requestsFor("BackfillBulkPoll").some((r) => r.body?.variables?.id === leftover.id)).toBe(true);
    expect(await db().backfillRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "COMPLETED" });
    await expectRowsToMatch(shop.id, dataset);
  });

  it("GIVEN a stored order WHEN a page asks for fresh details THEN they come from the Admin API with tracking", async () => {
    const domain = "order-details.myshopify.com";
    const dataset = datasetFor(domain, 19);
    const { fake } = await givenShop(domain, dataset);
    const order = dataset.orders.find((o) => o.fulfillments.length > 0)!;

    const details = await fetchOrderDetails(domain, gidNumber(order.id));

    expect(fake.requestsFor("OrderDetails")[0].body?.variables).toEqual({ id: order.id });
    expect(details).toMatchObject({
      shopifyOrderId: gidNumber(order.id),
      name: order.name,
      financialStatus: order.displayFinancialStatus.toLowerCase(),
      fulfillmentStatus: "fulfilled",
      totalPrice: order.totalPriceSet.shopMoney.amount,
      email: order.email,
      orderStatusUrl: order.statusPageUrl,
    });
    expect(details!.lineItems.map((li) => li.title)).toEqual(order.lineItems.map((li) => li.title));
    expect(details!.fulfillments[0]).toMatchObject({
      trackingNumber: order.fulfillments[0].trackingInfo[0].number,
      trackingUrl: order.fulfillments[0].trackingInfo[0].url,
      shipmentStatus: order.fulfillments[0].displayStatus === "DELIVERED" ? "delivered" : "in_transit",
    });
    expect(details!.customer?.shopifyCustomerId).toBe(gidNumber(order.customerId!));
    expect(await fetchOrderDetails(domain, 42n)).toBeNull();
  });

  it("GIVEN an order that arrived by webhook WHEN the backfill imports it, and a later webhook updates it THEN there is one order row", async () => {
    const domain = "backfill-merge.myshopify.com";
    const dataset = datasetFor(domain, 17);
    const { shop } = await givenShop(domain, dataset);
    const order = dataset.orders[0];
    const customer = dataset.customers.find((c) => c.id === order.customerId)!;
    const webhookShaped = (updatedAt: Date, financialStatus: string) => ({
      shopifyOrderId: gidNumber(order.id),
      name: order.name,
      email: order.email,
      currency: "USD",
      totalPrice: order.totalPriceSet.shopMoney.amount,
      financialStatus,
      checkoutToken: "webhook-checkout-token",
      orderStatusUrl: order.statusPageUrl,
      lineItems: order.lineItems.map((li) => ({
        title: li.title,
        quantity: li.quantity,
        price: li.originalUnitPriceSet.shopMoney.amount,
      })),
      processedAt: new Date(order.processedAt),
      customer: {
        shopifyCustomerId: gidNumber(customer.id),
        email: customer.email,
        firstName: customer.firstName,
        updatedAt: new Date(customer.updatedAt),
      },
      updatedAt,
    });

    await ingestOrder(
      shop.id,
      webhookShaped(new Date(new Date(order.createdAt).getTime() + 1000), "pending"),
      "webhook",
    );
    await runBackfill(await startBackfill(shop.id, "install"));

    const rows = await db().order.findMany({ where: { shopId: shop.id, shopifyOrderId: gidNumber(order.id) } });
    expect(rows).toHaveLength(1);
    expect(rows[0].financialStatus).toBe(order.displayFinancialStatus.toLowerCase());
    expect(await db().customer.count({ where: { shopId: shop.id, shopifyCustomerId: gidNumber(customer.id) } })).toBe(
      1,
    );

    await ingestOrder(shop.id, webhookShaped(new Date(Date.now() + 60_000), "refunded"), "webhook");
    const after = await db().order.findMany({ where: { shopId: shop.id, shopifyOrderId: gidNumber(order.id) } });
    expect(after).toHaveLength(1);
    expect(after[0].financialStatus).toBe("refunded");
    expect(
      await db().timelineEvent.count({ where: { shopId: shop.id, orderId: after[0].id, type: "ORDER_PLACED" } }),
    ).toBe(1);
  });

  it("GIVEN a shop without an offline session WHEN the backfill runs THEN the run fails with a clear error and is not retried", async () => {
    const shop = await db().shop.create({ data: { domain: "backfill-no-session.myshopify.com" } });
    const runId = await startBackfill(shop.id, "install");

    await expect(runBackfill(runId)).rejects.toMatchObject({ name: "UnrecoverableError" });
    const run = await db().backfillRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/No offline access token for backfill-no-session\.myshopify\.com/);
  });
});
