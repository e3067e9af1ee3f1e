// STOP / START over signed Twilio inbound webhooks, through the real sends queue to the stand-in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { consentFor } from "../../app/consent/effective-consent.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { sendMessage } from "../../app/messages/send-message.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { QUEUE } from "../../app/jobs/queues.server";
import {
  createCustomer,
  inboundSms,
  postTwilioSigned,
  SMS_FROM,
  startSendingEnv,
  type SendingEnv,
} from "./sending-helpers";

let env: SendingEnv;
let workers: WorkerHandle;
const PHONE = "+14155550123";

beforeAll(async () => {
  env = await startSendingEnv();
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});
beforeEach(() => env.fakes.reset());

const inboundUrl = () => `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;

async function waitFor(predicate: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function settle() {
  // Give any (unexpected) extra job time to reach the stand-in.
  await new Promise((r) => setTimeout(r, 500));
}

const consentOf = async (customerId: string) =>
  (await db().consent.findMany({ where: { customerId, channel: "SMS" }, orderBy: { purpose: "asc" } })).map(
    (c) => `${c.purpose}:${c.state}:${c.source}`,
  );

describe("STOP and START", () => {
  it("STOP revokes SMS consent, confirms once, and a replay does nothing more", async () => {
    const customer = await createCustomer(env.shopId, { phone: PHONE, email: "ada@example.com" });
    await db().consent.create({
      data: {
        shopId: env.shopId,
        customerId: customer.id,
        channel: "SMS",
        purpose: "MARKETING",
        state: "GRANTED",
        source: "SHOPIFY_CUSTOMER",
        occurredAt: new Date(Date.now() - 86_400_000),
      },
    });
    const params = inboundSms(PHONE, " Stop ");
    const res = await postTwilioSigned(inboundUrl(), params);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    expect(await consentOf(customer.id)).toEqual(["MARKETING:REVOKED:KEYWORD", "TRANSACTIONAL:REVOKED:KEYWORD"]);
    expect(
      await consentFor({ shopId: env.shopId, customerId: customer.id, channel: "SMS", purpose: "TRANSACTIONAL" }),
    ).toMatchObject({ allowed: false });

    await waitFor(() => env.fakes.twilio.messages.length >= 1);
    await settle();
    expect(env.fakes.twilio.messages).toHaveLength(1);
    const confirmation = env.fakes.twilio.messages[0];
    expect(confirmation.to).toBe(PHONE);
    expect(confirmation.from).toBe(SMS_FROM);
    expect(confirmation.body).toBe(
      "You're unsubscribed from Threadline Demo and will get no more messages here. Reply START to subscribe again.",
    );
    const stored = await db().message.findUniqueOrThrow({
      where: { idempotencyKey: `inbound:twilio:${params.MessageSid}` },
    });
    expect(stored).toMatchObject({
      direction: "INBOUND",
      deliveryStatus: "RECEIVED",
      author: "CUSTOMER",
      body: " Stop ",
    });
    const confirmRow = await db().message.findUniqueOrThrow({
      where: { idempotencyKey: `keyword:${params.MessageSid}` },
    });
    expect(confirmRow).toMatchObject({
      author: "SYSTEM",
      deliveryStatus: "QUEUED",
      conversationId: stored.conversationId,
    });
    expect(await db().timelineEvent.count({ where: { customerId: customer.id, type: "CONSENT_CHANGED" } })).toBe(2);

    // Twilio retries the same webhook.
    expect((await postTwilioSigned(inboundUrl(), params)).status).toBe(200);
    await settle();
    expect(env.fakes.twilio.messages).toHaveLength(1);
    expect(await db().message.count({ where: { customerId: customer.id, direction: "INBOUND" } })).toBe(1);
    expect(await db().timelineEvent.count({ where: { customerId: customer.id, type: "CONSENT_CHANGED" } })).toBe(2);

    // Nothing else gets past the opt-out.
    const { messageId } = await claimOutboundMessage({
      shopId: env.shopId,
      customerId: customer.id,
      channel: "SMS",
      toAddress: PHONE,
      body: "Your order shipped",
      author: "FLOW",
      idempotencyKey: `after-stop:${customer.id}`,
      metadata: { purpose: "TRANSACTIONAL" },
    });
    await sendMessage(messageId);
    expect(env.fakes.twilio.messages).toHaveLength(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({
      deliveryStatus: "FAILED",
      errorCode: "CONSENT_REVOKED",
    });

    // START restores both purposes and confirms.
    const start = inboundSms(PHONE, "start");
    expect((await postTwilioSigned(inboundUrl(), start)).status).toBe(200);
    await waitFor(() => env.fakes.twilio.messages.length >= 2);
    await settle();
    expect(env.fakes.twilio.messages).toHaveLength(2);
    expect(env.fakes.twilio.messages[1].body).toBe(
      "You're subscribed to messages from Threadline Demo again. Reply STOP to unsubscribe.",
    );
    expect(await consentOf(customer.id)).toEqual(["MARKETING:GRANTED:KEYWORD", "TRANSACTIONAL:GRANTED:KEYWORD"]);

    // A very late replay of the old STOP cannot undo the START.
    expect((await postTwilioSigned(inboundUrl(), params)).status).toBe(200);
    await settle();
    expect(await consentOf(customer.id)).toEqual(["MARKETING:GRANTED:KEYWORD", "TRANSACTIONAL:GRANTED:KEYWORD"]);
    expect(env.fakes.twilio.messages).toHaveLength(2);
  });

  it('"stop please" is not a keyword: it is stored as a reply, consent untouched', async () => {
    const phone = "+14155550124";
    const params = inboundSms(phone, "stop please");
    expect((await postTwilioSigned(inboundUrl(), params)).status).toBe(200);
    await settle();
    expect(env.fakes.twilio.messages).toHaveLength(0);
    const m = await db().message.findUniqueOrThrow({
      where: { idempotencyKey: `inbound:twilio:${params.MessageSid}` },
    });
    expect(await db().consent.count({ where: { customerId: m.customerId } })).toBe(0);
  });

  it("a normal reply creates the customer and an open conversation with the message", async () => {
    const phone = "+14155550125";
    const params = inboundSms(phone, "Is the blue one back in stock?", { ProfileName: "Grace Hopper" });
    expect((await postTwilioSigned(inboundUrl(), params)).status).toBe(200);
    const m = await db().message.findUniqueOrThrow({
      where: { idempotencyKey: `inbound:twilio:${params.MessageSid}` },
      include: { conversation: true, customer: { include: { identities: true } }, timelineEvent: true },
    });
    expect(m).toMatchObject({
      direction: "INBOUND",
      channel: "SMS",
      author: "CUSTOMER",
      deliveryStatus: "RECEIVED",
      fromAddress: phone,
      toAddress: SMS_FROM,
      providerMessageId: params.MessageSid,
    });
    expect(m.conversation).toMatchObject({
      status: "OPEN",
      openCustomerId: m.customerId,
      lastInboundChannel: "SMS",
      unreadCount: 1,
      lastMessagePreview: "Is the blue one back in stock?",
    });
    expect(m.customer.phone).toBe(phone);
    expect(m.customer.firstName).toBe("Grace");
    expect(m.customer.identities.map((i) => [i.kind, i.value])).toEqual([["PHONE", phone]]);
    expect(m.timelineEvent?.type).toBe("MESSAGE");
    // Replayed: still one message, one unread.
    expect((await postTwilioSigned(inboundUrl(), params)).status).toBe(200);
    expect(await db().message.count({ where: { customerId: m.customerId } })).toBe(1);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: m.conversationId } })).unreadCount).toBe(1);
  });

  it("WhatsApp STOP revokes WhatsApp only and confirms on WhatsApp", async () => {
    const phone = "+14155550126";
    const params = inboundSms(`whatsapp:${phone}`, "STOP", { To: "whatsapp:+16505551234" });
    expect((await postTwilioSigned(inboundUrl(), params)).status).toBe(200);
    await waitFor(() => env.fakes.twilio.messages.length >= 1);
    expect(env.fakes.twilio.messages[0].to).toBe(`whatsapp:${phone}`);
    const m = await db().message.findUniqueOrThrow({
      where: { idempotencyKey: `inbound:twilio:${params.MessageSid}` },
    });
    const consents = await db().consent.findMany({ where: { customerId: m.customerId } });
    expect(new Set(consents.map((c) => `${c.channel}:${c.purpose}:${c.state}`))).toEqual(
      new Set(["WHATSAPP:MARKETING:REVOKED", "WHATSAPP:TRANSACTIONAL:REVOKED"]),
    );
  });

  it("rejects a bad signature with 403 and stores nothing", async () => {
    const params = inboundSms("+14155550127", "STOP");
    const res = await postTwilioSigned(inboundUrl(), params, "not-the-token");
    expect(res.status).toBe(403);
    expect(await db().message.count({ where: { providerMessageId: params.MessageSid } })).toBe(0);
  });
});
