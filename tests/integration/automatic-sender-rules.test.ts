// Issue 15's "fixed on the way" (decision 0059), each proven at the vendor stand-in or in the rows:
// 1. Meta's HUMAN_AGENT tag is a person's: automation (Shopify Flow's action, a routing rule) gets the
//    24-hour window only, and a message that is not a person's never carries the tag on the wire.
// 2. Every automatic email carries RFC 3834's Auto-Submitted (auto-replied / auto-generated); a
//    person's reply none.
// 3. Mail from our own sender address is recorded, and gets no automatic answer, no routing rule or
//    Shopify Flow trigger, no "customer replied", and no satisfaction survey.
// 4. POST /app/answers/settings keeps what a partial form leaves out (weekday hours included).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnection } from "../../app/channels/credentials.server";
import { setShopSettingsKey } from "../../app/answers/save-settings.server";
import { sendStaffReply } from "../../app/conversations/staff-reply.server";
import { sendCsatSurvey } from "../../app/csat/send-survey.server";
import { db } from "../../app/db/client.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { sendMessage } from "../../app/messages/send-message.server";
import { action as inboundParseAction } from "../../app/routes/webhooks.sendgrid.inbound.$token";
import { FLOW_STAFF_ID, RULE_STAFF_PREFIX } from "../../app/staff/automation-authors";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { waitFor } from "./flows-engine-support";
import { createCustomer, FROM_EMAIL, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let workers: WorkerHandle;
let n = 0;
const PAGE_ID = "1029384756";
const person = { id: "staff-7", name: "Pat Person" };

beforeAll(async () => {
  env = await startSendingEnv();
  await saveConnection(env.shopId, "META", {
    pageId: PAGE_ID,
    pageAccessToken: "EAAB-page-token",
    appSecret: "meta-app-secret",
    verifyToken: "verify-me",
  });
  await signInDemoAdmin();
  workers = await startWorkers({ queues: [QUEUE.sends, QUEUE.answers], schedule: false, reconcileOnStart: false });
});

afterAll(async () => {
  await workers?.close();
  await env?.close();
  signOutDemoAdmin();
});

/** A customer with an email and a Messenger id who wrote on `channel` `hoursAgo` hours ago. */
async function thread(channel: "MESSENGER" | "EMAIL", hoursAgo: number) {
  n++;
  const customer = await createCustomer(env.shopId, {
    phone: `+1415558${String(1000 + n)}`,
    email: `r${n}@example.com`,
  });
  const psid = `24711000${n}`;
  await db().customerIdentity.create({
    data: { shopId: env.shopId, customerId: customer.id, kind: "MESSENGER", value: psid },
  });
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: env.shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      status: "OPEN",
      lastInboundChannel: channel,
      lastInboundAt: new Date(Date.now() - hoursAgo * 3600_000),
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
      body: "Any news?",
      fromAddress: channel === "EMAIL" ? customer.email : psid,
      deliveryStatus: "RECEIVED",
      idempotencyKey: `in:${randomUUID()}`,
      createdAt: new Date(Date.now() - hoursAgo * 3600_000),
    },
  });
  return { customer, conversation, psid };
}

const metaTo = (psid: string) => env.fakes.meta.messages.filter((m) => m.body.recipient.id === psid);
const mailTo = (email: string) =>
  env.fakes.sendgrid.mails.filter((m) => m.body.personalizations?.[0]?.to?.[0]?.email === email);

describe("1. Meta's HUMAN_AGENT tag is only a person's", () => {
  it("GIVEN a Messenger customer silent for 30 hours WHEN Shopify Flow's action or a routing rule replies THEN it is refused with the reason and Meta receives nothing; a person's reply carries the tag", async () => {
    for (const staffId of [FLOW_STAFF_ID, `${RULE_STAFF_PREFIX}rule-1`]) {
      const { conversation, psid } = await thread("MESSENGER", 30);
      const refused = await sendStaffReply({
        shopId: env.shopId,
        conversationId: conversation.id,
        staff: { id: staffId, name: "Automation" },
        channel: "MESSENGER",
        body: "Automatic follow-up",
        clientId: randomUUID(),
      });
      expect(refused).toMatchObject({ ok: false, field: "channel" });
      expect(!refused.ok && refused.error).toMatch(/only from a person/);
      expect(await db().message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
      expect(metaTo(psid)).toHaveLength(0);
    }
    const { conversation, psid } = await thread("MESSENGER", 30);
    const ok = await sendStaffReply({
      shopId: env.shopId,
      conversationId: conversation.id,
      staff: person,
      channel: "MESSENGER",
      body: "Sorry for the wait",
      clientId: randomUUID(),
    });
    expect(ok.ok).toBe(true);
    const sent = await waitFor(() => metaTo(psid)[0], "the person's Meta send");
    expect(sent.body).toMatchObject({
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Sorry for the wait" },
    });
  });

  it("GIVEN an automatic message whose metadata asks for the tag WHEN sent THEN Meta receives a plain RESPONSE without it", async () => {
    const { customer, psid } = await thread("MESSENGER", 2);
    const { messageId } = await claimOutboundMessage({
      shopId: env.shopId,
      customerId: customer.id,
      channel: "MESSENGER",
      toAddress: psid,
      body: "Our answer",
      author: "SYSTEM",
      automatic: true,
      idempotencyKey: `test-auto:${randomUUID()}`,
      metadata: { purpose: "TRANSACTIONAL", metaTag: "HUMAN_AGENT" },
    });
    await sendMessage(messageId);
    const sent = metaTo(psid)[0]!;
    expect(sent.body.messaging_type).toBe("RESPONSE");
    expect(sent.body).not.toHaveProperty("tag");
  });
});

describe("2. Auto-Submitted on every automatic email", () => {
  it("GIVEN emails from a person, the assistant, a routing rule, Shopify Flow's action, a flow and a survey WHEN sent THEN SendGrid receives Auto-Submitted exactly on the automatic ones", async () => {
    const cases: Array<{
      label: string;
      claim: Partial<Parameters<typeof claimOutboundMessage>[0]>;
      expected: string | undefined;
    }> = [
      { label: "person", claim: { author: "STAFF", staffUserId: person.id }, expected: undefined },
      { label: "assistant", claim: { author: "SYSTEM", automatic: true }, expected: "auto-replied" },
      {
        label: "routing rule",
        claim: { author: "STAFF", staffUserId: `${RULE_STAFF_PREFIX}r1` },
        expected: "auto-replied",
      },
      { label: "shopify flow", claim: { author: "STAFF", staffUserId: FLOW_STAFF_ID }, expected: "auto-generated" },
      { label: "flow", claim: { author: "FLOW", metadata: { purpose: "MARKETING" } }, expected: "auto-generated" },
      { label: "system", claim: { author: "SYSTEM" }, expected: "auto-generated" },
    ];
    for (const c of cases) {
      const { customer } = await thread("EMAIL", 1);
      const { messageId } = await claimOutboundMessage({
        shopId: env.shopId,
        customerId: customer.id,
        channel: "EMAIL",
        toAddress: customer.email!,
        subject: `Case ${c.label}`,
        body: "Hello",
        author: "STAFF",
        idempotencyKey: `test-mail:${randomUUID()}`,
        ...c.claim,
      });
      await sendMessage(messageId);
      const mail = mailTo(customer.email!)[0]!;
      expect(mail.body.headers?.["Auto-Submitted"], c.label).toBe(c.expected);
    }
  });
});

describe("3. Our own address is recorded, never answered", () => {
  function inboundParse(from: string, text: string): Request {
    const form = new FormData();
    const messageId = `<own-${randomUUID()}@mail.example>`;
    form.set(
      "headers",
      [`From: ${from}`, "To: support@shop.example.com", "Subject: Hello", `Message-ID: ${messageId}`].join("\n"),
    );
    form.set("dkim", `{@${from.split("@")[1]} : pass}`);
    form.set("to", "support@shop.example.com");
    form.set("from", from);
    form.set("text", text);
    form.set("subject", "Hello");
    form.set("envelope", JSON.stringify({ to: ["support@shop.example.com"], from }));
    form.set("SPF", "pass");
    return new Request(`${env.appUrl}/webhooks/sendgrid/inbound/${env.sendgridToken}`, { method: "POST", body: form });
  }
  const post = (req: Request) =>
    inboundParseAction({ request: req, params: { token: env.sendgridToken }, context: {} } as Parameters<
      typeof inboundParseAction
    >[0]);

  it("GIVEN automatic answers always on for email WHEN a customer and then our own sender address write THEN both are stored, the customer's triggers Shopify Flow and is answered, ours is skipped as an auto-reply, triggers nothing and gets no survey when resolved", async () => {
    await setShopSettingsKey(env.shopId, "autoAnswers", {
      channels: { SMS: "off", WHATSAPP: "off", EMAIL: "always", INSTAGRAM: "off", MESSENGER: "off", CHAT: "off" },
      maxInARow: 2,
    });
    expect((await post(inboundParse("genuine.customer@example.org", "How long does shipping take?"))).status).toBe(200);
    expect((await post(inboundParse(FROM_EMAIL, "How long does shipping take?"))).status).toBe(200);

    const genuine = await db().message.findFirstOrThrow({
      where: { shopId: env.shopId, fromAddress: "genuine.customer@example.org" },
    });
    const own = await db().message.findFirstOrThrow({ where: { shopId: env.shopId, fromAddress: FROM_EMAIL } });
    expect(own).toMatchObject({ direction: "INBOUND", channel: "EMAIL", body: "How long does shipping take?" });
    expect(own.metadata).toMatchObject({ autoReply: "own_address" });
    // The control: a customer's message is decided and triggers Shopify Flow.
    expect(await db().autoAnswer.count({ where: { inboundMessageId: genuine.id } })).toBe(1);
    expect(
      await db().flowTriggerEvent.count({
        where: { idempotencyKey: `conversation-created:${genuine.conversationId}` },
      }),
    ).toBe(1);
    // Ours: recorded, its decision skipped as an auto-reply, nothing automatic.
    await waitFor(async () => {
      const row = await db().autoAnswer.findUnique({ where: { inboundMessageId: own.id } });
      return row?.state === "SKIPPED" && row.outcome === "auto_reply";
    }, "our own mail's decision skipped");
    expect(
      await db().flowTriggerEvent.count({ where: { idempotencyKey: `conversation-created:${own.conversationId}` } }),
    ).toBe(0);

    // Resolved with surveys on: the survey to our own address is skipped, never claimed.
    const current = (await db().shop.findUniqueOrThrow({ where: { id: env.shopId } })).settings as object;
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { ...current, csat: { enabled: true, delayMinutes: 0 } } },
    });
    await db().conversation.update({ where: { id: own.conversationId }, data: { status: "RESOLVED" } });
    const survey = await db().csatSurvey.create({
      data: {
        shopId: env.shopId,
        conversationId: own.conversationId,
        customerId: own.customerId,
        channel: "EMAIL",
        token: randomUUID(),
      },
    });
    expect(await sendCsatSurvey(survey.id)).toBe("own_address");
    expect((await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).state).toBe("SKIPPED");
    expect(await db().message.count({ where: { conversationId: own.conversationId, direction: "OUTBOUND" } })).toBe(0);
    expect(mailTo(FROM_EMAIL)).toHaveLength(0);
    // The customer's question was answered (the control), ours never.
    const notice = await waitFor(() => mailTo("genuine.customer@example.org")[0], "the customer's automatic answer");
    expect(notice.body.headers?.["Auto-Submitted"]).toBe("auto-replied");
  });
});

describe("4. POST /app/answers/settings keeps what a partial form leaves out", () => {
  const save = (fields: Record<string, string>) =>
    postToAdminRoute(() => import("../../app/routes/app.answers.settings"), "/app/answers/settings", fields);

  it("GIVEN saved modes, limit and weekday hours WHEN a form sends one channel, a blank limit and one weekday THEN only those change", async () => {
    await setShopSettingsKey(env.shopId, "autoAnswers", {
      channels: {
        SMS: "always",
        WHATSAPP: "outside_business_hours",
        EMAIL: "off",
        INSTAGRAM: "off",
        MESSENGER: "always",
        CHAT: "off",
      },
      maxInARow: 4,
    });
    await setShopSettingsKey(env.shopId, "calendar", {
      timeZone: "Europe/Paris",
      hours: [
        { day: 1, open: "09:00", close: "17:00" },
        { day: 2, open: "09:00", close: "17:00" },
      ],
      holidays: [{ date: "2026-12-25", name: "Christmas" }],
    });
    const res = await save({
      "channel.EMAIL": "always",
      maxInARow: "",
      "hours.2.open": "10:00",
      "hours.2.close": "16:00",
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    const settings = (await db().shop.findUniqueOrThrow({ where: { id: env.shopId } })).settings as Record<
      string,
      unknown
    >;
    expect(settings.autoAnswers).toEqual({
      channels: {
        SMS: "always",
        WHATSAPP: "outside_business_hours",
        EMAIL: "always",
        INSTAGRAM: "off",
        MESSENGER: "always",
        CHAT: "off",
      },
      maxInARow: 4,
    });
    expect(settings.calendar).toEqual({
      timeZone: "Europe/Paris",
      hours: [
        { day: 1, open: "09:00", close: "17:00" },
        { day: 2, open: "10:00", close: "16:00" },
      ],
      holidays: [{ date: "2026-12-25", name: "Christmas" }],
    });
    // A weekday sent blank is closed on purpose; the others stay.
    expect(await save({ "hours.1.open": "", "hours.1.close": "" })).toEqual({ status: 200, body: { ok: true } });
    const after = (await db().shop.findUniqueOrThrow({ where: { id: env.shopId } })).settings as Record<
      string,
      unknown
    >;
    expect((after.calendar as { hours: unknown[] }).hours).toEqual([{ day: 2, open: "10:00", close: "16:00" }]);
  });
});
