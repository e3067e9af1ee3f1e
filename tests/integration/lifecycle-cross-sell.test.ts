// The post-purchase cross-sell (lifecycle flow): who the sweep enrols (each entry rule), that a
// second sweep enrols nobody twice, each stop rule, the skip when there is nothing to recommend,
// and one step end to end through runFlowStep to the Twilio stand-in with the default copy.
// Real PostgreSQL and Redis; the step is run with `now` at its due time (delivery + 3 days).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { CROSS_SELL_STOP, NOTHING_TO_RECOMMEND } from "../../app/lifecycle/cross-sell.server";
import { runLifecycleSweep } from "../../app/lifecycle/sweep.server";
import { forgetShopSignals } from "../../app/recommendations/shop-signals.server";
import { SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { daytimeCountry, enableFlows, setStepChannels, waitFor } from "./flows-engine-support";
import {
  addCustomer,
  addFulfillment,
  addOrder,
  addProduct,
  DAY_MS,
  daysAgo,
  runsOf,
} from "./lifecycle-crosssell-replenish-support";

const MUG = 8200000000001n;
const SAUCER = 8200000000002n;
const SPOON = 8200000000003n;
const KETTLE = 8200000000004n; // out of stock
const VASE = 8200000000005n; // never bought with anything

let env: SendingEnv;
let workers: WorkerHandle;
let flowId: string;
let country: string;
const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

beforeAll(async () => {
  forgetShopSignals();
  env = await startSendingEnv();
  const flows = await enableFlows(env.shopId, ["CROSS_SELL"]);
  flowId = flows.CROSS_SELL.id;
  await setStepChannels(env.shopId, "CROSS_SELL", ["SMS"]);
  country = daytimeCountry().country;
  await addProduct(env.shopId, MUG, "Stoneware mug", "18.00");
  await addProduct(env.shopId, SAUCER, "Saucer", "9.00");
  await addProduct(env.shopId, SPOON, "Tea spoon", "4.50");
  await addProduct(env.shopId, KETTLE, "Kettle", "60.00", false);
  await addProduct(env.shopId, VASE, "Vase", "35.00");
  // Earlier guest orders: the mug with the kettle ×3, the saucer ×2, the spoon ×1.
  const pairs: Array<[bigint, number]> = [
    [KETTLE, 3],
    [SAUCER, 2],
    [SPOON, 1],
  ];
  for (const [other, times] of pairs) {
    for (let i = 0; i < times; i++) {
      await addOrder(env.shopId, { products: [MUG, other], at: daysAgo(30 + i, new Date()) });
    }
  }
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

/** A customer's order of `products`, placed `placedDaysAgo`, delivered `deliveredDaysAgo` (null: not yet). */
async function deliveredOrder(
  customerId: string | null,
  o: { products?: bigint[]; placedDaysAgo?: number; deliveredDaysAgo: number | null; now: Date } & Partial<{
    cancelledAt: Date;
    financialStatus: string;
  }>,
) {
  const order = await addOrder(env.shopId, {
    customerId,
    products: o.products ?? [MUG],
    at: daysAgo(o.placedDaysAgo ?? 4, o.now),
    country,
    cancelledAt: o.cancelledAt,
    financialStatus: o.financialStatus,
  });
  const deliveredAt = o.deliveredDaysAgo === null ? null : daysAgo(o.deliveredDaysAgo, o.now);
  await addFulfillment(env.shopId, order.shopifyOrderId, deliveredAt);
  return { order, deliveredAt };
}

async function runFor(orderId: string) {
  return db().flowRun.findUniqueOrThrow({
    where: { flowId_triggerKey: { flowId, triggerKey: `cross-sell:${orderId}` } },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

describe("post-purchase cross-sell", () => {
  it("GIVEN orders delivered in and out of the window, undelivered, unconsented, cancelled, refunded, followed by another order, and two deliveries for one customer WHEN the sweep runs twice THEN only the eligible orders enter, once, their step due 3 days after delivery", async () => {
    const now = new Date();
    const fresh = await addCustomer(env.shopId);
    const { order: freshOrder, deliveredAt } = await deliveredOrder(fresh.id, { deliveredDaysAgo: 1, now });
    const old = await addCustomer(env.shopId);
    await deliveredOrder(old.id, { deliveredDaysAgo: 5, now });
    const inTransit = await addCustomer(env.shopId);
    await deliveredOrder(inTransit.id, { deliveredDaysAgo: null, now });
    const unconsented = await addCustomer(env.shopId, []);
    await deliveredOrder(unconsented.id, { deliveredDaysAgo: 1, now });
    const cancelled = await addCustomer(env.shopId);
    await deliveredOrder(cancelled.id, { deliveredDaysAgo: 1, now, cancelledAt: daysAgo(0.5, now) });
    const refunded = await addCustomer(env.shopId);
    await deliveredOrder(refunded.id, { deliveredDaysAgo: 1, now, financialStatus: "refunded" });
    const reordered = await addCustomer(env.shopId);
    await deliveredOrder(reordered.id, { deliveredDaysAgo: 2, now });
    await addOrder(env.shopId, { customerId: reordered.id, products: [VASE], at: daysAgo(1, now), country });
    const twice = await addCustomer(env.shopId);
    await deliveredOrder(twice.id, { placedDaysAgo: 6, deliveredDaysAgo: 2, now });
    const { order: newer } = await deliveredOrder(twice.id, { placedDaysAgo: 5, deliveredDaysAgo: 1, now });
    await deliveredOrder(null, { deliveredDaysAgo: 1, now }); // a guest order: nobody to message

    const first = await runLifecycleSweep({ shopId: env.shopId, now });
    expect(first).toEqual({ flows: 1, enrolled: 2, failed: 0 });
    const runs = await runsOf(flowId);
    expect(runs.map((r) => [r.customerId, r.triggerKey]).sort()).toEqual(
      [
        [fresh.id, `cross-sell:${freshOrder.id}`],
        [twice.id, `cross-sell:${newer.id}`],
      ].sort(),
    );
    const run = runs.find((r) => r.customerId === fresh.id)!;
    expect(run.status).toBe("ACTIVE");
    expect(run.context).toEqual({ orderId: freshOrder.id, deliveredAt: deliveredAt!.toISOString() });
    expect(run.steps.map((s) => [s.position, s.state, s.dueAt.getTime()])).toEqual([
      [0, "PENDING", deliveredAt!.getTime() + 3 * DAY_MS],
    ]);

    const second = await runLifecycleSweep({ shopId: env.shopId, now: new Date(now.getTime() + 5 * 60_000) });
    expect(second.enrolled).toBe(0);
    expect(await db().flowRun.count({ where: { flowId } })).toBe(2);
  });

  it("GIVEN enrolled runs WHEN, before the step, one customer orders again, one order is cancelled and one refunded THEN each run is cancelled with its reason and nothing is sent", async () => {
    const now = new Date();
    const placed = await addCustomer(env.shopId);
    const { order: placedOrder } = await deliveredOrder(placed.id, { deliveredDaysAgo: 1, now });
    const cancelled = await addCustomer(env.shopId);
    const { order: cancelledOrder } = await deliveredOrder(cancelled.id, { deliveredDaysAgo: 1, now });
    const refunded = await addCustomer(env.shopId);
    const { order: refundedOrder } = await deliveredOrder(refunded.id, { deliveredDaysAgo: 1, now });
    await runLifecycleSweep({ shopId: env.shopId, now });

    await addOrder(env.shopId, { customerId: placed.id, products: [VASE], at: new Date(), country });
    await db().order.update({ where: { id: cancelledOrder.id }, data: { cancelledAt: new Date() } });
    await db().order.update({ where: { id: refundedOrder.id }, data: { financialStatus: "refunded" } });

    const expected: Array<[string, string]> = [
      [placedOrder.id, CROSS_SELL_STOP.orderedAgain],
      [cancelledOrder.id, CROSS_SELL_STOP.cancelled],
      [refundedOrder.id, CROSS_SELL_STOP.refunded],
    ];
    for (const [orderId, reason] of expected) {
      const run = await runFor(orderId);
      expect(await runFlowStep(run.steps[0].id, { now: run.steps[0].dueAt })).toBe("cancelled");
      const after = await runFor(orderId);
      expect([after.status, after.endReason, after.steps[0].state]).toEqual(["CANCELLED", reason, "CANCELLED"]);
    }
    const phones = [placed.phone, cancelled.phone, refunded.phone];
    expect(env.fakes.twilio.messages.filter((m) => phones.includes(m.to))).toEqual([]);
  });

  it("GIVEN a delivered order of a product nothing else was ever bought with WHEN its step falls due THEN the step is skipped as having nothing to recommend", async () => {
    const now = new Date();
    const customer = await addCustomer(env.shopId);
    const { order } = await deliveredOrder(customer.id, { products: [VASE], deliveredDaysAgo: 1, now });
    await runLifecycleSweep({ shopId: env.shopId, now });
    const run = await runFor(order.id);

    expect(await runFlowStep(run.steps[0].id, { now: run.steps[0].dueAt })).toBe("skipped");
    const after = await runFor(order.id);
    expect([after.status, after.steps[0].state, after.steps[0].lastError]).toEqual([
      "COMPLETED",
      "SKIPPED",
      NOTHING_TO_RECOMMEND,
    ]);
    expect(smsTo(customer.phone!)).toEqual([]);
  });

  it("GIVEN a delivered mug WHEN its step falls due THEN the customer gets the default SMS naming the in-stock product most often bought with it (not the mug, not the out-of-stock kettle bought with it more often)", async () => {
    const now = new Date();
    const customer = await addCustomer(env.shopId);
    const { order } = await deliveredOrder(customer.id, { deliveredDaysAgo: 1, now });
    await runLifecycleSweep({ shopId: env.shopId, now });
    const run = await runFor(order.id);

    expect(await runFlowStep(run.steps[0].id, { now: run.steps[0].dueAt })).toBe("claimed");
    const sent = await waitFor(() => (smsTo(customer.phone!).length ? smsTo(customer.phone!) : null), "the SMS");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      from: SMS_FROM,
      body: [
        "Hi Ada, hope you're enjoying your order from Threadline Demo! Goes well with it: " +
          "Saucer https://threadline-demo.myshopify.com/products/saucer",
        "Reply STOP to opt out",
      ].join("\n"),
    });
    const after = await runFor(order.id);
    expect([after.status, after.steps[0].channel]).toEqual(["COMPLETED", "SMS"]);
  });
});
