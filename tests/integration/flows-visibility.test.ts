// What staff can see of flow steps that did not go out, or have not yet: the reason
// in their words on the flow log and the customer's timeline, a Cancel for a waiting
// step (shop-scoped), and a preview that does not fall apart for a customer without
// a checkout. Signed webhooks → the engine → real Redis workers → the Twilio stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { listCustomerTimeline } from "../../app/admin-queries/customers.server";
import { listFlowStepStatus } from "../../app/admin-queries/flow-steps.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { reconcileFlowSteps } from "../../app/flow-runs/reconcile-steps.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { resetConfigCache } from "../../app/config.server";
import { createShop, storeOfflineSession } from "../support/factories";
import { deliverAndProcess } from "../support/shopify-webhook";
import { createCustomer, startSendingEnv, type SendingEnv } from "./sending-helpers";
import {
  checkoutPayload,
  daytimeCountry,
  enableFlows,
  hoursAgo,
  nightCountry,
  setStepChannels,
  setTemplate,
  settle,
  waitFor,
} from "./flows-engine-support";

type RouteModule = {
  action: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
};

let env: SendingEnv;
let workers: WorkerHandle;
let recoveryFlowId: string;
let phoneSeq = 10;
const newPhone = () => `+1415556${String(100 + phoneSeq++).padStart(4, "0")}`;
const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

const cancelRoute = () => import("../../app/routes/app.flow-steps.$id.cancel") as Promise<RouteModule>;
const previewRoute = () => import("../../app/routes/app.flows.$id_.preview") as Promise<RouteModule>;

/** Runs an action; a thrown Response (404…) is returned like an answered one. */
async function call(mod: RouteModule, path: string, fields: Record<string, string>, params: Record<string, string>) {
  const request = new Request(`http://127.0.0.1:3999${path}`, { method: "POST", body: new URLSearchParams(fields) });
  try {
    return await mod.action({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  env = await startSendingEnv();
  // The admin routes sign in as the demo shop, as under `npm run demo`.
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  await storeOfflineSession();
  await db().shop.update({ where: { id: env.shopId }, data: { ianaTimezone: "Europe/London" } });
  const flows = await enableFlows(env.shopId, ["CART_RECOVERY"]);
  recoveryFlowId = flows.CART_RECOVERY.id;
  await setStepChannels(env.shopId, "CART_RECOVERY", ["SMS"]);
  await setTemplate(env.shopId, "CART_RECOVERY", 0, "SMS", "Your cart: {{ checkout.abandoned_checkout_url }}");
  await setTemplate(env.shopId, "CART_RECOVERY", 1, "SMS", "Last call: {{ checkout.abandoned_checkout_url }}");
  workers = await startWorkers({
    queues: [QUEUE.webhooks, QUEUE.flowSteps, QUEUE.sends],
    schedule: false,
    reconcileOnStart: false,
  });
});

afterAll(async () => {
  await workers?.close();
  await env?.close();
  delete process.env.THREADLINE_DEMO;
});

async function runOf(token: string) {
  return db().flowRun.findFirstOrThrow({
    where: { shopId: env.shopId, triggerKey: token },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

async function flowLog() {
  return listFlowStepStatus({ shopId: env.shopId, flowId: recoveryFlowId });
}

describe("skipped flow steps say why", () => {
  it("GIVEN a checkout whose buyer gave no SMS consent WHEN step 1 runs THEN it is skipped and the flow log and the timeline say 'not sent: no SMS consent'", async () => {
    const phone = newPhone();
    const checkout = checkoutPayload({ phone, email: null, acceptsSms: false, country: daytimeCountry().country });
    await deliverAndProcess("checkouts/create", checkout);
    const step = await waitFor(async () => {
      const run = await runOf(checkout.token);
      return run.steps[0].state === "SKIPPED" ? run.steps[0] : null;
    }, "the skipped step");
    const { customerId } = await runOf(checkout.token);

    const log = await flowLog();
    expect(log.notSent.find((s) => s.id === step.id)).toMatchObject({
      reason: "not sent: no SMS consent",
      stepNumber: 1,
      cancellable: false,
    });
    const timeline = await listCustomerTimeline({ shopId: env.shopId, customerId });
    expect(timeline.notSent.map((s) => [s.id, s.reason])).toContainEqual([step.id, "not sent: no SMS consent"]);
    expect(smsTo(phone)).toHaveLength(0);
  });

  it("GIVEN a checkout last updated 8 days ago WHEN it arrives THEN its steps are recorded as 'not sent: checkout older than 7 days', and a fresh update still starts recovery", async () => {
    const phone = newPhone();
    const country = daytimeCountry().country;
    const checkout = checkoutPayload({ phone, email: null, updatedAt: hoursAgo(8 * 24), country });
    await deliverAndProcess("checkouts/create", checkout);
    const run = await runOf(checkout.token);
    expect(run.status).toBe("COMPLETED");
    expect(run.steps.map((s) => s.state)).toEqual(["SKIPPED", "SKIPPED"]);

    const log = await flowLog();
    const reasons = log.notSent.filter((s) => run.steps.some((r) => r.id === s.id)).map((s) => s.reason);
    expect(reasons).toEqual(["not sent: checkout older than 7 days", "not sent: checkout older than 7 days"]);
    const timeline = await listCustomerTimeline({ shopId: env.shopId, customerId: run.customerId });
    expect(timeline.notSent.filter((s) => s.reason === "not sent: checkout older than 7 days")).toHaveLength(2);
    await settle();
    expect(smsTo(phone)).toHaveLength(0);

    // The shopper comes back to that checkout: a newer updated_at starts the recovery after all.
    await deliverAndProcess("checkouts/update", { ...checkout, updated_at: hoursAgo(2).toISOString() });
    await waitFor(() => smsTo(phone).length >= 1, "the step 1 SMS");
    // The provider answered before the step's SENT is written: wait for the write, not a moment.
    const revived = await waitFor(async () => {
      const current = await runOf(checkout.token);
      return current.steps[0].state === "SENT" ? current : null;
    }, "step 1 recorded as sent");
    expect(revived.status).toBe("ACTIVE");
    expect(revived.steps.map((s) => s.state)).toEqual(["SENT", "PENDING"]);
  });
});

describe("scheduled and deferred steps are shown and can be cancelled", () => {
  it("GIVEN a recipient where it is night WHEN step 1 is deferred THEN the flow log and the timeline show 'Scheduled for 08:00 <zone>: quiet hours' with a Cancel; cancelling it means nothing is sent when its time comes", async () => {
    const phone = newPhone();
    const { country, zone } = nightCountry();
    const checkout = checkoutPayload({ phone, email: null, country });
    await deliverAndProcess("checkouts/create", checkout);
    const step = await waitFor(async () => {
      const run = await runOf(checkout.token);
      return run.steps[0].state === "DEFERRED" ? run.steps[0] : null;
    }, "the deferral");
    const { customerId } = await runOf(checkout.token);
    const expected = `Scheduled for 08:00 ${zone}: quiet hours`;

    const log = await flowLog();
    expect(log.upcoming.find((s) => s.id === step.id)).toMatchObject({ reason: expected, cancellable: true });
    const timeline = await listCustomerTimeline({ shopId: env.shopId, customerId });
    expect(timeline.upcoming.find((s) => s.id === step.id)).toMatchObject({ reason: expected, cancellable: true });
    // The second reminder waits too, in the shop's zone.
    expect(timeline.upcoming.map((s) => s.stepNumber)).toEqual([1, 2]);
    expect(timeline.upcoming[1].reason).toMatch(/^Scheduled for .*\d\d:\d\d Europe\/London$/);

    // WHEN staff cancel it
    const response = await call(await cancelRoute(), `/app/flow-steps/${step.id}/cancel`, {}, { id: step.id });
    expect(response.status).toBe(200);
    const cancelled = await db().flowStep.findUniqueOrThrow({ where: { id: step.id } });
    expect([cancelled.state, cancelled.lastError]).toEqual(["CANCELLED", "cancelled by Demo Staff"]);
    expect(await getQueue(QUEUE.flowSteps).getJob(step.id)).toBeUndefined();

    // THEN its time comes and nothing happens: not the job, not the reconciler.
    expect(await runFlowStep(step.id, { now: new Date(step.dueAt.getTime() + 1000) })).toBe("noop");
    await reconcileFlowSteps(new Date(step.dueAt.getTime() + 1000));
    expect((await db().flowStep.findUniqueOrThrow({ where: { id: step.id } })).state).toBe("CANCELLED");
    expect(await getQueue(QUEUE.flowSteps).getJob(step.id)).toBeUndefined();
    await settle();
    expect(smsTo(phone)).toHaveLength(0);
    expect(await db().message.count({ where: { flowStepId: step.id } })).toBe(0);

    const after = await listCustomerTimeline({ shopId: env.shopId, customerId });
    expect(after.upcoming.map((s) => s.id)).not.toContain(step.id);
    expect(after.notSent.find((s) => s.id === step.id)?.reason).toBe("not sent: cancelled by Demo Staff");

    // A second cancel finds nothing waiting.
    const again = await call(await cancelRoute(), `/app/flow-steps/${step.id}/cancel`, {}, { id: step.id });
    expect(again.status).toBe(409);
  });

  it("GIVEN another shop's waiting step WHEN this shop's staff cancel it THEN 404 and the step still waits", async () => {
    const other = await createShop({ domain: "someone-else-visibility.myshopify.com" });
    const flows = await enableFlows(other.id, ["CART_RECOVERY"]);
    const customer = await db().customer.create({ data: { shopId: other.id, firstName: "Bea" } });
    const run = await db().flowRun.create({
      data: { shopId: other.id, flowId: flows.CART_RECOVERY.id, customerId: customer.id, triggerKey: "other-token" },
    });
    const step = await db().flowStep.create({
      data: { shopId: other.id, runId: run.id, position: 0, dueAt: new Date(Date.now() + 3600_000) },
    });
    const response = await call(await cancelRoute(), `/app/flow-steps/${step.id}/cancel`, {}, { id: step.id });
    expect(response.status).toBe(404);
    expect((await db().flowStep.findUniqueOrThrow({ where: { id: step.id } })).state).toBe("PENDING");
  });
});

describe("flow editor preview", () => {
  it("GIVEN a customer with no checkout WHEN the cart-recovery template is previewed THEN it renders a sample checkout and says so", async () => {
    const customer = await createCustomer(env.shopId, { phone: newPhone(), email: "no-cart@example.com" });
    const response = await call(
      await previewRoute(),
      `/app/flows/${recoveryFlowId}/preview`,
      {
        customerId: customer.id,
        channel: "SMS",
        body: "Hi {{ customer.first_name }}, you left {{ checkout.item_count }} items in your cart: {{ checkout.abandoned_checkout_url }}",
      },
      { id: recoveryFlowId },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      subject: null,
      body: "Hi Ada, you left 3 items in your cart: https://threadline-demo.myshopify.com/checkouts/sample/recover",
      notice: "No checkout for Ada; previewing with a sample checkout",
    });
  });
});
