// Staff replies through the durable send pipeline: claimed with a per-form key, sent by a real
// BullMQ worker to the Twilio stand-in, status callbacks applied; the same form submitted twice
// sends once; channel windows refuse with a plain explanation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { replyOptionsFor, sendStaffReply } from "../../app/conversations/staff-reply.server";
import { db } from "../../app/db/client.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { saveConnection } from "../../app/channels/credentials.server";
import { createCustomer, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { waitFor } from "./flows-engine-support";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

let env: SendingEnv;
let workers: WorkerHandle;
const staff = { id: "staff-1", name: "Sam Staff" };
let phoneSeq = 0;

beforeAll(async () => {
  env = await startSendingEnv();
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

async function openThread(channel: "SMS" | "WHATSAPP", inboundAt: Date) {
  const phone = `+1415555${String(2000 + phoneSeq++)}`;
  const customer = await createCustomer(env.shopId, { phone, email: `c${phoneSeq}@example.com` });
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: env.shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      status: "OPEN",
      lastInboundChannel: channel,
      lastInboundAt: inboundAt,
      unreadCount: 1,
    },
  });
  await db().message.create({
    data: {
      shopId: env.shopId,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "INBOUND",
      channel,
      author: "CUSTOMER",
      body: "Hello?",
      fromAddress: phone,
      deliveryStatus: "RECEIVED",
      idempotencyKey: `in:${randomUUID()}`,
      createdAt: inboundAt,
    },
  });
  return { customer, conversation, phone };
}

describe("staff replies", () => {
  it("GIVEN an SMS conversation WHEN staff reply THEN a real worker sends it to Twilio and the status callback marks it delivered", async () => {
    const { conversation, phone } = await openThread("SMS", new Date());
    const options = await replyOptionsFor(env.shopId, conversation.customerId, { lastInboundChannel: "SMS" });
    expect(options.defaultChannel).toBe("SMS");
    const result = await sendStaffReply({
      shopId: env.shopId,
      conversationId: conversation.id,
      staff,
      channel: "SMS",
      body: "  It shipped this morning.  ",
      clientId: randomUUID(),
    });
    expect(result.ok).toBe(true);
    const messageId = result.ok ? result.messageId : "";
    const sent = await waitFor(() => env.fakes.twilio.messages.find((m) => m.to === phone), "the Twilio send");
    expect(sent.body).toBe("It shipped this morning.");
    const queued = await waitFor(async () => {
      const m = await db().message.findUniqueOrThrow({ where: { id: messageId } });
      return m.providerMessageId ? m : null;
    }, "the provider id");
    expect(queued.author).toBe("STAFF");
    expect(queued.authorName).toBe("Sam Staff");
    expect(queued.conversationId).toBe(conversation.id);
    expect(queued.idempotencyKey).toMatch(new RegExp(`^staff:${conversation.id}:`));
    await env.fakes.twilio.sendStatusCallback(sent.sid, "delivered");
    await waitFor(async () => {
      const m = await db().message.findUniqueOrThrow({ where: { id: messageId } });
      return m.deliveryStatus === "DELIVERED";
    }, "delivered");
  });

  it("GIVEN the same form submitted twice WHEN both arrive THEN one message is sent", async () => {
    const { conversation, phone } = await openThread("SMS", new Date());
    const clientId = randomUUID();
    const submit = () =>
      sendStaffReply({
        shopId: env.shopId,
        conversationId: conversation.id,
        staff,
        channel: "SMS",
        body: "Only once, please.",
        clientId,
      });
    const [a, b] = await Promise.all([submit(), submit()]);
    const c = await submit();
    expect(a.ok && b.ok && c.ok).toBe(true);
    const ids = [a, b, c].map((r) => (r.ok ? r.messageId : ""));
    expect(new Set(ids).size).toBe(1);
    await waitFor(() => env.fakes.twilio.messages.some((m) => m.to === phone), "the send");
    await new Promise((r) => setTimeout(r, 500));
    expect(env.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    expect(await db().message.count({ where: { conversationId: conversation.id, author: "STAFF" } })).toBe(1);
  });

  it("GIVEN a WhatsApp customer silent for more than 24 hours WHEN staff reply on WhatsApp THEN it is refused with the reason and nothing is stored", async () => {
    const { conversation, phone } = await openThread("WHATSAPP", new Date(Date.now() - 25 * 3600_000));
    const options = await replyOptionsFor(env.shopId, conversation.customerId, { lastInboundChannel: "WHATSAPP" });
    const wa = options.options.find((o) => o.channel === "WHATSAPP")!;
    expect(wa.allowed).toBe(false);
    expect(wa.explanation).toMatch(/approved template/);
    // The default falls back to a channel that can be used.
    expect(options.defaultChannel).toBe("SMS");
    const result = await sendStaffReply({
      shopId: env.shopId,
      conversationId: conversation.id,
      staff,
      channel: "WHATSAPP",
      body: "Are you still there?",
      clientId: randomUUID(),
    });
    expect(result).toEqual({ ok: false, error: wa.explanation, field: "channel" });
    expect(await db().message.count({ where: { conversationId: conversation.id, author: "STAFF" } })).toBe(0);
    expect(env.fakes.twilio.messages.filter((m) => m.to.endsWith(phone))).toHaveLength(0);

    // Within 24 hours WhatsApp is allowed.
    const fresh = await openThread("WHATSAPP", new Date(Date.now() - 3600_000));
    const ok = await sendStaffReply({
      shopId: env.shopId,
      conversationId: fresh.conversation.id,
      staff,
      channel: "WHATSAPP",
      body: "Yes, we can help.",
      clientId: randomUUID(),
    });
    expect(ok.ok).toBe(true);
    await waitFor(() => env.fakes.twilio.messages.some((m) => m.to === `whatsapp:${fresh.phone}`), "the WhatsApp send");
  });

  it("refuses an empty body, an unknown channel, an email without subject and unreachable channels", async () => {
    const { conversation } = await openThread("SMS", new Date());
    const base = { shopId: env.shopId, conversationId: conversation.id, staff, clientId: randomUUID() };
    expect(await sendStaffReply({ ...base, channel: "SMS", body: "   " })).toMatchObject({ ok: false, field: "body" });
    expect(await sendStaffReply({ ...base, channel: "FAX", body: "hi" })).toMatchObject({
      ok: false,
      field: "channel",
    });
    expect(await sendStaffReply({ ...base, channel: "EMAIL", body: "hi", subject: " " })).toMatchObject({
      ok: false,
      field: "subject",
    });
    const meta = await sendStaffReply({ ...base, channel: "MESSENGER", body: "hi" });
    expect(meta).toMatchObject({ ok: false, field: "channel" });
    expect(await sendStaffReply({ ...base, clientId: "bad id!", channel: "SMS", body: "hi" })).toMatchObject({
      ok: false,
    });
  });
  it("GIVEN a Messenger customer WHEN staff reply after 24 h THEN it carries the HUMAN_AGENT tag, and after 7 days it is refused", async () => {
    await saveConnection(env.shopId, "META", {
      pageId: "1029384756",
      pageAccessToken: "EAAB-page-token",
      appSecret: "meta-app-secret",
      verifyToken: "verify-me",
    });
    async function messengerThread(hoursAgo: number) {
      const customer = await createCustomer(env.shopId, {
        phone: `+1415555${String(3000 + phoneSeq++)}`,
        email: `m${phoneSeq}@example.com`,
      });
      const psid = `24700000${phoneSeq}`;
      await db().customerIdentity.create({
        data: { shopId: env.shopId, customerId: customer.id, kind: "MESSENGER", value: psid },
      });
      const conversation = await db().conversation.create({
        data: {
          replyToken: newCaseInsensitiveToken(),
          shopId: env.shopId,
          customerId: customer.id,
          openCustomerId: customer.id,
          lastInboundChannel: "MESSENGER",
        },
      });
      await db().message.create({
        data: {
          shopId: env.shopId,
          conversationId: conversation.id,
          customerId: customer.id,
          direction: "INBOUND",
          channel: "MESSENGER",
          author: "CUSTOMER",
          body: "Hi there",
          deliveryStatus: "RECEIVED",
          idempotencyKey: `in:${randomUUID()}`,
          createdAt: new Date(Date.now() - hoursAgo * 3600_000),
        },
      });
      return { conversation, psid };
    }
    const tagged = await messengerThread(30);
    const options = await replyOptionsFor(env.shopId, tagged.conversation.customerId, {
      lastInboundChannel: "MESSENGER",
    });
    expect(options.defaultChannel).toBe("MESSENGER");
    const result = await sendStaffReply({
      shopId: env.shopId,
      conversationId: tagged.conversation.id,
      staff,
      channel: "MESSENGER",
      body: "Sorry for the wait!",
      clientId: randomUUID(),
    });
    expect(result.ok).toBe(true);
    const stored = await db().message.findUniqueOrThrow({ where: { id: result.ok ? result.messageId : "" } });
    expect(stored.toAddress).toBe(tagged.psid);
    expect(stored.metadata).toMatchObject({ metaTag: "HUMAN_AGENT" });
    await waitFor(() => env.fakes.meta.messages.some((m) => m.body.recipient.id === tagged.psid), "the Meta send");
    expect(env.fakes.meta.messages.find((m) => m.body.recipient.id === tagged.psid)!.body).toMatchObject({
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
    });

    const closed = await messengerThread(8 * 24);
    const refused = await sendStaffReply({
      shopId: env.shopId,
      conversationId: closed.conversation.id,
      staff,
      channel: "MESSENGER",
      body: "Hello again",
      clientId: randomUUID(),
    });
    expect(refused).toMatchObject({ ok: false, field: "channel" });
    expect(!refused.ok && refused.error).toMatch(/7 days/);
  });
  it("GIVEN an email conversation WHEN staff reply by email THEN it is sent with a subject, threaded on the customer's email", async () => {
    const customer = await createCustomer(env.shopId, {
      phone: `+1415555${String(4000 + phoneSeq++)}`,
      email: `e${phoneSeq}@example.com`,
    });
    const conversation = await db().conversation.create({
      data: {
        replyToken: newCaseInsensitiveToken(),
        shopId: env.shopId,
        customerId: customer.id,
        openCustomerId: customer.id,
        lastInboundChannel: "EMAIL",
      },
    });
    await db().message.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "INBOUND",
        channel: "EMAIL",
        author: "CUSTOMER",
        subject: "Size swap",
        body: "Could I swap the size?",
        providerMessageId: "<CAF-original-123@mail.example.com>",
        deliveryStatus: "RECEIVED",
        idempotencyKey: `in:${randomUUID()}`,
      },
    });
    const result = await sendStaffReply({
      shopId: env.shopId,
      conversationId: conversation.id,
      staff,
      channel: "EMAIL",
      subject: "Re: Size swap",
      body: "Of course, which size?",
      clientId: randomUUID(),
    });
    expect(result.ok).toBe(true);
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => JSON.stringify(m.body).includes(customer.email!)),
      "the SendGrid send",
    );
    expect(mail.body.subject).toBe("Re: Size swap");
    expect(mail.body.headers).toMatchObject({
      "In-Reply-To": "<CAF-original-123@mail.example.com>",
      References: "<CAF-original-123@mail.example.com>",
    });
  });
});
