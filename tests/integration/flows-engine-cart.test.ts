// Cart recovery end to end: signed checkout/order webhooks → ingest → the engine →
// real Redis (flow-steps and sends queues, real Workers) → the Twilio stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { wallClockAt } from "../../app/flows/quiet-hours";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { deliverAndProcess } from "../support/shopify-webhook";
import { SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import {
  checkoutPayload,
  daytimeCountry,
  enableFlows,
  hoursAgo,
  nextId,
  nightCountry,
  orderPayload,
  setStepChannels,
  setTemplate,
  settle,
  waitFor,
} from "./flows-engine-support";

let env: SendingEnv;
let workers: WorkerHandle;
let phoneSeq = 10;
const newPhone = () => `+1415555${String(100 + phoneSeq++).padStart(4, "0")}`;
const STEP1 = "Hi {{ customer.first_name }}, your cart is waiting: {{ checkout.abandoned_checkout_url }}";
const STEP2 = "Last call, {{ customer.first_name }}: {{ checkout.abandoned_checkout_url }}";

beforeAll(async () => {
  env = await startSendingEnv();
  await enableFlows(env.shopId, ["CART_RECOVERY"]);
  await setStepChannels(env.shopId, "CART_RECOVERY", ["SMS"]);
  // Step positions are 0-based (as the flow editor saves them).
  await setTemplate(env.shopId, "CART_RECOVERY", 0, "SMS", STEP1);
  await setTemplate(env.shopId, "CART_RECOVERY", 1, "SMS", STEP2);
  workers = await startWorkers({
    queues: [QUEUE.webhooks, QUEUE.flowSteps, QUEUE.sends],
    schedule: false,
    reconcileOnStart: false,
  });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

async function runOf(token: string) {
  return db().flowRun.findFirstOrThrow({
    where: { shopId: env.shopId, triggerKey: token },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

async function jobDueAt(stepId: string): Promise<number | null> {
  const job = await getQueue(QUEUE.flowSteps).getJob(stepId);
  if (!job) return null;
  return job.timestamp + (job.delay ?? 0);
}

describe("cart recovery", () => {
  it("GIVEN a checkouts/create arriving 2 hours late WHEN processed THEN step 1 goes out at once, exactly once, and step 2 waits for updated_at + 24 h", async () => {
    const phone = newPhone();
    const { country } = daytimeCountry();
    const updatedAt = hoursAgo(2);
    const payload = checkoutPayload({ phone, email: null, updatedAt, country, shopifyCustomerId: nextId() });
    await deliverAndProcess("checkouts/create", payload);

    await waitFor(() => smsTo(phone).length >= 1, "the step 1 SMS");
    await settle();
    const sent = smsTo(phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: phone,
      from: SMS_FROM,
      body: `Hi Ada, your cart is waiting: ${payload.abandoned_checkout_url}`,
      contentSid: null,
    });
    expect(sent[0].statusCallback).toMatch(
      new RegExp(`^${env.appUrl}/webhooks/twilio/status/${env.twilioToken}\\?threadline_message_id=`),
    );

    const run = await runOf(payload.token);
    expect(run.status).toBe("ACTIVE");
    expect(run.steps.map((s) => [s.position, s.state, s.channel])).toEqual([
      [0, "SENT", "SMS"],
      [1, "PENDING", null],
    ]);
    expect(run.steps[1].dueAt.getTime()).toBe(updatedAt.getTime() + 24 * 3600_000);
    expect(await jobDueAt(run.steps[1].id)).toBeGreaterThanOrEqual(run.steps[1].dueAt.getTime() - 5);
    const message = await db().message.findUniqueOrThrow({ where: { flowStepId: run.steps[0].id } });
    expect(message).toMatchObject({
      author: "FLOW",
      channel: "SMS",
      flowId: run.flowId,
      flowRunId: run.id,
      idempotencyKey: `flow:${run.id}:0:SMS`,
      providerMessageId: sent[0].sid,
    });
    expect(message.metadata).toMatchObject({ purpose: "MARKETING" });
  });

  it("GIVEN the same webhook twice (same event id) and again with a new event id THEN one run and one SMS", async () => {
    const phone = newPhone();
    const payload = checkoutPayload({ phone, email: null, country: daytimeCountry().country });
    await deliverAndProcess("checkouts/create", payload, { eventId: "evt-dup-1" });
    await deliverAndProcess("checkouts/create", payload, { eventId: "evt-dup-1" });
    await deliverAndProcess("checkouts/update", payload, { eventId: "evt-dup-2" });
    await waitFor(() => smsTo(phone).length >= 1, "the SMS");
    await deliverAndProcess("checkouts/update", payload, { eventId: "evt-dup-3" });
    await settle(1000);
    expect(smsTo(phone)).toHaveLength(1);
    expect(await db().flowRun.count({ where: { shopId: env.shopId, triggerKey: payload.token } })).toBe(1);
    expect(await db().flowStep.count({ where: { run: { triggerKey: payload.token } } })).toBe(2);
  });

  it("GIVEN a newer checkouts/update THEN unsent steps move to the new updated_at; an older one arriving afterwards changes nothing", async () => {
    const phone = newPhone();
    const country = daytimeCountry().country;
    const older = checkoutPayload({ phone, email: null, country, updatedAt: new Date(Date.now() - 50 * 60_000) });
    await deliverAndProcess("checkouts/create", older);
    let run = await runOf(older.token);
    const firstDue = run.steps[0].dueAt.getTime();
    expect(firstDue).toBe(new Date(older.updated_at).getTime() + 3600_000);

    const newerAt = new Date(Date.now() - 5 * 60_000);
    await deliverAndProcess("checkouts/update", { ...older, updated_at: newerAt.toISOString() });
    run = await runOf(older.token);
    expect(run.steps.map((s) => s.dueAt.getTime())).toEqual([
      newerAt.getTime() + 3600_000,
      newerAt.getTime() + 24 * 3600_000,
    ]);
    expect(Math.abs((await jobDueAt(run.steps[0].id))! - (newerAt.getTime() + 3600_000))).toBeLessThan(2000);

    // The older payload arrives late (out of order): the stored checkout keeps the newer one.
    await deliverAndProcess("checkouts/update", older);
    run = await runOf(older.token);
    expect(run.steps[0].dueAt.getTime()).toBe(newerAt.getTime() + 3600_000);
    await settle();
    expect(smsTo(phone)).toHaveLength(0);
  });

  it("GIVEN step 1 sent WHEN an order arrives with the same checkout token THEN the run is cancelled, step 2 never goes, and the order is attributed", async () => {
    const phone = newPhone();
    const country = daytimeCountry().country;
    const checkout = checkoutPayload({ phone, email: "buyer-cancel@example.com", country });
    await deliverAndProcess("checkouts/create", checkout);
    await waitFor(() => smsTo(phone).length >= 1, "the step 1 SMS");
    const before = await runOf(checkout.token);
    const message = await waitFor(
      () =>
        db().message.findFirst({
          where: { flowStepId: before.steps[0].id, deliveryStatus: { not: "PENDING" } },
        }),
      "the message to be recorded",
    );

    const order = orderPayload({ checkoutToken: checkout.token, phone, email: "buyer-cancel@example.com", country });
    await deliverAndProcess("orders/create", order);
    const run = await runOf(checkout.token);
    expect(run.status).toBe("CANCELLED");
    expect(run.endReason).toBe("order placed");
    expect(run.steps.map((s) => s.state)).toEqual(["SENT", "CANCELLED"]);
    expect(await getQueue(QUEUE.flowSteps).getJob(run.steps[1].id)).toBeUndefined();

    const stored = await db().order.findFirstOrThrow({
      where: { shopId: env.shopId, shopifyOrderId: BigInt(order.id) },
    });
    expect(stored.attributedMessageId).toBe(message.id);
    expect(stored.attributedFlowId).toBe(run.flowId);

    // Even if step 2's job fired now, it would find the run ended.
    const { runFlowStep } = await import("../../app/flow-runs/run-flow-step.server");
    expect(await runFlowStep(run.steps[1].id)).toBe("noop");
    await settle();
    expect(smsTo(phone)).toHaveLength(1);
  });

  it("GIVEN an order from the same customer by email (another checkout) THEN the waiting run is cancelled", async () => {
    const phone = newPhone();
    const email = "same-email@example.com";
    const country = daytimeCountry().country;
    const checkout = checkoutPayload({ phone, email, country, updatedAt: new Date(Date.now() - 10 * 60_000) });
    await deliverAndProcess("checkouts/create", checkout);
    expect((await runOf(checkout.token)).status).toBe("ACTIVE");
    await deliverAndProcess(
      "orders/create",
      orderPayload({ checkoutToken: "some-other-checkout", email, phone: null, country }),
    );
    const run = await runOf(checkout.token);
    expect(run.status).toBe("CANCELLED");
    expect(run.endReason).toBe("order placed");
    expect(run.steps.every((s) => s.state === "CANCELLED")).toBe(true);
  });

  it("GIVEN a completed checkout (checkouts/update with completed_at) THEN the run is cancelled; a completed checkout never starts one", async () => {
    const phone = newPhone();
    const country = daytimeCountry().country;
    const checkout = checkoutPayload({ phone, email: null, country, updatedAt: new Date(Date.now() - 10 * 60_000) });
    await deliverAndProcess("checkouts/create", checkout);
    await deliverAndProcess("checkouts/update", {
      ...checkout,
      completed_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    });
    const run = await runOf(checkout.token);
    expect(run).toMatchObject({ status: "CANCELLED", endReason: "checkout completed" });

    const done = checkoutPayload({ phone: newPhone(), email: null, country, completedAt: hoursAgo(1) });
    await deliverAndProcess("checkouts/create", done);
    expect(await db().flowRun.count({ where: { triggerKey: done.token } })).toBe(0);
  });

  it("GIVEN a checkout older than the flow's maximum age THEN nothing is sent and its steps say why; with no email and no phone THEN no run", async () => {
    const phone = newPhone();
    const old = checkoutPayload({ phone, email: null, updatedAt: hoursAgo(8 * 24) });
    await deliverAndProcess("checkouts/create", old);
    const run = await runOf(old.token);
    expect(run.status).toBe("COMPLETED");
    expect(run.steps.map((s) => [s.state, s.lastError])).toEqual([
      ["SKIPPED", "checkout older than 7 days"],
      ["SKIPPED", "checkout older than 7 days"],
    ]);
    const anonymous = checkoutPayload({ phone: null, email: null });
    await deliverAndProcess("checkouts/create", anonymous);
    expect(await db().flowRun.count({ where: { triggerKey: anonymous.token } })).toBe(0);
    await settle();
    expect(smsTo(phone)).toHaveLength(0);
  });

  it("GIVEN a recipient where it is night now THEN step 1 is DEFERRED to 08:00 their time, with its job moved there, and nothing is sent", async () => {
    const phone = newPhone();
    const { country, zone } = nightCountry();
    const checkout = checkoutPayload({ phone, email: null, country });
    await deliverAndProcess("checkouts/create", checkout);
    const step = await waitFor(async () => {
      const run = await runOf(checkout.token);
      return run.steps[0].state === "DEFERRED" ? run.steps[0] : null;
    }, "the deferral");
    expect(step.deferredReason).toMatch(/^quiet hours in /);
    expect(step.dueAt.getTime()).toBeGreaterThan(Date.now());
    expect(step.dueAt.getTime() - Date.now()).toBeLessThan(24 * 3600_000);
    const local = wallClockAt(step.dueAt, zone);
    expect([local.hour, local.minute]).toEqual([8, 0]);
    // The job is asleep until then (re-added once the running job finished).
    const due = await waitFor(() => jobDueAt(step.id), "the re-scheduled job");
    expect(Math.abs(due - step.dueAt.getTime())).toBeLessThan(2000);
    await settle();
    expect(smsTo(phone)).toHaveLength(0);

    // Shopify repeats checkouts/update with the same updated_at: the deferral stands untouched (the
    // step is not put back to PENDING to be run and deferred all over again).
    const deferredRow = (await runOf(checkout.token)).steps[0];
    await deliverAndProcess("checkouts/update", checkout);
    await settle();
    const after = (await runOf(checkout.token)).steps[0];
    expect([after.state, after.dueAt.toISOString(), after.deferredReason, after.updatedAt.toISOString()]).toEqual([
      "DEFERRED",
      step.dueAt.toISOString(),
      step.deferredReason,
      deferredRow.updatedAt.toISOString(),
    ]);
    expect(smsTo(phone)).toHaveLength(0);
  });

  it("GIVEN one marketing SMS already sent today WHEN a second cart recovery is due THEN it is DEFERRED by the frequency cap, not sent", async () => {
    const phone = newPhone();
    const country = daytimeCountry().country;
    const first = checkoutPayload({ phone, email: null, country });
    await deliverAndProcess("checkouts/create", first);
    await waitFor(() => smsTo(phone).length >= 1, "the first SMS");
    const firstMessage = await waitFor(
      () => db().message.findFirst({ where: { toAddress: phone, author: "FLOW", sentAt: { not: null } } }),
      "the first message to be sent",
    );

    const second = checkoutPayload({ phone, email: null, country });
    await deliverAndProcess("checkouts/create", second);
    const step = await waitFor(async () => {
      const run = await runOf(second.token);
      return run.steps[0].state === "DEFERRED" ? run.steps[0] : null;
    }, "the cap deferral");
    expect(step.deferredReason).toMatch(/^frequency cap: 1 marketing message\(s\) per 24 h on SMS/);
    expect(step.dueAt.getTime()).toBe(firstMessage.sentAt!.getTime() + 24 * 3600_000);
    await settle();
    expect(smsTo(phone)).toHaveLength(1);
  });

  it("GIVEN two cart recoveries for one customer due at the same moment WHEN both steps run at once THEN the cap lets exactly one through", async () => {
    const phone = newPhone();
    const country = daytimeCountry().country;
    const updatedAt = new Date(Date.now() - 30 * 60_000); // step 1 due in 30 minutes: no job runs it first
    const a = checkoutPayload({ phone, email: null, country, updatedAt });
    const b = checkoutPayload({ phone, email: null, country, updatedAt });
    await deliverAndProcess("checkouts/create", a);
    await deliverAndProcess("checkouts/create", b);
    const [runA, runB] = [await runOf(a.token), await runOf(b.token)];

    const due = new Date(updatedAt.getTime() + 3600_000 + 1000);
    await Promise.all([runFlowStep(runA.steps[0].id, { now: due }), runFlowStep(runB.steps[0].id, { now: due })]);

    const states = [(await runOf(a.token)).steps[0], (await runOf(b.token)).steps[0]].map((s) => s.state).sort();
    expect(states).toEqual(["DEFERRED", "RUNNING"]);
    const deferred = [(await runOf(a.token)).steps[0], (await runOf(b.token)).steps[0]].find(
      (s) => s.state === "DEFERRED",
    )!;
    expect(deferred.deferredReason).toMatch(/^frequency cap: 1 marketing message\(s\) per 24 h on SMS/);
    expect(await db().message.count({ where: { toAddress: phone, author: "FLOW" } })).toBe(1);
    await waitFor(() => smsTo(phone).length >= 1, "the one SMS");
    await settle();
    expect(smsTo(phone)).toHaveLength(1);
  });
});
