// Satisfaction surveys (app/csat/, decision 0040), end to end: the settings route, a resolve that
// creates the one survey row, the csat-<id> job on real Redis workers sending through the durable
// pipeline to the Twilio / SendGrid stand-ins, the customer's answer by signed SMS webhook or by
// the email's one-click link, and the reconciler rebuilding a job Redis lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setConversationStatus } from "../../app/conversations/state.server";
import { getConversation } from "../../app/admin-queries/inbox.server";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { reconcileCsatSurveys } from "../../app/csat/reconcile.server";
import { csatKpis } from "../../app/csat/kpis.server";
import { loader as csatLink } from "../../app/routes/csat.$token_.$score";
import { action as csatComment } from "../../app/routes/csat.$token";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { waitFor } from "./flows-engine-support";
import { saveConnection } from "../../app/channels/credentials.server";
import { action as metaWebhook } from "../../app/routes/webhooks.meta";
import { metaInboundMessage, signedMetaWebhook } from "../fakes";
import { FROM_EMAIL, inboundSms, postTwilioSigned, startSendingEnv, type SendingEnv } from "./sending-helpers";

const QUESTION = "How did we do? Reply with a number from 1 (bad) to 5 (great).";
const STAFF = { id: "staff-1", name: "Robin" };

let env: SendingEnv;
let workers: WorkerHandle;

const saveCsat = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.settings.csat"), "/app/settings/csat", fields);

beforeAll(async () => {
  env = await startSendingEnv();
  await signInDemoAdmin();
  // Automatic answers on for SMS: a survey answer must not be taken for a question.
  const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
  await db().shop.update({
    where: { id: env.shopId },
    data: { settings: { ...(shop.settings as object), autoAnswers: { channels: { SMS: "always" }, maxInARow: 2 } } },
  });
  workers = await startWorkers({ queues: [QUEUE.answers, QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  signOutDemoAdmin();
  await env?.close();
});

let phoneN = 0;
const newPhone = () => `+1415556${String(1000 + phoneN++).padStart(4, "0")}`;
const sentTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

async function text(from: string, body: string) {
  const params = inboundSms(from, body);
  const res = await postTwilioSigned(`${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`, params);
  expect(res.status).toBe(200);
  return params;
}

async function conversationOf(phone: string) {
  return waitFor(async () => {
    const customer = await db().customer.findFirst({ where: { shopId: env.shopId, phone } });
    return customer ? db().conversation.findFirst({ where: { customerId: customer.id } }) : null;
  }, `the conversation of ${phone}`);
}

const settled = (conversationId: string) =>
  waitFor(async () => {
    const s = await db().csatSurvey.findUnique({ where: { conversationId } });
    return s && s.state !== "PENDING" ? s : null;
  }, "the survey to be sent or skipped");

describe("CSAT settings", () => {
  it("GIVEN a bad delay WHEN saved THEN 400 naming the field and nothing stored; a good form is stored", async () => {
    const bad = await saveCsat({ enabled: "on", delayMinutes: "90" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("delayMinutes: must be between 0 and 60");
    const before = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    expect((before.settings as { csat?: unknown }).csat).toBeUndefined();

    const good = await saveCsat({ enabled: "on", delayMinutes: "0", questionEn: "", questionEs: "", questionFr: "" });
    expect(good.status).toBe(200);
    const after = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    expect((after.settings as { csat: unknown; autoAnswers: unknown }).csat).toMatchObject({
      enabled: true,
      delayMinutes: 0,
      question: { en: QUESTION },
    });
    expect((after.settings as { autoAnswers: unknown }).autoAnswers).toBeTruthy();
  });
});

describe("CSAT by SMS", () => {
  it("GIVEN a resolved SMS conversation THEN one survey with the exact text; '4 thanks!' is recorded with its comment, the assistant silent", async () => {
    const phone = newPhone();
    await text(phone, "Where is my parcel, it is late?");
    const conversation = await conversationOf(phone);
    await waitFor(() => sentTo(phone).length > 0, "the first automatic reply");
    const before = sentTo(phone).length;

    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    // Resolving again (reopen and resolve) never makes a second survey.
    const survey = await settled(conversation.id);
    expect(survey).toMatchObject({ state: "SENT", channel: "SMS" });
    const sms = await waitFor(() => sentTo(phone)[before], "the survey SMS");
    expect(sms.body).toBe(QUESTION);
    expect(sentTo(phone)).toHaveLength(before + 1);

    const reply = await text(phone, "4 thanks!");
    const answered = await waitFor(async () => {
      const s = await db().csatSurvey.findUnique({ where: { id: survey.id } });
      return s?.state === "ANSWERED" ? s : null;
    }, "the answer");
    expect(answered).toMatchObject({ score: 4, comment: "thanks!" });
    // Not a question: no AutoAnswer row, nothing more sent, the conversation resolved again.
    const inbound = await db().message.findFirstOrThrow({ where: { providerMessageId: reply.MessageSid } });
    expect(await db().autoAnswer.count({ where: { inboundMessageId: inbound.id } })).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(sentTo(phone)).toHaveLength(before + 1);
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.status).toBe("RESOLVED");

    // On the customer's timeline, and on the conversation page.
    const event = await db().timelineEvent.findFirstOrThrow({
      where: { shopId: env.shopId, dedupeKey: `csat:${survey.id}` },
    });
    expect(event.title).toBe("Rated the conversation 4/5: thanks!");
    // Shopify Flow's "CSAT received" trigger, written with the answer.
    const trigger = await db().flowTriggerEvent.findUniqueOrThrow({
      where: { idempotencyKey: `csat-received:${survey.id}` },
    });
    expect(trigger.payload).toMatchObject({ Score: 4, Comment: "thanks!" });
    const page = await getConversation(env.shopId, conversation.id);
    expect(JSON.stringify(page.timeline)).toContain("Rated the conversation 4/5: thanks!");

    // A second resolve cycle: still one survey, the first score kept.
    await setConversationStatus(env.shopId, conversation.id, "OPEN", {}, STAFF);
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    expect(await db().csatSurvey.count({ where: { conversationId: conversation.id } })).toBe(1);
    await text(phone, "1");
    await new Promise((r) => setTimeout(r, 300));
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ score: 4 });
  });

  it("GIVEN a customer who texted STOP WHEN the conversation is resolved THEN the survey is SKIPPED opted_out and nothing is sent", async () => {
    const phone = newPhone();
    await text(phone, "Hello there");
    const conversation = await conversationOf(phone);
    await text(phone, "STOP");
    await waitFor(
      async () =>
        (await db().consent.count({
          where: { shopId: env.shopId, customerId: conversation.customerId, state: "REVOKED" },
        })) > 0,
      "the opt-out",
    );
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    const survey = await settled(conversation.id);
    expect(survey).toMatchObject({ state: "SKIPPED", skipReason: "opted_out", sentMessageId: null });
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(phone).filter((m) => m.body === QUESTION)).toEqual([]);
  });

  it("GIVEN a PENDING survey whose job Redis lost WHEN the reconciler runs THEN it is enqueued again and sent", async () => {
    const phone = newPhone();
    await text(phone, "One more question please");
    const conversation = await conversationOf(phone);
    await waitFor(() => sentTo(phone).length > 0, "the automatic reply");
    const count = sentTo(phone).length;
    await db().conversation.update({
      where: { id: conversation.id },
      data: { status: "RESOLVED", openCustomerId: null, resolvedAt: new Date() },
    });
    // The row as a resolve leaves it, without its job (Redis forgot it), old enough to repair.
    const row = await db().csatSurvey.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        channel: "SMS",
        token: `lost-${conversation.id}`,
        createdAt: new Date(Date.now() - 60_000),
      },
    });
    expect(await getQueue(QUEUE.answers).getJobState(`csat-${row.id}`)).toBe("unknown");
    expect(await reconcileCsatSurveys()).toBeGreaterThanOrEqual(1);
    const sms = await waitFor(() => sentTo(phone)[count], "the survey SMS");
    expect(sms.body).toBe(QUESTION);
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: "SENT" });
  });
});

describe("CSAT by email", () => {
  async function emailConversation(email: string) {
    const customer = await db().customer.create({ data: { shopId: env.shopId, email, firstName: "Eve" } });
    await db().customerIdentity.create({
      data: { shopId: env.shopId, customerId: customer.id, kind: "EMAIL", value: email },
    });
    const conversation = await db().conversation.create({
      data: {
        shopId: env.shopId,
        customerId: customer.id,
        replyToken: `rt${customer.id}`.toLowerCase(),
        status: "OPEN",
        openCustomerId: customer.id,
        lastInboundChannel: "EMAIL",
        lastInboundAt: new Date(),
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
        body: "My order arrived broken",
        fromAddress: email,
        deliveryStatus: "RECEIVED",
        idempotencyKey: `in-${customer.id}`,
      },
    });
    return conversation;
  }

  const get = (token: string, score: string) =>
    csatLink({ request: new Request(`${env.appUrl}/csat/${token}/${score}`), params: { token, score }, context: {} });
  const post = (token: string, comment: string) =>
    csatComment({
      request: new Request(`${env.appUrl}/csat/${token}`, { method: "POST", body: new URLSearchParams({ comment }) }),
      params: { token },
      context: {},
    });

  it("GIVEN a resolved email conversation THEN five one-click links; a click records the score, the form the comment; a bad token is 404", async () => {
    const email = "eve@example.com";
    const conversation = await emailConversation(email);
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    const survey = await settled(conversation.id);
    expect(survey.state).toBe("SENT");
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => JSON.stringify(m.body).includes(email)),
      "the survey email",
    );
    const links = [1, 2, 3, 4, 5].map((s) => `${s}: ${env.appUrl}/csat/${survey.token}/${s}`);
    expect(mail.body.subject).toBe("How did we do?");
    expect(mail.body.from).toMatchObject({ email: FROM_EMAIL });
    const plain = (mail.body.content as Array<{ type: string; value: string }>).find((c) => c.type === "text/plain");
    expect(plain?.value).toBe([QUESTION, "", "Choose a score (one click records it):", ...links].join("\n"));

    const page = await get(survey.token, "5");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("You rated us 5/5.");
    expect(html).toContain(`action="/csat/${survey.token}"`);
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({
      state: "ANSWERED",
      score: 5,
    });

    const commented = await post(survey.token, "<b>Fast</b> & kind");
    expect(commented.status).toBe(200);
    expect(await commented.text()).toContain("Your comment: &lt;b&gt;Fast&lt;/b&gt; &amp; kind");
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({
      score: 5,
      comment: "<b>Fast</b> & kind",
    });
    const event = await db().timelineEvent.findFirstOrThrow({ where: { dedupeKey: `csat:${survey.id}` } });
    expect(event.title).toBe("Rated the conversation 5/5: <b>Fast</b> & kind");

    // A second click keeps the first score.
    expect(await (await get(survey.token, "1")).text()).toContain("You rated us 5/5.");
    expect((await get("not-a-real-token", "3")).status).toBe(404);
    expect((await get(survey.token, "9")).status).toBe(404);
    expect((await post("not-a-real-token", "hi")).status).toBe(404);
  });
});

describe("CSAT on Messenger", () => {
  const PAGE_ID = "104857600654321";
  const APP_SECRET = "csat-meta-app-secret";

  async function fromMessenger(senderId: string, text: string, quickReplyPayload?: string) {
    const payload = metaInboundMessage({ pageId: PAGE_ID, senderId, text });
    if (quickReplyPayload) {
      const message = payload.entry[0]!.messaging[0]!.message as Record<string, unknown>;
      message.quick_reply = { payload: quickReplyPayload };
    }
    const signed = signedMetaWebhook(payload, APP_SECRET);
    const res = await metaWebhook({
      request: new Request(`${env.appUrl}/webhooks/meta`, {
        method: "POST",
        headers: signed.headers,
        body: signed.body,
      }),
      params: {},
      context: {},
    });
    expect(res.status).toBe(200);
  }

  it("GIVEN a resolved Messenger conversation THEN the question goes with five quick replies; the tapped one is recorded", async () => {
    await saveConnection(env.shopId, "META", {
      pageId: PAGE_ID,
      pageAccessToken: "EAAG-csat-token",
      appSecret: APP_SECRET,
      verifyToken: "verify-csat",
    });
    const psid = `${Date.now()}77`;
    await fromMessenger(psid, "Can I change my delivery address?");
    const customer = await waitFor(
      () => db().customerIdentity.findFirst({ where: { shopId: env.shopId, kind: "MESSENGER", value: psid } }),
      "the Messenger customer",
    );
    const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: customer.customerId } });
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    const survey = await settled(conversation.id);
    expect(survey).toMatchObject({ state: "SENT", channel: "MESSENGER" });
    const sent = await waitFor(() => env.fakes.meta.messages.find((m) => m.body.recipient.id === psid), "the survey");
    expect(sent.body.message).toEqual({
      text: QUESTION,
      quick_replies: [1, 2, 3, 4, 5].map((s) => ({
        content_type: "text",
        title: String(s),
        payload: `CSAT:${survey.id}:${s}`,
      })),
    });
    expect(sent.body.messaging_type).toBe("RESPONSE");

    await fromMessenger(psid, "3", `CSAT:${survey.id}:3`);
    const answered = await waitFor(async () => {
      const s = await db().csatSurvey.findUnique({ where: { id: survey.id } });
      return s?.state === "ANSWERED" ? s : null;
    }, "the quick-reply answer");
    expect(answered).toMatchObject({ score: 3, comment: null });
    const event = await db().timelineEvent.findFirstOrThrow({ where: { dedupeKey: `csat:${survey.id}` } });
    expect(event.title).toBe("Rated the conversation 3/5");
  });
});

describe("CSAT figures", () => {
  it("GIVEN the surveys above (SMS 4, email 5, Messenger 3, one reconciled unanswered, one opted out) THEN the KPIs count them", async () => {
    const kpis = await csatKpis(env.shopId, new Date(Date.now() - 3600_000), new Date(Date.now() + 60_000));
    expect(kpis).toEqual({ sent: 4, answered: 3, responseRate: 0.75, averageScore: 4, csat: 2 / 3, skipped: 1 });
  });
});
