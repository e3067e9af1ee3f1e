// The replenishment reminder (lifecycle flow): who the sweep enrols (each entry rule: reminder
// date in [now − 2 days, now + 1 day], only products with a reorder interval, the latest purchase,
// consent, one reminder per customer, the lead-days setting), that a second sweep enrols nobody
// twice, each stop rule and the skip for a product gone out of stock, and the step end to end
// through runFlowStep to the Twilio and SendGrid stand-ins with the default copy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { PRODUCT_UNAVAILABLE, REPLENISHMENT_STOP } from "../../app/lifecycle/replenishment.server";
import { runLifecycleSweep } from "../../app/lifecycle/sweep.server";
import { forgetShopSignals } from "../../app/recommendations/shop-signals.server";
import { FROM_EMAIL, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { daytimeCountry, enableFlows, setStepChannels, waitFor } from "./flows-engine-support";
import { addCustomer, addOrder, addProduct, DAY_MS, daysAgo, runsOf } from "./lifecycle-crosssell-replenish-support";

const COFFEE = 8300000000001n; // reordered every 30 days
const FILTERS = 8300000000002n; // every 60 days
const TEA = 8300000000003n; // every 30 days
const CANDLE = 8300000000004n; // bought once each: no interval

let env: SendingEnv;
let workers: WorkerHandle;
let flowId: string;
let country: string;
const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

/** Three shoppers without consent who bought `product` three times, `gapDays` apart, long ago: two intervals each. */
async function history(product: bigint, gapDays: number) {
  const base = new Date(); // one instant: intervals of exactly `gapDays`
  for (let i = 0; i < 3; i++) {
    const shopper = await addCustomer(env.shopId, []);
    for (let k = 0; k < 3; k++) {
      await addOrder(env.shopId, {
        customerId: shopper.id,
        products: [product],
        at: daysAgo(400 - k * gapDays - i, base),
      });
    }
  }
}

beforeAll(async () => {
  forgetShopSignals();
  env = await startSendingEnv();
  const flows = await enableFlows(env.shopId, ["REPLENISHMENT"]);
  flowId = flows.REPLENISHMENT.id;
  await setStepChannels(env.shopId, "REPLENISHMENT", ["SMS", "EMAIL"]);
  country = daytimeCountry().country;
  await addProduct(env.shopId, COFFEE, "Dark roast coffee", "14.00");
  await addProduct(env.shopId, FILTERS, "Paper filters", "5.00");
  await addProduct(env.shopId, TEA, "Green tea", "8.00");
  await addProduct(env.shopId, CANDLE, "Candle", "22.00");
  await history(COFFEE, 30);
  await history(FILTERS, 60);
  await history(TEA, 30);
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

/** A consenting customer's (or, with `marketing: []`, a non-consenting one's) purchases: product → days ago. */
async function buyer(purchases: Array<[bigint, number]>, now: Date, marketing: Array<"SMS" | "EMAIL"> = ["SMS"]) {
  const customer = await addCustomer(env.shopId, marketing);
  const orders = [];
  for (const [product, ago] of purchases) {
    orders.push(
      await addOrder(env.shopId, { customerId: customer.id, products: [product], at: daysAgo(ago, now), country }),
    );
  }
  return { customer, orders };
}

const key = (customerId: string, product: bigint, orderId: string) => `replenish:${customerId}:${product}:${orderId}`;

async function runOf(triggerKey: string) {
  return db().flowRun.findUniqueOrThrow({
    where: { flowId_triggerKey: { flowId, triggerKey } },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

describe("replenishment reminder", () => {
  it("GIVEN purchases whose reminder date (last purchase + median interval − 3 lead days) is now, in 12 h, 1.5 days past, 3 days past or a week ahead, a repurchase, a product without interval, no consent, a cancelled order and a customer with two due products WHEN the sweep runs twice THEN only the due ones enter, once, one per customer, steps counted from the reminder date", async () => {
    forgetShopSignals();
    const now = new Date();
    const due = await buyer([[COFFEE, 27]], now);
    const dueSoon = await buyer([[COFFEE, 26.5]], now);
    const late = await buyer([[COFFEE, 28.5]], now);
    await buyer([[COFFEE, 30]], now); // reminder 3 days ago: too late
    const early = await buyer([[COFFEE, 20]], now); // reminder in 7 days
    await buyer(
      [
        [COFFEE, 27],
        [COFFEE, 5],
      ],
      now,
    ); // bought again since: the latest purchase is not due
    await buyer([[CANDLE, 27]], now);
    await buyer([[COFFEE, 27]], now, []);
    const cancelled = await buyer([[COFFEE, 27]], now);
    await db().order.update({ where: { id: cancelled.orders[0].id }, data: { cancelledAt: now } });
    const two = await buyer(
      [
        [COFFEE, 26.5],
        [FILTERS, 57],
      ],
      now,
    );

    const first = await runLifecycleSweep({ shopId: env.shopId, now });
    expect(first).toEqual({ flows: 1, enrolled: 4, failed: 0 });
    const runs = await runsOf(flowId);
    expect(runs.map((r) => r.triggerKey).sort()).toEqual(
      [
        key(due.customer.id, COFFEE, due.orders[0].id),
        key(dueSoon.customer.id, COFFEE, dueSoon.orders[0].id),
        key(late.customer.id, COFFEE, late.orders[0].id),
        key(two.customer.id, FILTERS, two.orders[1].id),
      ].sort(),
    );
    const remindAt = (ago: number, intervalDays: number) => now.getTime() - ago * DAY_MS + (intervalDays - 3) * DAY_MS;
    const soon = runs.find((r) => r.customerId === dueSoon.customer.id)!;
    expect(soon.context).toEqual({ orderId: dueSoon.orders[0].id, productId: String(COFFEE) });
    expect(soon.steps.map((s) => [s.position, s.state, s.dueAt.getTime()])).toEqual([
      [0, "PENDING", remindAt(26.5, 30)],
      [1, "PENDING", remindAt(26.5, 30) + 5 * DAY_MS],
    ]);
    // A reminder date already past: the first step is due at once, the second still from the date.
    const past = runs.find((r) => r.customerId === late.customer.id)!;
    expect(past.steps.map((s) => s.dueAt.getTime())).toEqual([now.getTime(), remindAt(28.5, 30) + 5 * DAY_MS]);

    const second = await runLifecycleSweep({ shopId: env.shopId, now: new Date(now.getTime() + 5 * 60_000) });
    expect(second.enrolled).toBe(0);
    expect(await db().flowRun.count({ where: { flowId } })).toBe(4);

    // Ten lead days: the coffee bought 20 days ago is due now (20 + 30 − 10 = 40 days → today).
    await db().flow.update({ where: { id: flowId }, data: { settings: { replenishmentLeadDays: 10 } } });
    try {
      const withLead = await runLifecycleSweep({ shopId: env.shopId, now });
      expect(withLead.enrolled).toBe(1);
      await runOf(key(early.customer.id, COFFEE, early.orders[0].id));
    } finally {
      await db().flow.update({ where: { id: flowId }, data: { settings: {} } });
    }
  });

  it("GIVEN enrolled reminders WHEN, before the step, one customer buys the product again and another's last purchase is cancelled THEN each run is cancelled with its reason; an order of something else stops nothing", async () => {
    forgetShopSignals();
    const now = new Date();
    const rebuy = await buyer([[COFFEE, 27]], now);
    const cancelled = await buyer([[COFFEE, 27]], now);
    const other = await buyer([[COFFEE, 27]], now);
    await runLifecycleSweep({ shopId: env.shopId, now });

    await addOrder(env.shopId, { customerId: rebuy.customer.id, products: [CANDLE, COFFEE], at: new Date(), country });
    await db().order.update({ where: { id: cancelled.orders[0].id }, data: { cancelledAt: new Date() } });
    await addOrder(env.shopId, { customerId: other.customer.id, products: [CANDLE], at: new Date(), country });

    const expected: Array<[typeof rebuy, string | null]> = [
      [rebuy, REPLENISHMENT_STOP.boughtAgain],
      [cancelled, REPLENISHMENT_STOP.cancelled],
    ];
    for (const [{ customer, orders }, reason] of expected) {
      const run = await runOf(key(customer.id, COFFEE, orders[0].id));
      expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("cancelled");
      const after = await runOf(run.triggerKey);
      expect([after.status, after.endReason, after.steps.map((s) => s.state)]).toEqual([
        "CANCELLED",
        reason,
        ["CANCELLED", "CANCELLED"],
      ]);
    }
    expect(smsTo(rebuy.customer.phone!)).toEqual([]);
    expect(smsTo(cancelled.customer.phone!)).toEqual([]);

    const run = await runOf(key(other.customer.id, COFFEE, other.orders[0].id));
    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("claimed");
  });

  it("GIVEN an enrolled reminder WHEN the product is out of stock by the time the step falls due THEN the step is skipped as unavailable and nothing is sent", async () => {
    forgetShopSignals();
    const now = new Date();
    const { customer, orders } = await buyer([[TEA, 27]], now);
    await runLifecycleSweep({ shopId: env.shopId, now });
    await db().productVariant.updateMany({
      where: { shopId: env.shopId, shopifyVariantId: TEA * 10n },
      data: { available: false },
    });

    const run = await runOf(key(customer.id, TEA, orders[0].id));
    expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("skipped");
    const after = await runOf(run.triggerKey);
    expect([after.status, after.steps[0].state, after.steps[0].lastError]).toEqual([
      "ACTIVE",
      "SKIPPED",
      PRODUCT_UNAVAILABLE,
    ]);
    expect(smsTo(customer.phone!)).toEqual([]);
  });

  it("GIVEN coffee due for a reorder WHEN the step runs THEN the SMS customer gets the default reminder naming the product and its link, and the email-only customer the default email with its price", async () => {
    forgetShopSignals();
    const now = new Date();
    const bySms = await buyer([[COFFEE, 27]], now);
    const byEmail = await buyer([[COFFEE, 27]], now, ["EMAIL"]);
    await runLifecycleSweep({ shopId: env.shopId, now });

    for (const { customer, orders } of [bySms, byEmail]) {
      const run = await runOf(key(customer.id, COFFEE, orders[0].id));
      expect(await runFlowStep(run.steps[0].id, { now: new Date() })).toBe("claimed");
    }
    const sms = await waitFor(
      () => (smsTo(bySms.customer.phone!).length ? smsTo(bySms.customer.phone!) : null),
      "the SMS",
    );
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({
      from: SMS_FROM,
      body: [
        "Hi Ada, running low on Dark roast coffee? Reorder from Threadline Demo: https://threadline-demo.myshopify.com/products/dark-roast-coffee",
        "Reply STOP to opt out",
      ].join("\n"),
    });

    const mailsTo = () =>
      env.fakes.sendgrid.mails.filter((m) => m.body.personalizations?.[0]?.to?.[0]?.email === byEmail.customer.email);
    const mails = await waitFor(() => (mailsTo().length ? mailsTo() : null), "the email");
    expect(mails).toHaveLength(1);
    expect(mails[0].body.from).toMatchObject({ email: FROM_EMAIL });
    expect(mails[0].body.subject).toBe("Time to restock Dark roast coffee?");
    const text = mails[0].body.content?.find((c) => c.type === "text/plain")?.value;
    expect(text).toContain(
      [
        "Hi Ada,",
        "",
        "Based on when you last ordered it, your Dark roast coffee may be running low soon. Reorder now so you don't run out:",
        "",
        "Dark roast coffee: $14.00",
        "Reorder: https://threadline-demo.myshopify.com/products/dark-roast-coffee",
      ].join("\n"),
    );
  });
});
