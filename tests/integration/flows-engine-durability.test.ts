// Durability and consent end to end: a worker killed mid-send, Redis losing every
// job mid-run, a customer's reply, STOP then START over signed Twilio webhooks,
// and a marketing email's unsubscribe link and List-Unsubscribe header.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { deliverAndProcess } from "../support/shopify-webhook";
import {
  FROM_EMAIL,
  inboundSms,
  postTwilioSigned,
  SMS_FROM,
  startSendingEnv,
  type SendingEnv,
} from "./sending-helpers";
import {
  checkoutPayload,
  daytimeCountry,
  enableFlows,
  nextId,
  setStepChannels,
  setTemplate,
  settle,
  waitFor,
} from "./flows-engine-support";

let env: SendingEnv;
let stepWorkers: WorkerHandle;
let sendWorkers: WorkerHandle | undefined;
let phoneSeq = 10;
const newPhone = () => `+1415555${String(300 + phoneSeq++).padStart(4, "0")}`;

beforeAll(async () => {
  env = await startSendingEnv();
  await enableFlows(env.shopId, ["CART_RECOVERY"]);
  await setStepChannels(env.shopId, "CART_RECOVERY", ["SMS", "EMAIL"]);
  await setTemplate(
    env.shopId,
    "CART_RECOVERY",
    0,
    "SMS",
    "Cart for {{ customer.first_name }}: {{ checkout.abandoned_checkout_url }}",
  );
  await setTemplate(
    env.shopId,
    "CART_RECOVERY",
    0,
    "EMAIL",
    "Your cart: {{ checkout.abandoned_checkout_url }}\nUnsubscribe: {{ unsubscribe_url }}",
    "Still thinking it over, {{ customer.first_name }}?",
  );
  // No sends worker yet: the first test crashes a send on purpose. No webhook worker either:
  // deliverAndProcess runs each receipt itself, and a batch would run due steps and send inline.
  stepWorkers = await startWorkers({
    queues: [QUEUE.flowSteps],
    schedule: false,
    reconcileOnStart: false,
  });
});
afterAll(async () => {
  await sendWorkers?.close();
  await stepWorkers?.close();
  await env?.close();
});

const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);
const startSends = async () =>
  (sendWorkers ??= await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false }));

async function runOf(token: string) {
  return db().flowRun.findFirstOrThrow({
    where: { shopId: env.shopId, triggerKey: token },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

describe("durability", () => {
  it("GIVEN a worker killed after it claimed the provider call (sendAttemptedAt set, no provider id) THEN Twilio is asked, and as it never got the message it is sent exactly once, even after a reconcile", async () => {
    const phone = newPhone();
    const checkout = checkoutPayload({
      phone,
      email: null,
      country: daytimeCountry().country,
      shopifyCustomerId: nextId(),
    });
    await deliverAndProcess("checkouts/create", checkout);
    const message = await waitFor(
      async () => db().message.findFirst({ where: { toAddress: phone, author: "FLOW" } }),
      "the claimed message",
    );
    expect(message.deliveryStatus).toBe("PENDING");
    // What a process killed between "about to call Twilio" and "recorded Twilio's answer" leaves
    // behind, minutes ago (past the recovery's grace period, app/messages/crash-recovery.server.ts).
    await db().message.update({
      where: { id: message.id },
      data: { sendAttemptedAt: new Date(Date.now() - 5 * 60_000) },
    });

    await startSends(); // the stalled send job is picked up again
    const sent = await waitFor(
      () => db().message.findFirst({ where: { id: message.id, providerMessageId: { not: null } } }),
      "the message sent after the look-up",
    );
    expect(env.fakes.twilio.listQueries.filter((q) => q.params.To === phone)).toHaveLength(1);
    await reconcile();
    await settle();
    expect(smsTo(phone)).toHaveLength(1);
    expect(sent.providerMessageId).toBe(smsTo(phone)[0].sid);
    const run = await runOf(checkout.token);
    expect(run.steps[0].state).toBe("SENT");
  });

  it("GIVEN steps scheduled WHEN Redis loses every job of ours mid-run THEN reconcile() puts the step back and it sends exactly once", async () => {
    await startSends();
    const phone = newPhone();
    // Due in ~4 s: scheduled as a delayed job, not yet run.
    const updatedAt = new Date(Date.now() - 60 * 60_000 + 4000);
    const checkout = checkoutPayload({
      phone,
      email: null,
      country: daytimeCountry().country,
      updatedAt,
      shopifyCustomerId: nextId(),
    });
    await deliverAndProcess("checkouts/create", checkout);
    const run = await runOf(checkout.token);
    expect(await getQueue(QUEUE.flowSteps).getJob(run.steps[0].id)).toBeDefined();

    // FLUSHALL, scoped to this test file's queue prefix: other test files share the Redis server.
    const redis = new Redis(config().REDIS_URL);
    try {
      const keys = await redis.keys(`${config().QUEUE_PREFIX}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      expect(await redis.keys(`${config().QUEUE_PREFIX}:*`)).toHaveLength(0);
    } finally {
      redis.disconnect();
    }
    expect(await getQueue(QUEUE.flowSteps).getJob(run.steps[0].id)).toBeUndefined();

    const repaired = await reconcile();
    expect(repaired.flowSteps).toBeGreaterThanOrEqual(2); // both steps of the run
    await waitFor(() => smsTo(phone).length >= 1, "the SMS after the flush", 20_000);
    await reconcile(); // a second pass finds nothing to repair for this run
    await settle(1000);
    expect(smsTo(phone)).toHaveLength(1);
    expect(smsTo(phone)[0].body).toBe(`Cart for Ada: ${checkout.abandoned_checkout_url}`);
  });
});

describe("replies and consent", () => {
  it("GIVEN a waiting cart recovery WHEN the customer texts us THEN the run is cancelled (a person takes over)", async () => {
    await startSends();
    const phone = newPhone();
    const checkout = checkoutPayload({
      phone,
      email: null,
      country: daytimeCountry().country,
      updatedAt: new Date(Date.now() - 10 * 60_000),
    });
    await deliverAndProcess("checkouts/create", checkout);
    expect((await runOf(checkout.token)).status).toBe("ACTIVE");
    const res = await postTwilioSigned(
      `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`,
      inboundSms(phone, "Does it come in blue?"),
    );
    expect(res.status).toBe(200);
    const run = await runOf(checkout.token);
    expect(run).toMatchObject({ status: "CANCELLED", endReason: "customer replied (sms)" });
    expect(run.steps.every((s) => s.state === "CANCELLED")).toBe(true);
  });

  it("GIVEN SMS consent only WHEN the customer sends STOP THEN the run stops and only the confirmation goes; after START a new cart recovery sends again", async () => {
    await startSends();
    const phone = newPhone();
    const { country } = daytimeCountry();
    const checkout = checkoutPayload({
      phone,
      email: null,
      country,
      updatedAt: new Date(Date.now() - 10 * 60_000),
      shopifyCustomerId: nextId(),
    });
    await deliverAndProcess("checkouts/create", checkout);
    const inbound = `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;

    expect((await postTwilioSigned(inbound, inboundSms(phone, "STOP"))).status).toBe(200);
    const stopped = await runOf(checkout.token);
    expect(stopped).toMatchObject({ status: "CANCELLED", endReason: "customer opted out (sms)" });
    await waitFor(() => smsTo(phone).length >= 1, "the STOP confirmation");
    await settle();
    expect(smsTo(phone)).toHaveLength(1);
    const confirmation = await db().message.findFirstOrThrow({ where: { toAddress: phone, direction: "OUTBOUND" } });
    expect(confirmation.author).toBe("SYSTEM");

    expect((await postTwilioSigned(inbound, inboundSms(phone, "START"))).status).toBe(200);
    await waitFor(() => smsTo(phone).length >= 2, "the START confirmation");

    // A new checkout after START: its step 1 (due in an hour) is run at its due time through `now`.
    const again = checkoutPayload({
      phone,
      email: null,
      country,
      updatedAt: new Date(),
      shopifyCustomerId: checkout.customer.id,
    });
    await deliverAndProcess("checkouts/create", again);
    const run = await runOf(again.token);
    expect(run.status).toBe("ACTIVE"); // START and STOP are not "replies"
    expect(await runFlowStep(run.steps[0].id, { now: run.steps[0].dueAt })).toBe("claimed");
    await waitFor(() => smsTo(phone).length >= 3, "the flow SMS after START");
    await settle();
    const all = smsTo(phone);
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({ to: phone, from: SMS_FROM, body: `Cart for Ada: ${again.abandoned_checkout_url}` });
  });

  it("GIVEN a buyer who accepted email marketing but not SMS THEN SMS is skipped, the email carries the unsubscribe link and List-Unsubscribe headers, and the link stops the run", async () => {
    await startSends();
    const email = `buyer-${nextId()}@example.com`;
    const checkout = checkoutPayload({
      phone: null,
      email,
      acceptsEmail: true,
      acceptsSms: false,
      country: daytimeCountry().country,
      shopifyCustomerId: nextId(),
    });
    await deliverAndProcess("checkouts/create", checkout);
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => m.body.personalizations?.[0]?.to?.[0]?.email === email),
      "the email",
    );
    const run = await runOf(checkout.token);
    const message = await db().message.findUniqueOrThrow({ where: { flowStepId: run.steps[0].id } });
    const text = mail.body.content?.find((c) => c.type === "text/plain")?.value ?? "";
    const url = /Unsubscribe: (\S+)/.exec(text)?.[1];
    expect(url).toMatch(new RegExp(`^${env.appUrl}/unsubscribe/`));
    expect(mail.apiKey).toBe("SG.secret-key");
    expect(mail.body.from?.email).toBe(FROM_EMAIL);
    expect(mail.body.personalizations?.[0]?.to).toEqual([{ email }]);
    expect(mail.body.personalizations?.[0]?.subject ?? mail.body.subject).toBe("Still thinking it over, Ada?");
    expect(text).toBe(`Your cart: ${checkout.abandoned_checkout_url}\nUnsubscribe: ${url}`);
    expect(mail.body.headers).toMatchObject({
      "List-Unsubscribe": `<${url}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "Message-ID": expect.stringMatching(/^<tl-[0-9a-f]{32}@shop\.example\.com>$/),
    });
    expect(JSON.stringify(mail.body)).toContain(message.id); // custom args carry our message id
    expect(run.steps[0].channel).toBe("EMAIL");
    expect(run.steps[1].state).toBe("PENDING");

    // RFC 8058 one-click unsubscribe, as a mail client would post it.
    const res = await fetch(url!, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBeLessThan(400);
    const after = await runOf(checkout.token);
    expect(after).toMatchObject({ status: "CANCELLED", endReason: "customer opted out (email)" });
    expect(after.steps[1].state).toBe("CANCELLED");
  });
});
