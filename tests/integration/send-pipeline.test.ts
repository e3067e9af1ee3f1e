// The send pipeline end to end against the vendor stand-ins: claim, provider call, outcome.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Job } from "bullmq";
import { db } from "../../app/db/client.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { enqueueSend } from "../../app/messages/enqueue-send.server";
import { CRASH_REVIEW_MESSAGE, sendMessage } from "../../app/messages/send-message.server";
import { listUnsubscribeHeaders, unsubscribeUrl } from "../../app/consent/unsubscribe-link.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import {
  createCustomer,
  FROM_EMAIL,
  SMS_FROM,
  startSendingEnv,
  WHATSAPP_FROM,
  type SendingEnv,
} from "./sending-helpers";

let env: SendingEnv;
let customerId: string;
let keyN = 0;
const key = () => `test:${Date.now()}:${keyN++}`;

beforeAll(async () => {
  env = await startSendingEnv();
  customerId = (await createCustomer(env.shopId)).id;
});
afterAll(async () => env?.close());
beforeEach(() => env.fakes.reset());

async function flowStep() {
  const flow = await db().flow.upsert({
    where: { shopId_kind: { shopId: env.shopId, kind: "ORDER_CONFIRMATION" } },
    create: { shopId: env.shopId, kind: "ORDER_CONFIRMATION", name: "Order confirmation", enabled: true },
    update: {},
  });
  const run = await db().flowRun.create({
    data: { shopId: env.shopId, flowId: flow.id, customerId, triggerKey: key(), status: "ACTIVE" },
  });
  return db().flowStep.create({
    data: { shopId: env.shopId, runId: run.id, position: 0, dueAt: new Date(), state: "RUNNING", channel: "SMS" },
  });
}

const sms = (over: Partial<Parameters<typeof claimOutboundMessage>[0]> = {}) =>
  claimOutboundMessage({
    shopId: env.shopId,
    customerId,
    channel: "SMS",
    toAddress: "+14155550123",
    body: "Your order #1001 is confirmed.",
    author: "FLOW",
    idempotencyKey: key(),
    ...over,
  });

describe("claimOutboundMessage", () => {
  it("is idempotent on the key and files automated messages in a resolved conversation", async () => {
    const idempotencyKey = key();
    const first = await sms({ idempotencyKey });
    const second = await sms({ idempotencyKey, body: "something else" });
    expect(first.created).toBe(true);
    expect(second).toEqual({ messageId: first.messageId, created: false });
    const message = await db().message.findUniqueOrThrow({
      where: { id: first.messageId },
      include: { conversation: true, timelineEvent: true },
    });
    expect(message.deliveryStatus).toBe("PENDING");
    expect(message.body).toBe("Your order #1001 is confirmed.");
    expect(message.conversation.status).toBe("RESOLVED");
    expect(message.conversation.openCustomerId).toBeNull();
    expect(message.timelineEvent?.type).toBe("MESSAGE");
    expect(await db().message.count({ where: { idempotencyKey } })).toBe(1);
  });
});

describe("sendMessage", () => {
  it("sends SMS with our status callback and records the provider's answer", async () => {
    const step = await flowStep();
    const { messageId } = await sms({ flowStepId: step.id });
    await sendMessage(messageId);
    expect(env.fakes.twilio.messages).toHaveLength(1);
    const sent = env.fakes.twilio.messages[0];
    expect(sent.to).toBe("+14155550123");
    expect(sent.from).toBe(SMS_FROM);
    expect(sent.body).toBe("Your order #1001 is confirmed.");
    expect(sent.statusCallback).toBe(
      `${env.appUrl}/webhooks/twilio/status/${env.twilioToken}?threadline_message_id=${messageId}`,
    );
    const message = await db().message.findUniqueOrThrow({
      where: { id: messageId },
      include: { timelineEvent: true },
    });
    expect(message.providerMessageId).toBe(sent.sid);
    expect(message.deliveryStatus).toBe("QUEUED");
    expect(message.sentAt).toBeInstanceOf(Date);
    expect(message.sendAttemptedAt).toBeInstanceOf(Date);
    expect((message.timelineEvent?.data as { deliveryStatus: string }).deliveryStatus).toBe("QUEUED");
    expect((await db().flowStep.findUniqueOrThrow({ where: { id: step.id } })).state).toBe("SENT");

    // A second run of the job (BullMQ redelivery, reconciler) sends nothing.
    await sendMessage(messageId);
    expect(env.fakes.twilio.messages).toHaveLength(1);
  });

  it("sends WhatsApp as whatsapp:+E164, with an approved template when given", async () => {
    const { messageId } = await sms({
      channel: "WHATSAPP",
      toAddress: "+14155550123",
      body: "Your cart is waiting",
      metadata: { whatsappTemplate: { contentSid: "HX123", variables: { "1": "Ada" } }, purpose: "MARKETING" },
    });
    await sendMessage(messageId);
    const sent = env.fakes.twilio.messages[0];
    expect(sent.to).toBe("whatsapp:+14155550123");
    expect(sent.from).toBe(`whatsapp:${WHATSAPP_FROM}`);
    expect(sent.contentSid).toBe("HX123");
    expect(JSON.parse(sent.contentVariables!)).toEqual({ "1": "Ada" });
    expect(sent.statusCallback).toContain(`/webhooks/twilio/status/${env.twilioToken}`);
  });

  it("sends email with List-Unsubscribe headers and our message id as a custom arg", async () => {
    const url = unsubscribeUrl({ shopId: env.shopId, customerId, channel: "EMAIL" });
    const { messageId } = await claimOutboundMessage({
      shopId: env.shopId,
      customerId,
      channel: "EMAIL",
      toAddress: "Ada@Example.com",
      subject: "You left something behind",
      body: `Come back!\n\nUnsubscribe: ${url}`,
      author: "FLOW",
      idempotencyKey: key(),
      metadata: { headers: listUnsubscribeHeaders(url), replyTo: "r-1@reply.shop.example.com", purpose: "MARKETING" },
    });
    await sendMessage(messageId);
    expect(env.fakes.sendgrid.mails).toHaveLength(1);
    const mail = env.fakes.sendgrid.mails[0];
    expect(mail.body.personalizations?.[0].to).toEqual([{ email: "ada@example.com" }]);
    expect(mail.body.from).toEqual({ email: FROM_EMAIL });
    expect(mail.body.subject).toBe("You left something behind");
    expect(mail.body.reply_to).toEqual({ email: "r-1@reply.shop.example.com" });
    expect(mail.body.custom_args).toEqual({ threadline_message_id: messageId });
    expect(mail.body.headers).toEqual({
      // A flow's email is automatic (RFC 3834, decision 0059).
      "Auto-Submitted": "auto-generated",
      "List-Unsubscribe": `<${url}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(mail.body.content?.[0]).toEqual({ type: "text/plain", value: `Come back!\n\nUnsubscribe: ${url}` });
    const message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message.providerMessageId).toBe(mail.messageId);
    expect(message.deliveryStatus).toBe("QUEUED");
  });

  it("fails an invalid number (21211) at once with the reason, and fails its FlowStep", async () => {
    const step = await flowStep();
    const { messageId } = await sms({ flowStepId: step.id, toAddress: "+15005550001" });
    await sendMessage(messageId);
    expect(env.fakes.twilio.rejected).toHaveLength(1);
    const message = await db().message.findUniqueOrThrow({
      where: { id: messageId },
      include: { timelineEvent: true },
    });
    expect(message.deliveryStatus).toBe("FAILED");
    expect(message.errorCode).toBe("21211");
    expect(message.errorMessage).toBe("The number is not a valid phone number.");
    expect(message.timelineEvent?.data).toMatchObject({ deliveryStatus: "FAILED", errorCode: "21211" });
    const after = await db().flowStep.findUniqueOrThrow({ where: { id: step.id } });
    expect(after.state).toBe("FAILED");
    expect(after.lastError).toBe("The number is not a valid phone number.");
    await sendMessage(messageId);
    expect(env.fakes.twilio.rejected).toHaveLength(1);
  });

  it("treats 21610 as an opt-out: fails and revokes the channel's consent", async () => {
    const other = await createCustomer(env.shopId, { phone: "+15005550004", email: "stop@example.com" });
    const { messageId } = await claimOutboundMessage({
      shopId: env.shopId,
      customerId: other.id,
      channel: "SMS",
      toAddress: "+15005550004",
      body: "hello",
      author: "FLOW",
      idempotencyKey: key(),
    });
    await sendMessage(messageId);
    const message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ deliveryStatus: "FAILED", errorCode: "21610" });
    const consents = await db().consent.findMany({ where: { customerId: other.id }, orderBy: { purpose: "asc" } });
    expect(consents.map((c) => [c.channel, c.purpose, c.state, c.source])).toEqual([
      ["SMS", "MARKETING", "REVOKED", "KEYWORD"],
      ["SMS", "TRANSACTIONAL", "REVOKED", "KEYWORD"],
    ]);
    // Nothing more goes to that number through us.
    const next = await claimOutboundMessage({
      shopId: env.shopId,
      customerId: other.id,
      channel: "SMS",
      toAddress: "+15005550004",
      body: "again",
      author: "FLOW",
      idempotencyKey: key(),
    });
    await sendMessage(next.messageId);
    expect(env.fakes.twilio.rejected).toHaveLength(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: next.messageId } })).toMatchObject({
      deliveryStatus: "FAILED",
      errorCode: "CONSENT_REVOKED",
    });
  });

  it("retries a rate limit (20429) through the real sends queue and sends once", async () => {
    env.fakes.twilio.failNext(20429);
    const { messageId } = await sms();
    const workers: WorkerHandle = await startWorkers({
      queues: [QUEUE.sends],
      schedule: false,
      reconcileOnStart: false,
    });
    try {
      await enqueueSend(messageId);
      const job = await getQueue(QUEUE.sends).getJob(`send-${messageId}`);
      expect(job?.opts.attempts).toBeGreaterThanOrEqual(6);
      expect(job?.opts.backoff).toEqual({ type: "exponential", delay: 2000, jitter: 0.5 });
      const deadline = Date.now() + 20_000;
      let message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
      while (message.deliveryStatus === "PENDING" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
      }
      expect(message.deliveryStatus).toBe("QUEUED");
      expect(env.fakes.twilio.rejected).toHaveLength(1);
      expect(env.fakes.twilio.messages).toHaveLength(1);
      expect(message.providerMessageId).toBe(env.fakes.twilio.messages[0].sid);
    } finally {
      await workers.close();
    }
  });

  it("gives up after the last attempt with the reason", async () => {
    env.fakes.twilio.failNext(20429);
    const { messageId } = await sms();
    const job = { attemptsMade: 5, opts: { attempts: 6 } } as unknown as Job;
    await sendMessage(messageId, job);
    const message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message.deliveryStatus).toBe("FAILED");
    expect(message.errorCode).toBe("20429");
    expect(message.errorMessage).toMatch(/Gave up after 6 attempts/);
  });

  it("a retryable failure before the last attempt throws and leaves the message sendable", async () => {
    env.fakes.twilio.failNext(20429);
    const { messageId } = await sms();
    const job = { attemptsMade: 0, opts: { attempts: 8 } } as unknown as Job;
    await expect(sendMessage(messageId, job)).rejects.toThrow(/rate limiting/);
    const pending = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(pending).toMatchObject({ deliveryStatus: "PENDING", sendAttemptedAt: null });
    await sendMessage(messageId, { attemptsMade: 1, opts: { attempts: 8 } } as unknown as Job);
    expect(env.fakes.twilio.messages).toHaveLength(1);
  });

  it("never resends after a crash between the provider call and our write when Twilio cannot be asked: NEEDS_REVIEW", async () => {
    const step = await flowStep();
    const { messageId } = await sms({ flowStepId: step.id });
    // The worker died after writing sendAttemptedAt (and maybe after Twilio accepted it), minutes
    // ago; the look-up that would settle it (crash-recovery.server.ts) fails.
    const attempted = new Date(Date.now() - 5 * 60_000);
    await db().message.update({ where: { id: messageId }, data: { sendAttemptedAt: attempted } });
    env.fakes.twilio.failLists({ status: 500, code: 20500 });
    await sendMessage(messageId);
    expect(env.fakes.twilio.listQueries).toHaveLength(1);
    expect(env.fakes.twilio.messages).toHaveLength(0);
    expect(env.fakes.twilio.rejected).toHaveLength(0);
    const message = await db().message.findUniqueOrThrow({
      where: { id: messageId },
      include: { timelineEvent: true },
    });
    expect(message.deliveryStatus).toBe("NEEDS_REVIEW");
    expect(message.errorMessage).toBe(CRASH_REVIEW_MESSAGE);
    expect(message.timelineEvent?.data).toMatchObject({ deliveryStatus: "NEEDS_REVIEW" });
    expect((await db().flowStep.findUniqueOrThrow({ where: { id: step.id } })).state).toBe("FAILED");
    await sendMessage(messageId);
    expect(env.fakes.twilio.messages).toHaveLength(0);
  });

  it("fails clearly when the shop has no connection for the provider", async () => {
    const shop = await db().shop.create({ data: { domain: "empty.myshopify.com", name: "Empty" } });
    const c = await createCustomer(shop.id, { phone: "+14155550199", email: "e@example.com" });
    const { messageId } = await claimOutboundMessage({
      shopId: shop.id,
      customerId: c.id,
      channel: "SMS",
      toAddress: "+14155550199",
      body: "hi",
      author: "STAFF",
      idempotencyKey: key(),
    });
    await sendMessage(messageId);
    const message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message.deliveryStatus).toBe("FAILED");
    expect(message.errorMessage).toMatch(/^No Twilio connection/);
  });
});
