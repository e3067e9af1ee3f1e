// Browse abandonment (issue 15 clauses 5 and 8): who the lifecycle sweep enrols (each entry rule,
// including which storefront views are trusted enough to message on), each stop rule, the
// product a step speaks of, and one step end to end through runFlowStep to the Twilio stand-in.
// Storefront events go through the pixel's real intake (recordPixelBatch: the real ties to
// customers); each batch's stored time is set to when it "arrived", since proofs compare it with
// the order's time.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeCustomers } from "../../app/customers/merge/merge.server";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { runLifecycleSweep } from "../../app/lifecycle/sweep.server";
import { recordPixelBatch } from "../../app/storefront-events/record-events.server";
import type { PixelBatch, PixelBatchEvent } from "../../app/storefront-events/batch";
import { createConversationWithMessage } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { daytimeCountry, enableFlows, nextId, setStepChannels, waitFor } from "./flows-engine-support";
import { SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let workers: WorkerHandle;
let shopId: string;
let browseFlowId: string;
let cartFlowId: string;
const country = daytimeCountry().country;

/** The tests' "now": every time is set relative to it, and sweeps and steps run at it. */
const NOW = new Date();
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const DAY_MIN = 1440;

const PRODUCTS = {
  hoodie: { id: "7101", title: "Blue Hoodie", handle: "blue-hoodie", price: "49.00" },
  scarf: { id: "7102", title: "Wool Scarf", handle: "wool-scarf", price: "25.00" },
  beanie: { id: "7103", title: "Knit Beanie", handle: "knit-beanie", price: "19.50" },
  archived: { id: "7104", title: "Old Parka", handle: "old-parka", price: "120.00" },
  soldOut: { id: "7105", title: "Rain Jacket", handle: "rain-jacket", price: "89.00" },
} as const;
type ProductKey = keyof typeof PRODUCTS;
const productUrl = (key: ProductKey) => `https://${TEST_SHOP_DOMAIN}/products/${PRODUCTS[key].handle}`;

beforeAll(async () => {
  env = await startSendingEnv();
  shopId = env.shopId;
  const flows = await enableFlows(shopId, ["BROWSE_ABANDONMENT"]);
  browseFlowId = flows.BROWSE_ABANDONMENT.id;
  cartFlowId = flows.CART_RECOVERY.id;
  await setStepChannels(shopId, "BROWSE_ABANDONMENT", ["SMS"]);
  for (const [key, p] of Object.entries(PRODUCTS)) {
    await db().product.create({
      data: {
        shopId,
        shopifyProductId: BigInt(p.id),
        title: p.title,
        handle: p.handle,
        url: productUrl(key as ProductKey),
        imageUrl: `https://cdn.shopify.com/${p.handle}.jpg`,
        status: key === "archived" ? "ARCHIVED" : "ACTIVE",
        variants: {
          create: {
            shopId,
            shopifyVariantId: BigInt(Number(p.id) + 1000),
            title: "Default",
            price: p.price,
            available: key !== "soldOut",
          },
        },
      },
    });
  }
  // Only the sends queue: steps are run by the tests themselves, through runFlowStep.
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

// ---------------------------------------------------------------------------
// Arrangement helpers

let shopperSeq = 0;

/** A customer with a Shopify account, who may receive marketing SMS unless `consent: false`. */
async function shopper(options: { consent?: boolean } = {}) {
  const n = shopperSeq++;
  const customer = await db().customer.create({
    data: {
      shopId,
      shopifyCustomerId: BigInt(nextId()),
      firstName: "Ada",
      email: `browse-${n}@example.com`,
      phone: `+1415556${String(1000 + n).padStart(4, "0")}`,
    },
  });
  if (options.consent !== false) {
    await db().consent.create({
      data: {
        shopId,
        customerId: customer.id,
        channel: "SMS",
        purpose: "MARKETING",
        state: "GRANTED",
        source: "SHOPIFY_CUSTOMER",
        occurredAt: minutesAgo(30 * DAY_MIN),
      },
    });
  }
  return customer;
}
type Shopper = Awaited<ReturnType<typeof shopper>>;

/** A batch from the pixel, recorded as the intake does, stored at `storedAt`. */
async function pixel(clientId: string, events: PixelBatchEvent[], storedAt: Date, over: Partial<PixelBatch> = {}) {
  const batch: PixelBatch = {
    v: 1,
    shop: TEST_SHOP_DOMAIN,
    key: "not-checked-here",
    clientId,
    consent: { analytics: true },
    events,
    ...over,
  };
  const recorded = await recordPixelBatch(shopId, batch, storedAt);
  await db().storefrontEvent.updateMany({
    where: { shopId, eventId: { in: events.map((e) => e.id) } },
    data: { createdAt: storedAt },
  });
  return recorded;
}

const productEvent = (name: "product_viewed" | "product_added_to_cart", key: ProductKey, at: Date) => ({
  id: randomUUID(),
  name,
  timestamp: at.toISOString(),
  url: productUrl(key),
  product: { id: PRODUCTS[key].id, title: PRODUCTS[key].title, price: Number(PRODUCTS[key].price) },
});
const viewed = (key: ProductKey, at: Date) => productEvent("product_viewed", key, at);
const carted = (key: ProductKey, at: Date) => productEvent("product_added_to_cart", key, at);
const checkoutCompleted = (email: string, at: Date) => ({
  id: randomUUID(),
  name: "checkout_completed" as const,
  timestamp: at.toISOString(),
  checkout: { email },
});

async function placeOrder(customer: Shopper, at: Date) {
  return db().order.create({
    data: {
      shopId,
      shopifyOrderId: BigInt(nextId()),
      customerId: customer.id,
      name: `#${1000 + shopperSeq}`,
      email: customer.email,
      processedAt: at,
      shippingAddress: { countryCode: country, province: null },
    },
  });
}

/**
 * The customer bought `daysAgo` days ago, and the pixel saw that checkout complete in a new
 * browser (tied by its email): the browser is now proven theirs. Returns the browser's id.
 */
async function browserProvenByPurchase(customer: Shopper, daysAgo = 3): Promise<string> {
  const clientId = randomUUID();
  const orderAt = minutesAgo(daysAgo * DAY_MIN);
  await placeOrder(customer, orderAt);
  const thankYouPage = new Date(orderAt.getTime() + 60_000);
  const tie = await pixel(clientId, [checkoutCompleted(customer.email!, thankYouPage)], thankYouPage);
  expect(tie).toMatchObject({ customerId: customer.id, tiedBy: "checkout" });
  return clientId;
}

/** Product views from the browser, each stored when it happened; the browser names nobody (tied by its id). */
async function browse(clientId: string, views: Array<[ProductKey, number]>) {
  const events = [];
  for (const [key, mins] of views) {
    const event = viewed(key, minutesAgo(mins));
    await pixel(clientId, [event], minutesAgo(mins));
    events.push(event);
  }
  return events;
}

const sweep = (now = NOW) => runLifecycleSweep({ shopId, now });

async function browseRunsOf(customerId: string) {
  return db().flowRun.findMany({
    where: { flowId: browseFlowId, customerId },
    include: { steps: { orderBy: { position: "asc" } } },
    orderBy: { startedAt: "asc" },
  });
}

async function storedEventId(eventId: string) {
  return (await db().storefrontEvent.findUniqueOrThrow({ where: { shopId_eventId: { shopId, eventId } } })).id;
}

/** A customer enrolled now: proven browser, views of `views`, a sweep. Returns the run. */
async function enrolled(views: Array<[ProductKey, number]> = [["hoodie", 120]]) {
  const customer = await shopper();
  const clientId = await browserProvenByPurchase(customer);
  await browse(clientId, views);
  await sweep();
  const [run] = await browseRunsOf(customer.id);
  expect(run, "the customer was enrolled").toBeDefined();
  return { customer, clientId, run };
}

/** The SMS an earlier browse run sent the customer at `at`. */
async function browseReminderSent(customer: Shopper, runId: string, at: Date) {
  const conversation = await db().conversation.create({
    data: { shopId, customerId: customer.id, replyToken: randomUUID(), lastActivityAt: at },
  });
  await db().message.create({
    data: {
      shopId,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "OUTBOUND",
      channel: "SMS",
      author: "FLOW",
      body: "Hi Ada, still thinking about Blue Hoodie?",
      toAddress: customer.phone,
      deliveryStatus: "DELIVERED",
      idempotencyKey: `flow:${runId}:0:SMS`,
      flowId: browseFlowId,
      flowRunId: runId,
      createdAt: at,
    },
  });
}

const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

// ---------------------------------------------------------------------------

describe("browse abandonment: who enters", () => {
  it("GIVEN a customer who bought in this browser and later viewed three products, then nothing for 2 hours WHEN the sweep runs THEN one run anchored at the latest view, the products most recent first, steps due 2 hours and 1 day after the view", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    const events = await browse(clientId, [
      ["scarf", 200],
      ["hoodie", 180],
      ["beanie", 150],
      ["soldOut", 140],
      ["hoodie", 120],
    ]);
    const latest = events.at(-1)!;

    await sweep();

    const runs = await browseRunsOf(customer.id);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({
      status: "ACTIVE",
      shopId,
      triggerKey: `browse:${customer.id}:${await storedEventId(latest.id)}`,
      context: {
        viewedAt: minutesAgo(120).toISOString(),
        viewedProductIds: [PRODUCTS.hoodie.id, PRODUCTS.soldOut.id, PRODUCTS.beanie.id],
      },
    });
    expect(run.steps.map((s) => [s.position, s.state, s.dueAt.toISOString()])).toEqual([
      [0, "PENDING", NOW.toISOString()],
      [1, "PENDING", minutesAgo(120 - DAY_MIN).toISOString()],
    ]);
  });

  it("GIVEN the same customers WHEN the sweep runs again (and again later) THEN nobody is enrolled twice", async () => {
    const { customer } = await enrolled();
    const again = await sweep();
    expect(again.enrolled).toBe(0);
    await sweep(new Date(NOW.getTime() + 10 * 60_000));
    expect(await browseRunsOf(customer.id)).toHaveLength(1);
  });

  it("GIVEN a guest who bought and browsed in one browser, then was merged into a customer WHEN the sweep runs THEN the survivor is enrolled with the guest's views", async () => {
    const survivor = await shopper();
    const guest = await db().customer.create({ data: { shopId, email: `guest-${randomUUID()}@example.com` } });
    const clientId = await browserProvenByPurchase(guest as Shopper);
    await browse(clientId, [["scarf", 130]]);
    await mergeCustomers(shopId, survivor.id, guest.id, { id: "staff-1", name: "Sam Staff" });

    await sweep();

    const [run] = await browseRunsOf(survivor.id);
    expect(run).toMatchObject({
      customerId: survivor.id,
      context: { viewedAt: minutesAgo(130).toISOString(), viewedProductIds: [PRODUCTS.scarf.id] },
    });
    expect(await browseRunsOf(guest.id)).toEqual([]);
  });

  it("GIVEN views filed under a customer only because the browser said it was signed in as them WHEN the sweep runs THEN they are not enrolled (the pixel's word alone)", async () => {
    const customer = await shopper();
    const clientId = randomUUID();
    const tie = await pixel(clientId, [viewed("hoodie", minutesAgo(120))], minutesAgo(120), {
      customerId: `gid://shopify/Customer/${customer.shopifyCustomerId}`,
    });
    expect(tie).toMatchObject({ customerId: customer.id, tiedBy: "signed_in" });

    await sweep();

    expect(await browseRunsOf(customer.id)).toEqual([]);
  });

  it("GIVEN a browser claiming a completed checkout with the customer's email that matches none of their orders WHEN the sweep runs THEN its views do not count", async () => {
    const customer = await shopper();
    await placeOrder(customer, minutesAgo(3 * DAY_MIN)); // a real order, but not from this browser's checkout
    const clientId = randomUUID();
    const tie = await pixel(clientId, [checkoutCompleted(customer.email!, minutesAgo(DAY_MIN))], minutesAgo(DAY_MIN));
    expect(tie).toMatchObject({ customerId: customer.id, tiedBy: "checkout" });
    await browse(clientId, [["hoodie", 120]]);

    await sweep();

    expect(await browseRunsOf(customer.id)).toEqual([]);
  });

  it("GIVEN a trusted view followed by a cart addition (from any browser of theirs) WHEN the sweep runs THEN they are not enrolled", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    await browse(clientId, [["hoodie", 120]]);
    await pixel(randomUUID(), [carted("hoodie", minutesAgo(100))], minutesAgo(100), {
      customerId: String(customer.shopifyCustomerId),
    });

    await sweep();

    expect(await browseRunsOf(customer.id)).toEqual([]);
  });

  it("GIVEN a cart addition BEFORE the latest view WHEN the sweep runs THEN they are enrolled (only what follows the view counts)", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    await pixel(clientId, [carted("scarf", minutesAgo(300))], minutesAgo(300));
    await browse(clientId, [["hoodie", 120]]);

    await sweep();

    expect(await browseRunsOf(customer.id)).toHaveLength(1);
  });

  it("GIVEN earlier views followed by a cart addition or an order, then a new view WHEN the sweep runs THEN only the new view's product is kept for the message", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    await browse(clientId, [["scarf", 400]]);
    await pixel(clientId, [carted("scarf", minutesAgo(390))], minutesAgo(390));
    await browse(clientId, [["beanie", 300]]);
    await placeOrder(customer, minutesAgo(250));
    await browse(clientId, [["hoodie", 120]]);

    await sweep();

    const [run] = await browseRunsOf(customer.id);
    expect(run.context).toEqual({ viewedAt: minutesAgo(120).toISOString(), viewedProductIds: [PRODUCTS.hoodie.id] });
  });

  it("GIVEN a trusted view followed by an order WHEN the sweep runs THEN they are not enrolled", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    await browse(clientId, [["hoodie", 120]]);
    await placeOrder(customer, minutesAgo(90));

    await sweep();

    expect(await browseRunsOf(customer.id)).toEqual([]);
  });

  it("GIVEN no marketing consent WHEN the sweep runs THEN they are not enrolled", async () => {
    const customer = await shopper({ consent: false });
    const clientId = await browserProvenByPurchase(customer);
    await browse(clientId, [["hoodie", 120]]);

    await sweep();

    expect(await browseRunsOf(customer.id)).toEqual([]);
  });

  it("GIVEN a latest view older than the lookback (24 hours) WHEN the sweep runs THEN they are not enrolled; with a 48-hour lookback they are", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    await browse(clientId, [["hoodie", 25 * 60]]);

    await sweep();
    expect(await browseRunsOf(customer.id)).toEqual([]);

    const flow = await db().flow.findUniqueOrThrow({ where: { id: browseFlowId } });
    await db().flow.update({
      where: { id: browseFlowId },
      data: { settings: { ...(flow.settings as object), browseLookbackHours: 48 } },
    });
    try {
      await sweep();
      expect(await browseRunsOf(customer.id)).toHaveLength(1);
    } finally {
      await db().flow.update({ where: { id: browseFlowId }, data: { settings: flow.settings as object } });
    }
  });

  it("GIVEN a latest view 10 minutes ago (the visit may go on) WHEN the sweep runs THEN not yet; 30 minutes after the view THEN enrolled", async () => {
    const customer = await shopper();
    const clientId = await browserProvenByPurchase(customer);
    await browse(clientId, [["hoodie", 10]]);

    await sweep();
    expect(await browseRunsOf(customer.id)).toEqual([]);

    await sweep(new Date(NOW.getTime() + 20 * 60_000));
    expect(await browseRunsOf(customer.id)).toHaveLength(1);
  });

  it("GIVEN a browse reminder sent 3 days ago WHEN a new view comes THEN the cooldown (7 days) keeps them out; a reminder 8 days ago, or a run a day ago that sent nothing, does not", async () => {
    const recent = await shopper();
    const old = await shopper();
    const nothingSent = await shopper();
    for (const [customer, daysAgo, sent] of [
      [recent, 3, true],
      [old, 8, true],
      [nothingSent, 1, false],
    ] as const) {
      const run = await db().flowRun.create({
        data: {
          shopId,
          flowId: browseFlowId,
          customerId: customer.id,
          triggerKey: `browse:${customer.id}:earlier-view`,
          status: sent ? "COMPLETED" : "CANCELLED",
          startedAt: minutesAgo(daysAgo * DAY_MIN),
          endedAt: minutesAgo(daysAgo * DAY_MIN - 60),
        },
      });
      if (sent) await browseReminderSent(customer, run.id, minutesAgo(daysAgo * DAY_MIN));
      const clientId = await browserProvenByPurchase(customer, 10);
      await browse(clientId, [["hoodie", 120]]);
    }

    await sweep();

    expect((await browseRunsOf(recent.id)).map((r) => r.triggerKey)).toEqual([`browse:${recent.id}:earlier-view`]);
    expect(await browseRunsOf(old.id)).toHaveLength(2);
    expect(await browseRunsOf(nothingSent.id)).toHaveLength(2);
  });
});

describe("browse abandonment: what stops a run when a step falls due", () => {
  it("GIVEN a cart addition after the view THEN the run is cancelled with its reason and nothing is sent", async () => {
    const { customer, run } = await enrolled();
    await pixel(randomUUID(), [carted("scarf", minutesAgo(30))], minutesAgo(30), {
      customerId: String(customer.shopifyCustomerId),
    });

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("cancelled");

    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "CANCELLED", endReason: "the customer added to cart after browsing" });
    expect(smsTo(customer.phone!)).toEqual([]);
  });

  it("GIVEN an order after the view THEN the run is cancelled, naming the order", async () => {
    const { customer, run } = await enrolled();
    const order = await placeOrder(customer, minutesAgo(20));

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("cancelled");

    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({
      status: "CANCELLED",
      endReason: `the customer ordered (${order.name}) after browsing`,
    });
  });

  it("GIVEN the customer wrote to the shop after the view THEN the run is cancelled", async () => {
    const { customer, run } = await enrolled();
    await createConversationWithMessage(shopId, customer.id, "Does the hoodie come in green?");

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("cancelled");

    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({ status: "CANCELLED", endReason: "the customer wrote to the shop after browsing" });
  });

  it("GIVEN an active cart recovery for the customer THEN the browse run is cancelled (cart recovery takes precedence)", async () => {
    const { customer, run } = await enrolled();
    await db().flowRun.create({
      data: { shopId, flowId: cartFlowId, customerId: customer.id, triggerKey: `chk-${randomUUID()}` },
    });

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("cancelled");

    const ended = await db().flowRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(ended).toMatchObject({
      status: "CANCELLED",
      endReason: "a cart recovery is under way for the customer",
    });
  });
});

describe("browse abandonment: the message", () => {
  it("GIVEN an enrolled customer WHEN step 1 runs THEN the Twilio stand-in receives the default copy naming the latest viewed product and its link", async () => {
    const { customer, run } = await enrolled([
      ["scarf", 180],
      ["hoodie", 120],
    ]);

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("claimed");

    await waitFor(() => smsTo(customer.phone!).length >= 1, "the browse SMS");
    const [sms] = smsTo(customer.phone!);
    expect(sms).toMatchObject({
      to: customer.phone,
      from: SMS_FROM,
      body:
        `Hi Ada, still thinking about Blue Hoodie? Take another look at Threadline Demo: ${productUrl("hoodie")}\n` +
        "Reply STOP to opt out",
    });
    const message = await db().message.findUniqueOrThrow({ where: { flowStepId: run.steps[0].id } });
    expect(message).toMatchObject({ flowId: browseFlowId, flowRunId: run.id, channel: "SMS" });
    expect(message.metadata).toMatchObject({ purpose: "MARKETING" });
  });

  it("GIVEN the latest viewed products archived or sold out THEN the step speaks of the most recent one still available", async () => {
    const { customer, run } = await enrolled([
      ["beanie", 200],
      ["soldOut", 150],
      ["archived", 120],
    ]);

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("claimed");

    await waitFor(() => smsTo(customer.phone!).length >= 1, "the browse SMS");
    expect(smsTo(customer.phone!)[0].body).toBe(
      `Hi Ada, still thinking about Knit Beanie? Take another look at Threadline Demo: ${productUrl("beanie")}\n` +
        "Reply STOP to opt out",
    );
  });

  it("GIVEN none of the viewed products is available any more THEN the step is skipped with that reason and nothing is sent", async () => {
    const { customer, run } = await enrolled([
      ["soldOut", 150],
      ["archived", 120],
    ]);

    expect(await runFlowStep(run.steps[0].id, { now: NOW })).toBe("skipped");

    const step = await db().flowStep.findUniqueOrThrow({ where: { id: run.steps[0].id } });
    expect(step).toMatchObject({
      state: "SKIPPED",
      lastError: "none of the products the customer viewed is available any more",
    });
    expect(smsTo(customer.phone!)).toEqual([]);
  });
});
