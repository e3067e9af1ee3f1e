// The welcome series (app/lifecycle/welcome-series.server.ts): who the lifecycle sweep enrols and
// who it leaves out, once per customer ever, the "ordered since subscribing" stop rule, and the
// default copy going out through the engine to the Twilio and SendGrid stand-ins. Real PostgreSQL
// and Redis; step jobs are run by calling runFlowStep (no flow-step worker), sends by the real worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { cancelRun } from "../../app/flow-runs/run-lifecycle.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { runLifecycleSweep } from "../../app/lifecycle/sweep.server";
import { FROM_EMAIL, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { enableFlows, setStepChannels, waitFor } from "./flows-engine-support";
import { DAY_MS, daysAgo, grant, middayFor, newCustomer, placeOrder, runsOf } from "./lifecycle-support";

let env: SendingEnv;
let workers: WorkerHandle;
let flowId: string;
let shopUrl: string;

beforeAll(async () => {
  env = await startSendingEnv();
  const flows = await enableFlows(env.shopId, ["WELCOME_SERIES"]);
  flowId = flows.WELCOME_SERIES.id;
  const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
  shopUrl = `https://${shop.domain}`;
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

/** Sweeps this shop and returns the customers of the runs it created. */
async function sweep(now = new Date()) {
  const before = new Set((await db().flowRun.findMany({ where: { flowId }, select: { id: true } })).map((r) => r.id));
  await runLifecycleSweep({ shopId: env.shopId, now });
  const runs = await db().flowRun.findMany({ where: { flowId }, select: { id: true, customerId: true } });
  return new Set(runs.filter((r) => !before.has(r.id)).map((r) => r.customerId));
}

describe("welcome series: who enters", () => {
  it("GIVEN a customer who subscribed to SMS marketing an hour ago and never ordered WHEN the sweep runs THEN one run `welcome:<id>` starts, its steps due at subscription + 0, 2 and 5 days", async () => {
    const subscribedAt = new Date(Date.now() - 3600_000);
    const customer = await newCustomer(env.shopId);
    await grant(env.shopId, customer.id, "SMS", subscribedAt);

    const now = new Date();
    expect(await sweep(now)).toContain(customer.id);

    const [run] = await runsOf(flowId, customer.id);
    expect(run).toMatchObject({ triggerKey: `welcome:${customer.id}`, status: "ACTIVE" });
    expect(run.context).toEqual({ since: subscribedAt.toISOString() });
    expect(run.steps.map((s) => [s.position, s.state, s.dueAt.getTime()])).toEqual([
      [0, "PENDING", now.getTime()], // due in the past: at once
      [1, "PENDING", subscribedAt.getTime() + 2 * DAY_MS],
      [2, "PENDING", subscribedAt.getTime() + 5 * DAY_MS],
    ]);
  });

  it("GIVEN grants on two channels THEN the earliest recent grant is the anchor", async () => {
    const customer = await newCustomer(env.shopId);
    const first = daysAgo(1);
    await grant(env.shopId, customer.id, "SMS", first);
    await grant(env.shopId, customer.id, "EMAIL", new Date(Date.now() - 600_000));
    await sweep();
    const [run] = await runsOf(flowId, customer.id);
    expect(run.context).toEqual({ since: first.toISOString() });
    expect(run.steps[1].dueAt.getTime()).toBe(first.getTime() + 2 * DAY_MS);
  });

  it("GIVEN customers each missing one entry rule THEN the sweep enrols none of them", async () => {
    const shopId = env.shopId;
    const recent = new Date(Date.now() - 3600_000);
    const c = {
      oldSubscriber: await newCustomer(shopId), // granted 3 days ago, window is 2
      revoked: await newCustomer(shopId),
      transactionalOnly: await newCustomer(shopId),
      emailGrantNoEmail: await newCustomer(shopId, { email: null }),
      smsGrantNoPhone: await newCustomer(shopId, { phone: null }),
      orderedBefore: await newCustomer(shopId),
      shopifyCountsOrders: await newCustomer(shopId, { ordersCount: 2 }),
      inCheckout: await newCustomer(shopId),
      merged: await newCustomer(shopId),
      redacted: await newCustomer(shopId, { redactedAt: new Date() }),
      grantedLater: await newCustomer(shopId), // the grant's time is after the sweep's now
    };
    await grant(shopId, c.oldSubscriber.id, "SMS", daysAgo(3));
    await grant(shopId, c.revoked.id, "SMS", recent, { state: "REVOKED" });
    await grant(shopId, c.transactionalOnly.id, "SMS", recent, { purpose: "TRANSACTIONAL" });
    await grant(shopId, c.emailGrantNoEmail.id, "EMAIL", recent);
    await grant(shopId, c.smsGrantNoPhone.id, "SMS", recent);
    await grant(shopId, c.orderedBefore.id, "EMAIL", recent);
    await placeOrder(shopId, c.orderedBefore.id, daysAgo(30));
    await grant(shopId, c.shopifyCountsOrders.id, "EMAIL", recent);
    await grant(shopId, c.inCheckout.id, "EMAIL", recent);
    const cart = await db().flow.findUniqueOrThrow({ where: { shopId_kind: { shopId, kind: "CART_RECOVERY" } } });
    await db().flowRun.create({ data: { shopId, flowId: cart.id, customerId: c.inCheckout.id, triggerKey: "chk-x" } });
    await grant(shopId, c.merged.id, "EMAIL", recent);
    const survivor = await newCustomer(shopId, { phone: null, email: null });
    await db().customer.update({ where: { id: c.merged.id }, data: { mergedIntoId: survivor.id } });
    await grant(shopId, c.redacted.id, "EMAIL", recent);
    await grant(shopId, c.grantedLater.id, "EMAIL", new Date(Date.now() + 3600_000));

    const enrolled = await sweep();
    for (const [label, customer] of Object.entries(c)) {
      expect(enrolled.has(customer.id), label).toBe(false);
      expect(await runsOf(flowId, customer.id), label).toHaveLength(0);
    }
  });

  it("GIVEN a WhatsApp grant and only a WhatsApp identity (no phone) THEN the customer is reachable and enrolled", async () => {
    const customer = await newCustomer(env.shopId, { phone: null, email: null, whatsapp: "+33612349999" });
    await grant(env.shopId, customer.id, "WHATSAPP", new Date(Date.now() - 60_000));
    expect(await sweep()).toContain(customer.id);
  });

  it("GIVEN the checkout's cart-recovery run ends without an order THEN the next sweep welcomes the customer", async () => {
    const customer = await newCustomer(env.shopId);
    await grant(env.shopId, customer.id, "EMAIL", new Date(Date.now() - 600_000));
    const cart = await db().flow.findUniqueOrThrow({
      where: { shopId_kind: { shopId: env.shopId, kind: "CART_RECOVERY" } },
    });
    const cartRun = await db().flowRun.create({
      data: { shopId: env.shopId, flowId: cart.id, customerId: customer.id, triggerKey: `chk-${customer.id}` },
    });
    expect(await sweep()).not.toContain(customer.id);
    await db().flowRun.update({ where: { id: cartRun.id }, data: { status: "COMPLETED", endedAt: new Date() } });
    expect(await sweep()).toContain(customer.id);
  });

  it("GIVEN a welcomed customer WHEN the sweep runs again, twice at once, and after the run ended and they re-subscribed THEN they are never welcomed twice", async () => {
    const customer = await newCustomer(env.shopId);
    await grant(env.shopId, customer.id, "SMS", new Date(Date.now() - 60_000));
    expect(await sweep()).toContain(customer.id);

    await Promise.all([sweep(), sweep()]);
    const [run] = await runsOf(flowId, customer.id);
    await cancelRun(run.id, "consent revoked");
    await db().consent.updateMany({
      where: { customerId: customer.id },
      data: { state: "GRANTED", occurredAt: new Date() },
    });
    await sweep(new Date(Date.now() + 1000));
    expect(await runsOf(flowId, customer.id)).toHaveLength(1);
  });

  it("GIVEN signupWithinDays = 5 THEN a subscriber of 3 days ago enters", async () => {
    await db().flow.update({ where: { id: flowId }, data: { settings: { signupWithinDays: 5 } } });
    try {
      const customer = await newCustomer(env.shopId);
      await grant(env.shopId, customer.id, "EMAIL", daysAgo(3));
      expect(await sweep()).toContain(customer.id);
    } finally {
      await db().flow.update({ where: { id: flowId }, data: { settings: { signupWithinDays: 2 } } });
    }
  });
});

describe("welcome series: stop rule", () => {
  it("GIVEN a running series WHEN the customer orders THEN the next due step cancels the run: 'ordered since subscribing: <name>'", async () => {
    const customer = await newCustomer(env.shopId);
    await grant(env.shopId, customer.id, "SMS", new Date(Date.now() - 3600_000));
    await sweep();
    const [run] = await runsOf(flowId, customer.id);
    await placeOrder(env.shopId, customer.id, new Date(), { name: "#7777" });

    expect(await runFlowStep(run.steps[1].id, { now: run.steps[1].dueAt })).toBe("cancelled");
    const after = (await runsOf(flowId, customer.id))[0];
    expect(after).toMatchObject({ status: "CANCELLED", endReason: "ordered since subscribing: #7777" });
    expect(after.steps.map((s) => s.state)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"]);
  });

  it("GIVEN only a cancelled order since subscribing THEN the series goes on", async () => {
    const customer = await newCustomer(env.shopId);
    await grant(env.shopId, customer.id, "SMS", new Date(Date.now() - 3600_000));
    await sweep();
    const [run] = await runsOf(flowId, customer.id);
    await placeOrder(env.shopId, customer.id, new Date(), { cancelledAt: new Date() });
    const { lifecycleStopReason } = await import("../../app/lifecycle/step-hooks.server");
    const flow = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(
      await lifecycleStopReason({ ...run, flow }, { since: (run.context as { since: string }).since }, new Date()),
    ).toBeNull();
  });
});

describe("welcome series: the messages", () => {
  it("GIVEN a new SMS subscriber WHEN step 1 runs THEN Twilio receives the default English welcome, exactly", async () => {
    await setStepChannels(env.shopId, "WELCOME_SERIES", ["SMS"]);
    const customer = await newCustomer(env.shopId, { firstName: "Ada" });
    await grant(env.shopId, customer.id, "SMS", new Date(Date.now() - 60_000));
    await sweep();
    const [run] = await runsOf(flowId, customer.id);

    const now = await middayFor(env.shopId, customer.id);
    expect(await runFlowStep(run.steps[0].id, { now })).toBe("claimed");
    const sms = await waitFor(() => env.fakes.twilio.messages.find((m) => m.to === customer.phone), "the welcome SMS");
    expect(sms).toMatchObject({
      from: SMS_FROM,
      body:
        `Hi Ada, welcome to Threadline Demo! Thanks for subscribing. New arrivals and offers will come your way: ${shopUrl}\n` +
        "Reply STOP to opt out",
    });
  });

  it("GIVEN a French email subscriber with nothing to recommend WHEN step 2 (the picks) runs THEN SendGrid receives the French email pointing to the shop", async () => {
    await setStepChannels(env.shopId, "WELCOME_SERIES", ["EMAIL"]);
    const customer = await newCustomer(env.shopId, { firstName: "Chloé", locale: "fr" });
    await grant(env.shopId, customer.id, "EMAIL", new Date(Date.now() - 60_000));
    await sweep();
    const [run] = await runsOf(flowId, customer.id);

    const now = await middayFor(env.shopId, customer.id, run.steps[1].dueAt);
    expect(await runFlowStep(run.steps[1].id, { now })).toBe("claimed");
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => m.body.personalizations?.[0]?.to?.[0]?.email === customer.email),
      "the picks email",
    );
    expect(mail.body.from?.email).toBe(FROM_EMAIL);
    expect(mail.body.personalizations?.[0]?.subject ?? mail.body.subject).toBe(
      "Sélectionné pour vous chez Threadline Demo",
    );
    const text = mail.body.content?.find((c) => c.type === "text/plain")?.value ?? "";
    const message = await db().message.findUniqueOrThrow({ where: { flowStepId: run.steps[1].id } });
    expect(text).toContain(message.body);
    expect(message.body).toBe(
      [
        "Bonjour Chloé,",
        "",
        "Maintenant que vous faites partie de la liste, découvrez nos dernières nouveautés : elles vous attendent en boutique.",
        "",
        `Tout voir : ${shopUrl}`,
        "",
        "Des questions ? Répondez simplement à cet e-mail, nous serons ravis de vous aider.",
        "",
        "Threadline Demo",
        "",
        `Se désabonner de ces e-mails : ${message.body.match(/https?:\/\/\S+\/unsubscribe\/\S+/)?.[0]}`,
      ].join("\n"),
    );
    expect(message.body).toMatch(/Se désabonner de ces e-mails : http\S+\/unsubscribe\/\S+$/);
  });
});
