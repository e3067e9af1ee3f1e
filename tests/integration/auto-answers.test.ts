// Automatic first responses (app/answers/, decision 0032), end to end: signed Twilio webhooks to
// the real inbound route, SendGrid Inbound Parse posts, the storefront chat through the signed app
// proxy; real Redis workers for the "answers" and "sends" queues; the vendor stand-ins record what
// was sent. The knowledge base holds real, indexed articles (app/knowledge/articles.server.ts).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { sendStaffReply } from "../../app/conversations/staff-reply.server";
import { assignConversation, setConversationStatus } from "../../app/conversations/state.server";
import { saveCalendar } from "../../app/business-hours/calendar.server";
import { db } from "../../app/db/client.server";
import { getConversation, listConversations } from "../../app/admin-queries/inbox.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { saveArticle } from "../../app/knowledge/articles.server";
import { newSecretToken } from "../../app/lib/secret-token.server";
import { action as chatPost } from "../../app/routes/proxy.chat.messages";
import { action as chatHistory } from "../../app/routes/proxy.chat.history";
import { action as sendgridInbound } from "../../app/routes/webhooks.sendgrid.inbound.$token";
import { signedAppProxyRequest } from "../support/app-proxy";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { waitFor } from "./flows-engine-support";
import { inboundSms, postTwilioSigned, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let workers: WorkerHandle;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** The shop opens only three days from now (UTC): the hand-off notice names that day. */
const openDay = (new Date().getUTCDay() + 3) % 7;
const NOTICE = `Thanks for your message. A person will reply on ${WEEKDAYS[openDay]} from 09:00.`;

const SHIPPING = {
  title: "How long does shipping take?",
  answer: "Orders ship within 2 business days and arrive in 3 to 5 business days.",
};
const RETURNS = {
  title: "What is your return policy?",
  answer: "You can return unworn items within 30 days of delivery for a full refund.",
};
const INTERNATIONAL = {
  title: "Do you ship internationally?",
  answer: "Yes, we ship to over 40 countries; international delivery takes 7 to 14 days.",
};
const cited = (a: { title: string; answer: string }) => `${a.answer}\n\n— from our FAQ: ${a.title}`;

async function setAutoAnswers(channels: Record<string, string>, maxInARow = 2) {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
  await db().shop.update({
    where: { id: env.shopId },
    data: {
      settings: {
        ...(shop.settings as object),
        autoAnswers: { channels, maxInARow },
        businessHours: { hours: [{ day: openDay, open: "09:00", close: "17:00" }] },
      },
    },
  });
}

beforeAll(async () => {
  env = await startSendingEnv();
  for (const a of [SHIPPING, RETURNS, INTERNATIONAL]) {
    const saved = await saveArticle(env.shopId, null, { ...a, tags: [], locale: "en", status: "PUBLISHED" });
    expect(saved.ok).toBe(true);
  }
  await setAutoAnswers({ SMS: "always", CHAT: "always", EMAIL: "always", WHATSAPP: "off" });
  workers = await startWorkers({ queues: [QUEUE.answers, QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await closeChatRateLimiter();
  await env?.close();
});

let phoneN = 0;
const newPhone = () => `+1415555${String(1000 + phoneN++).padStart(4, "0")}`;
const inboundUrl = () => `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;

async function text(from: string, body: string, over: Record<string, string> = {}) {
  const params = inboundSms(from, body, over);
  const res = await postTwilioSigned(inboundUrl(), params);
  expect(res.status).toBe(200);
  return params;
}

/** The AutoAnswer row of the inbound message with this Twilio sid, once decided. */
async function decided(providerMessageId: string) {
  return waitFor(async () => {
    const row = await db().autoAnswer.findFirst({ where: { message: { providerMessageId } } });
    return row && row.state !== "PENDING" ? row : null;
  }, `the automatic answer decision for ${providerMessageId}`);
}

const sentTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

describe("automatic answers", () => {
  it("GIVEN an FAQ in the knowledge base WHEN a customer texts the question THEN the article's answer goes out by SMS, cited and marked automatic", async () => {
    const phone = newPhone();
    const params = await text(phone, "How long does shipping take?");
    const sent = await waitFor(() => sentTo(phone)[0], "the automatic SMS");
    expect(sent.body).toBe(cited(SHIPPING));
    expect(sent.from).toBe(SMS_FROM);

    const row = await decided(params.MessageSid);
    expect(row).toMatchObject({ state: "ANSWERED", outcome: "answered" });
    const reply = await db().message.findUniqueOrThrow({ where: { id: row.replyMessageId! } });
    expect(reply).toMatchObject({ direction: "OUTBOUND", channel: "SMS", author: "SYSTEM", automatic: true });
    expect((reply.metadata as { automatic: { kind: string; title: string } }).automatic).toMatchObject({
      kind: "answer",
      title: SHIPPING.title,
    });

    // Staff see it as automatic on the conversation's timeline and on the inbox card.
    const page = await getConversation(env.shopId, reply.conversationId);
    const onTimeline = page.timeline.find((i) => i.kind === "message" && i.id === reply.id);
    expect(onTimeline).toMatchObject({ automatic: true });
    await waitFor(
      async () => (await db().message.findUnique({ where: { id: reply.id } }))?.deliveryStatus !== "PENDING",
    );
    const { conversations } = await listConversations({ shopId: env.shopId, pageSize: 100 });
    expect(conversations.find((c) => c.id === reply.conversationId)).toMatchObject({ lastMessageAutomatic: true });
  });

  it("GIVEN an FAQ WHEN a shopper asks it in the storefront chat THEN the widget's history shows the answer flagged automatic", async () => {
    const visitorId = `v_${randomUUID().replace(/-/g, "")}`;
    const visitorSecret = newSecretToken();
    const proxy = (path: string, json: object) =>
      signedAppProxyRequest({ path, shop: TEST_SHOP_DOMAIN, json: { visitorId, visitorSecret, ...json } });
    const posted = await chatPost({
      request: proxy("/proxy/chat/messages", { text: "What is your return policy?" }),
      params: {},
      context: {},
    } as Parameters<typeof chatPost>[0]);
    expect(posted.status).toBe(201);

    const answer = await waitFor(async () => {
      const res = await chatHistory({
        request: proxy("/proxy/chat/history", {}),
        params: {},
        context: {},
      } as Parameters<typeof chatHistory>[0]);
      const body = (await res.json()) as { messages: Array<{ direction: string; automatic: boolean; text: string }> };
      return body.messages.find((m) => m.direction === "outbound");
    }, "the automatic chat answer");
    expect(answer).toMatchObject({ automatic: true, text: cited(RETURNS) });
  });

  it("GIVEN a question no article covers WHEN texted THEN the conversation waits for a person (time, HIGH priority) and the customer is told when, once", async () => {
    const phone = newPhone();
    const before = new Date();
    const params = await text(phone, "Can I pay for my order with a bag of seashells?");
    const row = await decided(params.MessageSid);
    expect(row).toMatchObject({ state: "HANDED_OFF", outcome: "low_confidence" });
    const inbound = await db().message.findFirstOrThrow({ where: { providerMessageId: params.MessageSid } });
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: inbound.conversationId } });
    expect(conversation.priority).toBe("HIGH");
    expect(conversation.waitingForPersonSince!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    expect(conversation.handoffReason).toBeTruthy();
    const notice = await waitFor(() => sentTo(phone)[0], "the hand-off notice");
    expect(notice.body).toBe(NOTICE);

    // Still waiting: another unknown question gets no second notice.
    const again = await text(phone, "Also, can I pay with pebbles?");
    expect(await decided(again.MessageSid)).toMatchObject({ state: "HANDED_OFF" });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone)).toHaveLength(1);
  });

  it.each([
    ["asked_for_person", "HIGH", "I want to speak to a real person please"],
    ["frustration", "HIGH", "This is ridiculous, I am furious with your service"],
    ["legal_threat", "HIGH", "I will ask my lawyer to take this to court"],
    ["dispute", "HIGH", "I am going to file a chargeback with my bank"],
    ["safety", "URGENT", "The charger caught fire and burned my hand"],
    ["self_harm", "URGENT", "I want to end my life"],
  ])(
    "GIVEN the mandatory topic %s WHEN texted THEN it goes to a person with priority %s, even with an article at hand",
    async (reason, priority, body) => {
      const phone = newPhone();
      const params = await text(phone, `${body}. How long does shipping take?`);
      const row = await decided(params.MessageSid);
      expect(row).toMatchObject({ state: "HANDED_OFF", outcome: reason });
      const inbound = await db().message.findFirstOrThrow({ where: { providerMessageId: params.MessageSid } });
      const conversation = await db().conversation.findUniqueOrThrow({ where: { id: inbound.conversationId } });
      expect(conversation.priority).toBe(priority);
      expect(conversation.waitingForPersonSince).not.toBeNull();
      const notice = await waitFor(() => sentTo(phone)[0], "the hand-off notice");
      expect(notice.body).toBe(NOTICE);
    },
  );

  it("GIVEN a person replied in this cycle WHEN the customer asks an FAQ THEN no automatic answer; after resolving, a new cycle is answered again", async () => {
    const phone = newPhone();
    const first = await text(phone, "Can I pay for my order with a bag of seashells?");
    await decided(first.MessageSid);
    const inbound = await db().message.findFirstOrThrow({ where: { providerMessageId: first.MessageSid } });
    const reply = await sendStaffReply({
      shopId: env.shopId,
      conversationId: inbound.conversationId,
      staff: { id: "staff-1", name: "Sam Staff" },
      channel: "SMS",
      body: "Hi, Sam here: no seashells, sorry!",
      clientId: randomUUID(),
    });
    expect(reply.ok).toBe(true);
    await waitFor(() => sentTo(phone).length === 2, "the staff SMS");
    const afterStaff = await db().conversation.findUniqueOrThrow({ where: { id: inbound.conversationId } });
    expect(afterStaff.waitingForPersonSince).toBeNull();

    const second = await text(phone, "How long does shipping take?");
    expect(await decided(second.MessageSid)).toMatchObject({ state: "SKIPPED", outcome: "staff_replied" });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone)).toHaveLength(2);

    await setConversationStatus(env.shopId, inbound.conversationId, "RESOLVED");
    const third = await text(phone, "What is your return policy?");
    expect(await decided(third.MessageSid)).toMatchObject({ state: "ANSWERED" });
    const answer = await waitFor(() => sentTo(phone)[2], "the new cycle's answer");
    expect(answer.body).toBe(cited(RETURNS));
  });

  it("GIVEN an assigned conversation WHEN the customer asks an FAQ THEN no automatic answer", async () => {
    const phone = newPhone();
    const first = await text(phone, "How long does shipping take?");
    await decided(first.MessageSid);
    await waitFor(() => sentTo(phone)[0], "the first answer");
    const inbound = await db().message.findFirstOrThrow({ where: { providerMessageId: first.MessageSid } });
    await assignConversation(env.shopId, inbound.conversationId, { id: "staff-2", name: "Ana Agent" });

    const second = await text(phone, "What is your return policy?");
    expect(await decided(second.MessageSid)).toMatchObject({ state: "SKIPPED", outcome: "assigned" });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone)).toHaveLength(1);
  });

  it("GIVEN maxInARow 2 WHEN a customer asks three FAQs THEN two are answered and the third is not", async () => {
    const phone = newPhone();
    const questions = ["How long does shipping take?", "What is your return policy?", "Do you ship internationally?"];
    const outcomes = [];
    for (const q of questions) {
      const params = await text(phone, q);
      outcomes.push((await decided(params.MessageSid)).outcome);
    }
    expect(outcomes).toEqual(["answered", "answered", "max_in_a_row"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone).map((m) => m.body)).toEqual([cited(SHIPPING), cited(RETURNS)]);
  });

  it("GIVEN a customer who texted STOP WHEN they ask an FAQ THEN nothing automatic is sent (an automatic answer is a support message, and STOP applies)", async () => {
    const phone = newPhone();
    await text(phone, "STOP");
    await waitFor(() => sentTo(phone)[0], "the STOP confirmation");
    const question = await text(phone, "How long does shipping take?");
    expect(await decided(question.MessageSid)).toMatchObject({ state: "SKIPPED", outcome: "channel_unavailable" });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone)).toHaveLength(1);
  });

  it("GIVEN automatic answers off for WhatsApp WHEN a WhatsApp question arrives THEN nothing is decided or sent", async () => {
    const phone = newPhone();
    const params = await text(`whatsapp:${phone}`, "How long does shipping take?", { To: "whatsapp:+16505551234" });
    await new Promise((r) => setTimeout(r, 500));
    const inbound = await db().message.findFirstOrThrow({ where: { providerMessageId: params.MessageSid } });
    expect(await db().autoAnswer.count({ where: { inboundMessageId: inbound.id } })).toBe(0);
    expect(env.fakes.twilio.messages.filter((m) => m.to.includes(phone))).toHaveLength(0);
  });

  it("GIVEN the same webhook delivered twice at once WHEN processed THEN exactly one automatic answer", async () => {
    const phone = newPhone();
    const params = inboundSms(phone, "Do you ship internationally?");
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => postTwilioSigned(inboundUrl(), params)));
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    await decided(params.MessageSid);
    await waitFor(() => sentTo(phone)[0], "the answer");
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone).map((m) => m.body)).toEqual([cited(INTERNATIONAL)]);
    expect(await db().message.count({ where: { shopId: env.shopId, automatic: true, toAddress: phone } })).toBe(1);
  });

  it("GIVEN email answers on WHEN a customer emails an FAQ THEN it is answered by email, but an email with Auto-Submitted: auto-replied is not", async () => {
    const post = (from: string, subject: string, textBody: string, extraHeaders: string[] = []) => {
      const form = new FormData();
      const messageId = `<${randomUUID()}@mail.example.net>`;
      form.set(
        "headers",
        [
          `From: ${from}`,
          `To: support@shop.example.com`,
          `Subject: ${subject}`,
          `Message-ID: ${messageId}`,
          ...extraHeaders,
        ].join("\n"),
      );
      form.set("from", from);
      form.set("to", "support@shop.example.com");
      form.set("subject", subject);
      form.set("text", textBody);
      form.set("SPF", "pass");
      form.set("dkim", "{@mail.example.net : pass}");
      form.set("envelope", JSON.stringify({ to: ["support@shop.example.com"], from }));
      const request = new Request(`${env.appUrl}/webhooks/sendgrid/inbound/${env.sendgridToken}`, {
        method: "POST",
        body: form,
      });
      return sendgridInbound({ request, params: { token: env.sendgridToken }, context: {} } as Parameters<
        typeof sendgridInbound
      >[0]).then((res) => ({ res, messageId: messageId.replace(/^<|>$/g, "") }));
    };
    const mailsTo = (address: string) =>
      env.fakes.sendgrid.mails.filter((m) => JSON.stringify(m.body.personalizations).includes(address));

    const asker = `grace-${randomUUID().slice(0, 8)}@mail.example.net`;
    const question = await post(asker, "Shipping", "How long does shipping take?");
    expect(question.res.status).toBe(200);
    const answered = await waitFor(() => mailsTo(asker)[0], "the automatic email");
    expect(JSON.stringify(answered.body.content)).toContain(SHIPPING.answer);
    expect(answered.body.subject).toBe("Re: Shipping");

    const robot = `ooo-${randomUUID().slice(0, 8)}@mail.example.net`;
    const ooo = await post(robot, "Away from my desk", "How long does shipping take?", [
      "Auto-Submitted: auto-replied",
    ]);
    expect(ooo.res.status).toBe(200);
    const row = await waitFor(async () => {
      const r = await db().autoAnswer.findFirst({ where: { message: { fromAddress: robot } } });
      return r && r.state !== "PENDING" ? r : null;
    }, "the out-of-office decision");
    expect(row).toMatchObject({ state: "SKIPPED", outcome: "auto_reply" });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(robot)).toHaveLength(0);
  });

  it("GIVEN tomorrow is a holiday in the shop calendar WHEN a question is handed off THEN the notice names the day after, not tomorrow", async () => {
    const today = new Date();
    const day = (n: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + n));
    const [tomorrow, dayAfter] = [day(1), day(2)];
    const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    await saveCalendar(env.shopId, {
      timeZone: "UTC",
      hours: [tomorrow, dayAfter].map((d) => ({ day: d.getUTCDay(), open: "09:00", close: "17:00" })),
      holidays: [{ date: tomorrow.toISOString().slice(0, 10), name: "Founders' day" }],
    });
    try {
      const phone = newPhone();
      const params = await text(phone, "Can I pay for my order with a bag of seashells?");
      expect(await decided(params.MessageSid)).toMatchObject({ state: "HANDED_OFF" });
      const notice = await waitFor(() => sentTo(phone)[0], "the hand-off notice");
      expect(notice.body).toBe(
        `Thanks for your message. A person will reply on ${WEEKDAYS[dayAfter.getUTCDay()]} from 09:00.`,
      );
    } finally {
      await db().shop.update({ where: { id: env.shopId }, data: { settings: shop.settings ?? {} } });
    }
  });
});
