// Win-back (app/lifecycle/win-back.server.ts): who the lifecycle sweep enrols (lapsed, or an RFM
// group at risk) and who it leaves out, one run per lapse, the cooldown, the "came back" stop rule,
// and the default "we miss you" email with the customer's recommendations going out through the
// engine to the SendGrid stand-in. Real PostgreSQL and Redis; step jobs are run by calling
// runFlowStep (no flow-step worker), sends by the real worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { runLifecycleSweep } from "../../app/lifecycle/sweep.server";
import { SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { enableFlows, setStepChannels, waitFor } from "./flows-engine-support";
import { DAY_MS, daysAgo, grant, middayFor, newCustomer, placeOrder, runsOf } from "./lifecycle-support";

let env: SendingEnv;
let workers: WorkerHandle;
let flowId: string;
let shopUrl: string;

beforeAll(async () => {
  env = await startSendingEnv();
  const flows = await enableFlows(env.shopId, ["WIN_BACK"]);
  flowId = flows.WIN_BACK.id;
  const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
  shopUrl = `https://${shop.domain}`;
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

const DEFAULTS = { lapsedDays: 90, winBackAtRisk: 1, winBackCooldownDays: 180 };

async function withSettings(settings: Partial<typeof DEFAULTS>, body: () => Promise<void>) {
  await db().flow.update({ where: { id: flowId }, data: { settings: { ...DEFAULTS, ...settings } } });
  try {
    await body();
  } finally {
    await db().flow.update({ where: { id: flowId }, data: { settings: DEFAULTS } });
  }
}

/** Sweeps this shop and returns the customers of the runs it created. */
async function sweep(now = new Date()) {
  const before = new Set((await db().flowRun.findMany({ where: { flowId }, select: { id: true } })).map((r) => r.id));
  await runLifecycleSweep({ shopId: env.shopId, now });
  const runs = await db().flowRun.findMany({ where: { flowId }, select: { id: true, customerId: true } });
  return new Set(runs.filter((r) => !before.has(r.id)).map((r) => r.customerId));
}

/** A customer who bought, marketable by email since long ago. */
async function buyer(over: Parameters<typeof newCustomer>[1] = {}) {
  const customer = await newCustomer(env.shopId, { ordersCount: 1, ...over });
  await grant(env.shopId, customer.id, "EMAIL", daysAgo(400));
  return customer;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

describe("win-back: who enters", () => {
  it("GIVEN a last order 100 days ago (lapsedDays 90) WHEN the sweep runs THEN one run `win-back:<id>:<last order date>` starts now, steps at now and now + 7 days", async () => {
    const lastOrderAt = daysAgo(100);
    const customer = await buyer({ lastOrderAt });
    await placeOrder(env.shopId, customer.id, lastOrderAt);
    const now = new Date();

    expect(await sweep(now)).toContain(customer.id);
    const [run] = await runsOf(flowId, customer.id);
    expect(run).toMatchObject({ triggerKey: `win-back:${customer.id}:${day(lastOrderAt)}`, status: "ACTIVE" });
    expect(run.startedAt.getTime()).toBe(now.getTime());
    expect(run.context).toEqual({ since: now.toISOString() });
    expect(run.steps.map((s) => [s.position, s.state, s.dueAt.getTime()])).toEqual([
      [0, "PENDING", now.getTime()],
      [1, "PENDING", now.getTime() + 7 * DAY_MS],
    ]);
  });

  it("GIVEN RFM groups AT_RISK (last order 40 days ago) and ALMOST_LOST (orders Shopify counts, none on record) THEN both enter; the unknown date is keyed 'unknown'", async () => {
    const atRisk = await buyer({ rfmGroup: "AT_RISK", lastOrderAt: daysAgo(40), ordersCount: 3 });
    const almostLost = await buyer({ rfmGroup: "ALMOST_LOST", lastOrderAt: null, ordersCount: 2 });
    const enrolled = await sweep();
    expect(enrolled).toContain(atRisk.id);
    expect(enrolled).toContain(almostLost.id);
    expect((await runsOf(flowId, almostLost.id))[0].triggerKey).toBe(`win-back:${almostLost.id}:unknown`);
  });

  it("GIVEN customers each missing one entry rule THEN the sweep enrols none of them", async () => {
    const shopId = env.shopId;
    const lapsed = daysAgo(100);
    const c = {
      recentBuyer: await buyer({ lastOrderAt: daysAgo(30) }),
      goneForYears: await buyer({ lastOrderAt: daysAgo(90 + 365 + 10) }),
      neverOrdered: await buyer({ lastOrderAt: null, ordersCount: 0 }),
      atRiskOrderedLately: await buyer({ rfmGroup: "AT_RISK", lastOrderAt: daysAgo(10) }),
      atRiskNeverOrdered: await buyer({ rfmGroup: "AT_RISK", lastOrderAt: null, ordersCount: 0 }),
      atRiskForYears: await buyer({ rfmGroup: "AT_RISK", lastOrderAt: daysAgo(90 + 365 + 10) }),
      dormantGroup: await buyer({ rfmGroup: "DORMANT", lastOrderAt: daysAgo(40) }),
      noConsent: await newCustomer(shopId, { lastOrderAt: lapsed, ordersCount: 1 }),
      revoked: await newCustomer(shopId, { lastOrderAt: lapsed, ordersCount: 1 }),
      unreachable: await newCustomer(shopId, { lastOrderAt: lapsed, ordersCount: 1, email: null }),
      staleLastOrderAt: await buyer({ lastOrderAt: lapsed }),
      merged: await buyer({ lastOrderAt: lapsed }),
      redacted: await buyer({ lastOrderAt: lapsed, redactedAt: new Date() }),
      activeInFlow: await buyer({ lastOrderAt: lapsed }),
      inCooldown: await buyer({ lastOrderAt: lapsed }),
    };
    await grant(shopId, c.revoked.id, "EMAIL", daysAgo(5), { state: "REVOKED" });
    await grant(shopId, c.unreachable.id, "EMAIL", daysAgo(5));
    // lastOrderAt is synced off the order hot path: an order on record after it means it is stale.
    await placeOrder(shopId, c.staleLastOrderAt.id, daysAgo(5));
    const survivor = await newCustomer(shopId, { phone: null, email: null });
    await db().customer.update({ where: { id: c.merged.id }, data: { mergedIntoId: survivor.id } });
    await db().flowRun.create({
      data: { shopId, flowId, customerId: c.activeInFlow.id, triggerKey: `win-back:${c.activeInFlow.id}:old` },
    });
    await db().flowRun.create({
      data: {
        shopId,
        flowId,
        customerId: c.inCooldown.id,
        triggerKey: `win-back:${c.inCooldown.id}:older-lapse`,
        status: "COMPLETED",
        startedAt: daysAgo(10),
        endedAt: daysAgo(3),
      },
    });

    const enrolled = await sweep();
    for (const [label, customer] of Object.entries(c)) {
      expect(enrolled.has(customer.id), label).toBe(false);
    }
  });

  it("GIVEN winBackAtRisk = 0 THEN an at-risk customer whose last order is recent stays out, a lapsed one still enters", async () => {
    await withSettings({ winBackAtRisk: 0 }, async () => {
      const atRisk = await buyer({ rfmGroup: "AT_RISK", lastOrderAt: daysAgo(40) });
      const lapsed = await buyer({ rfmGroup: "AT_RISK", lastOrderAt: daysAgo(100) });
      const enrolled = await sweep();
      expect(enrolled).not.toContain(atRisk.id);
      expect(enrolled).toContain(lapsed.id);
    });
  });

  it("GIVEN lapsedDays = 30 THEN a last order 40 days ago is a lapse", async () => {
    await withSettings({ lapsedDays: 30 }, async () => {
      const customer = await buyer({ lastOrderAt: daysAgo(40) });
      expect(await sweep()).toContain(customer.id);
    });
  });

  it("GIVEN an enrolled customer WHEN the sweep runs again, twice at once, and after the run ended THEN no second run for the same lapse", async () => {
    const customer = await buyer({ lastOrderAt: daysAgo(120) });
    expect(await sweep()).toContain(customer.id);
    await Promise.all([sweep(), sweep()]);
    const [run] = await runsOf(flowId, customer.id);
    await db().flowRun.update({ where: { id: run.id }, data: { status: "COMPLETED", startedAt: daysAgo(200) } });
    await sweep();
    expect(await runsOf(flowId, customer.id)).toHaveLength(1);
  });

  it("GIVEN a win-back 10 days ago for an earlier lapse and a new lapse since THEN the cooldown holds it back; with cooldown 0 it enters", async () => {
    const customer = await buyer({ lastOrderAt: daysAgo(95) });
    await db().flowRun.create({
      data: {
        shopId: env.shopId,
        flowId,
        customerId: customer.id,
        triggerKey: `win-back:${customer.id}:${day(daysAgo(300))}`,
        status: "COMPLETED",
        startedAt: daysAgo(10),
        endedAt: daysAgo(3),
      },
    });
    expect(await sweep()).not.toContain(customer.id);
    await withSettings({ winBackCooldownDays: 0 }, async () => {
      expect(await sweep()).toContain(customer.id);
    });
  });
});

describe("win-back: stop rule", () => {
  it("GIVEN a running win-back WHEN the customer orders THEN the next due step cancels the run: 'came back: ordered <name>'", async () => {
    const customer = await buyer({ lastOrderAt: daysAgo(150) });
    await sweep();
    const [run] = await runsOf(flowId, customer.id);
    await placeOrder(env.shopId, customer.id, new Date(Date.now() + 1000), { name: "#8888" });

    expect(await runFlowStep(run.steps[1].id, { now: run.steps[1].dueAt })).toBe("cancelled");
    const after = (await runsOf(flowId, customer.id))[0];
    expect(after).toMatchObject({ status: "CANCELLED", endReason: "came back: ordered #8888" });
    expect(after.steps.map((s) => s.state)).toEqual(["CANCELLED", "CANCELLED"]);
  });

  it("GIVEN only a cancelled order since the run started THEN the run goes on", async () => {
    const customer = await buyer({ lastOrderAt: daysAgo(150) });
    await sweep();
    const [run] = await runsOf(flowId, customer.id);
    await placeOrder(env.shopId, customer.id, new Date(Date.now() + 1000), { cancelledAt: new Date() });
    const { lifecycleStopReason } = await import("../../app/lifecycle/step-hooks.server");
    const flow = await db().flow.findUniqueOrThrow({ where: { id: flowId } });
    expect(await lifecycleStopReason({ ...run, flow }, {}, new Date())).toBeNull();
  });
});

describe("win-back: the messages", () => {
  const THROW = 8_200_000_000_001n;
  const CUSHION = 8_200_000_000_002n;
  const NAPKINS = 8_200_000_000_003n;

  /** Three products; guest orders put the cushion (twice) and the napkins (once) with the throw. */
  async function catalogue() {
    const products: Array<[bigint, string, string]> = [
      [THROW, "Linen throw", "58.00"],
      [CUSHION, "Wool cushion", "45.00"],
      [NAPKINS, "Cotton napkins", "12.00"],
    ];
    for (const [id, title, price] of products) {
      const handle = title.toLowerCase().replace(/ /g, "-");
      await db().product.create({
        data: {
          shopId: env.shopId,
          shopifyProductId: id,
          title,
          handle,
          url: `https://linen.example/products/${handle}`,
          variants: {
            create: { shopId: env.shopId, shopifyVariantId: id * 10n, title: "Default", price, available: true },
          },
        },
      });
    }
    const line = (pid: bigint) => ({ title: "x", quantity: 1, price: "1.00", productId: String(pid) });
    for (const other of [CUSHION, CUSHION, NAPKINS]) {
      await db().order.create({
        data: {
          shopId: env.shopId,
          shopifyOrderId: BigInt(Math.floor(Math.random() * 1e12)),
          processedAt: daysAgo(20),
          lineItems: [line(THROW), line(other)],
        },
      });
    }
    return line;
  }

  it("GIVEN a lapsed customer who bought the throw WHEN step 1 runs on email THEN SendGrid receives 'we miss you' with their picks, exactly", async () => {
    const line = await catalogue();
    await setStepChannels(env.shopId, "WIN_BACK", ["EMAIL"]);
    const lastOrderAt = daysAgo(100);
    const customer = await buyer({ lastOrderAt, firstName: "Ada" });
    await placeOrder(env.shopId, customer.id, lastOrderAt, { lineItems: [line(THROW)] });
    await sweep();
    const [run] = await runsOf(flowId, customer.id);

    const now = await middayFor(env.shopId, customer.id);
    expect(await runFlowStep(run.steps[0].id, { now })).toBe("claimed");
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => m.body.personalizations?.[0]?.to?.[0]?.email === customer.email),
      "the win-back email",
    );
    expect(mail.body.personalizations?.[0]?.subject ?? mail.body.subject).toBe("We miss you at Threadline Demo");
    const message = await db().message.findUniqueOrThrow({ where: { flowStepId: run.steps[0].id } });
    const unsubscribe = message.body.match(/http\S+\/unsubscribe\/\S+$/)?.[0];
    expect(unsubscribe).toBeTruthy();
    expect(message.body).toBe(
      [
        "Hi Ada,",
        "",
        "It's been a while since your last visit, and we miss you at Threadline Demo.",
        "",
        "A few things we think you'll like:",
        "- Wool cushion: $45.00",
        "  https://linen.example/products/wool-cushion",
        "- Cotton napkins: $12.00",
        "  https://linen.example/products/cotton-napkins",
        "",
        `Come and take a look: ${shopUrl}`,
        "",
        "Questions? Just reply to this email.",
        "",
        "Threadline Demo",
        "",
        `Unsubscribe from these emails: ${unsubscribe}`,
      ].join("\n"),
    );
    expect(mail.body.content?.find((c) => c.type === "text/plain")?.value).toContain(message.body);
  });

  it("GIVEN a lapsed SMS subscriber in Spanish with nothing to recommend WHEN step 2 runs THEN Twilio receives the last nudge, exactly", async () => {
    await setStepChannels(env.shopId, "WIN_BACK", ["SMS"]);
    const customer = await newCustomer(env.shopId, {
      lastOrderAt: daysAgo(100),
      ordersCount: 1,
      locale: "es",
      firstName: "Lucía",
    });
    await grant(env.shopId, customer.id, "SMS", daysAgo(400));
    await sweep();
    const [run] = await runsOf(flowId, customer.id);

    const now = await middayFor(env.shopId, customer.id, run.steps[1].dueAt);
    expect(await runFlowStep(run.steps[1].id, { now })).toBe("claimed");
    const sms = await waitFor(() => env.fakes.twilio.messages.find((m) => m.to === customer.phone), "the nudge SMS");
    expect(sms).toMatchObject({
      from: SMS_FROM,
      body:
        `Hola Lucía, un último saludo de Threadline Demo: nos encantaría volver a verte. ${shopUrl}\n` +
        "Responde STOP para darte de baja",
    });
  });
});
