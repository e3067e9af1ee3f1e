// A send a crash interrupted (sendAttemptedAt set, no provider id), settled by asking the Twilio
// stand-in's Messages list: found, not found, Twilio unreachable, and the cases that stay with a
// person (app/messages/crash-recovery.server.ts, decision 0047).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTwilioClient } from "../../app/channels/twilio/http-client.server";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { sendMessage } from "../../app/messages/send-message.server";
import { ACCOUNT_SID, AUTH_TOKEN, createCustomer, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";

const PHONE = "+14155550123";
const MINUTES_AGO = (n: number) => new Date(Date.now() - n * 60_000);

let env: SendingEnv;
let customerId: string;
let keyN = 0;

beforeAll(async () => {
  env = await startSendingEnv();
  customerId = (await createCustomer(env.shopId, { phone: PHONE })).id;
});
afterAll(async () => env?.close());
beforeEach(() => env.fakes.twilio.reset());
afterEach(() => {
  delete process.env.SEND_RECOVERY_GRACE_MS;
  resetConfigCache();
});

async function flowStep() {
  const flow = await db().flow.upsert({
    where: { shopId_kind: { shopId: env.shopId, kind: "ORDER_CONFIRMATION" } },
    create: { shopId: env.shopId, kind: "ORDER_CONFIRMATION", name: "Order confirmation", enabled: true },
    update: {},
  });
  const run = await db().flowRun.create({
    data: { shopId: env.shopId, flowId: flow.id, customerId, triggerKey: `recovery-${keyN++}`, status: "ACTIVE" },
  });
  return db().flowStep.create({
    data: { shopId: env.shopId, runId: run.id, position: 0, dueAt: new Date(), state: "RUNNING", channel: "SMS" },
  });
}

/** A flow SMS whose worker died after claiming the attempt at `attemptedAt`. */
async function interruptedSms(body: string, attemptedAt: Date) {
  const step = await flowStep();
  const { messageId } = await claimOutboundMessage({
    shopId: env.shopId,
    customerId,
    channel: "SMS",
    toAddress: PHONE,
    body,
    author: "FLOW",
    flowStepId: step.id,
    idempotencyKey: `recovery-test:${keyN++}`,
  });
  await db().message.update({ where: { id: messageId }, data: { sendAttemptedAt: attemptedAt } });
  return { messageId, stepId: step.id };
}

/** What the dead worker's request left at Twilio: the message, accepted. */
function acceptedAtTwilio(body: string) {
  const client = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: env.fakes.twilio.url });
  return client.messages.create({ to: PHONE, from: SMS_FROM, body });
}

const row = (id: string) => db().message.findUniqueOrThrow({ where: { id } });

describe("a Twilio send interrupted by a crash", () => {
  it("GIVEN Twilio had accepted it THEN its sid is recorded and nothing is sent again", async () => {
    const body = "Order #2001 is confirmed.";
    const { messageId, stepId } = await interruptedSms(body, MINUTES_AGO(5));
    const twilioSid = (await acceptedAtTwilio(body)).sid;

    await sendMessage(messageId);

    expect(env.fakes.twilio.messages).toHaveLength(1);
    expect(env.fakes.twilio.listQueries).toHaveLength(1);
    expect(env.fakes.twilio.listQueries[0].params).toMatchObject({ To: PHONE, From: SMS_FROM });
    expect(await row(messageId)).toMatchObject({
      deliveryStatus: "QUEUED",
      providerMessageId: twilioSid,
      fromAddress: SMS_FROM,
      errorCode: null,
    });
    expect((await db().flowStep.findUniqueOrThrow({ where: { id: stepId } })).state).toBe("SENT");
    await sendMessage(messageId);
    expect(env.fakes.twilio.messages).toHaveLength(1);
  });

  it("GIVEN Twilio never received it THEN the claim is released and it is sent exactly once", async () => {
    const body = "Order #2002 is confirmed.";
    const { messageId } = await interruptedSms(body, MINUTES_AGO(5));

    await sendMessage(messageId);

    expect(env.fakes.twilio.listQueries).toHaveLength(1);
    expect(env.fakes.twilio.messages).toHaveLength(1);
    expect(env.fakes.twilio.messages[0]).toMatchObject({ to: PHONE, from: SMS_FROM, body });
    const sent = await row(messageId);
    expect(sent).toMatchObject({ deliveryStatus: "QUEUED", providerMessageId: env.fakes.twilio.messages[0].sid });
    expect(sent.sendAttemptedAt!.getTime()).toBeGreaterThan(MINUTES_AGO(1).getTime());
    await sendMessage(messageId);
    expect(env.fakes.twilio.messages).toHaveLength(1);
  });

  it("GIVEN Twilio cannot be asked THEN NEEDS_REVIEW and nothing is sent", async () => {
    const { messageId } = await interruptedSms("Order #2003 is confirmed.", MINUTES_AGO(5));
    env.fakes.twilio.failLists({ status: 503, code: 20503 });

    await sendMessage(messageId);

    expect(env.fakes.twilio.listQueries).toHaveLength(1);
    expect(env.fakes.twilio.messages).toHaveLength(0);
    expect(await row(messageId)).toMatchObject({ deliveryStatus: "NEEDS_REVIEW", errorCode: "CRASH_DURING_SEND" });
  });

  it("GIVEN the same text to the same number is another message's THEN it is not taken for this one", async () => {
    const body = "Your parcel is on its way.";
    const earlier = await claimOutboundMessage({
      shopId: env.shopId,
      customerId,
      channel: "SMS",
      toAddress: PHONE,
      body,
      author: "FLOW",
      idempotencyKey: `recovery-test:${keyN++}`,
    });
    await sendMessage(earlier.messageId);
    const { messageId } = await interruptedSms(body, MINUTES_AGO(5));

    await sendMessage(messageId);

    expect(env.fakes.twilio.messages).toHaveLength(2);
    const [first, second] = env.fakes.twilio.messages.map((m) => m.sid);
    expect((await row(earlier.messageId)).providerMessageId).toBe(first);
    expect((await row(messageId)).providerMessageId).toBe(second);
  });

  it("GIVEN the dead worker's request lands during the grace period THEN it is found, not sent twice", async () => {
    process.env.SEND_RECOVERY_GRACE_MS = "1500";
    resetConfigCache();
    const body = "Order #2004 is confirmed.";
    const { messageId } = await interruptedSms(body, new Date());
    // Twilio takes the request a moment after the recovery has started waiting.
    const lands = new Promise((resolve) => setTimeout(resolve, 300)).then(() => acceptedAtTwilio(body));

    await sendMessage(messageId);

    const { sid } = await lands;
    expect(env.fakes.twilio.messages).toHaveLength(1);
    expect((await row(messageId)).providerMessageId).toBe(sid);
  });
});

describe("a send to a provider with no look-up, interrupted by a crash", () => {
  it("GIVEN an email (SendGrid) THEN NEEDS_REVIEW as before, and no provider is asked or called", async () => {
    const { messageId } = await claimOutboundMessage({
      shopId: env.shopId,
      customerId,
      channel: "EMAIL",
      toAddress: "ada@example.com",
      subject: "Your order",
      body: "Confirmed.",
      author: "FLOW",
      idempotencyKey: `recovery-test:${keyN++}`,
    });
    await db().message.update({ where: { id: messageId }, data: { sendAttemptedAt: MINUTES_AGO(5) } });
    env.fakes.sendgrid.reset();

    await sendMessage(messageId);

    expect(env.fakes.sendgrid.mails).toHaveLength(0);
    expect(env.fakes.twilio.listQueries).toHaveLength(0);
    expect(await row(messageId)).toMatchObject({ deliveryStatus: "NEEDS_REVIEW", errorCode: "CRASH_DURING_SEND" });
  });
});
