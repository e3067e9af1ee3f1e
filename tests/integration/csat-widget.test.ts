// Satisfaction surveys in the storefront chat widget and on WhatsApp outside the 24-hour window
// (app/csat/, decision 0040 addendum), end to end: signed app proxy requests as Shopify sends them,
// the csat-<id> job on real Redis workers, and the Twilio stand-in receiving the exact template.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConversation } from "../../app/admin-queries/inbox.server";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { setConversationStatus } from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { newSecretToken } from "../../app/lib/secret-token.server";
import { action as csatAction } from "../../app/routes/proxy.chat.csat";
import { action as historyAction } from "../../app/routes/proxy.chat.history";
import { action as messagesAction } from "../../app/routes/proxy.chat.messages";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { signedAppProxyRequest } from "../support/app-proxy";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { waitFor } from "./flows-engine-support";
import { inboundSms, postTwilioSigned, startSendingEnv, WHATSAPP_FROM, type SendingEnv } from "./sending-helpers";

const STAFF = { id: "staff-1", name: "Robin" };
const TEMPLATE_SID = `HX${"0123456789abcdef".repeat(2)}`;

let env: SendingEnv;
let workers: WorkerHandle;

const saveCsat = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.settings.csat"), "/app/settings/csat", fields);

beforeAll(async () => {
  env = await startSendingEnv();
  await signInDemoAdmin();
  const saved = await saveCsat({ enabled: "on", delayMinutes: "0" });
  expect(saved.status).toBe(200);
  workers = await startWorkers({ queues: [QUEUE.answers, QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await closeChatRateLimiter();
  signOutDemoAdmin();
  await env?.close();
});

const settled = (conversationId: string) =>
  waitFor(async () => {
    const s = await db().csatSurvey.findUnique({ where: { conversationId } });
    return s && s.state !== "PENDING" ? s : null;
  }, "the survey to be sent or skipped");

describe("CSAT in the chat widget", () => {
  const args = (request: Request) => ({ request, params: {}, context: {} }) as Parameters<typeof csatAction>[0];
  const secrets = new Map<string, string>();
  const newVisitor = () => {
    const id = `v_${randomUUID().replace(/-/g, "")}`;
    secrets.set(id, newSecretToken());
    return id;
  };
  const proxied = (path: string, visitorId: string, json: Record<string, unknown>, withSecret = true) =>
    signedAppProxyRequest({
      path,
      shop: TEST_SHOP_DOMAIN,
      json: { visitorId, ...(withSecret ? { visitorSecret: secrets.get(visitorId) } : {}), ...json },
    });
  const write = (visitorId: string, text: string) =>
    messagesAction(args(proxied("/proxy/chat/messages", visitorId, { text })));
  const history = async (visitorId: string) => {
    const res = await historyAction(args(proxied("/proxy/chat/history", visitorId, {})));
    expect(res.status).toBe(200);
    return (await res.json()) as { csat: unknown; messages: unknown[] };
  };
  const answer = (visitorId: string, body: Record<string, unknown>, withSecret = true) =>
    csatAction(args(proxied("/proxy/chat/csat", visitorId, body, withSecret)));

  async function resolvedChat(visitorId: string, text: string) {
    expect((await write(visitorId, text)).status).toBe(201);
    const identity = await db().customerIdentity.findFirstOrThrow({
      where: { shopId: env.shopId, kind: "CHAT_VISITOR", value: visitorId },
    });
    const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: identity.customerId } });
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    return conversation;
  }

  it("GIVEN a resolved chat WHEN the shopper rates it THEN recorded once with the comment, on the timeline; another visitor gets 404", async () => {
    const shopper = newVisitor();
    const conversation = await resolvedChat(shopper, "Do you ship to Canada?");
    const survey = await settled(conversation.id);
    // No message: the widget offers the stars from the history answer.
    expect(survey).toMatchObject({ state: "SENT", channel: "CHAT", sentMessageId: null, skipReason: null });
    expect((await history(shopper)).csat).toEqual({ surveyId: survey.id, state: "open", score: null, comment: null });

    // Another visitor neither sees nor answers it.
    const stranger = newVisitor();
    expect((await write(stranger, "Hello")).status).toBe(201);
    expect((await history(stranger)).csat).toBeNull();
    const forged = await answer(stranger, { surveyId: survey.id, score: 1 });
    expect(forged.status).toBe(404);
    expect(await forged.json()).toEqual({ error: "This survey is no longer available.", code: "csat_not_found" });
    // Without the shopper's secret: 401, nothing recorded.
    expect((await answer(shopper, { surveyId: survey.id, score: 1 }, false)).status).toBe(401);
    const bad = await answer(shopper, { surveyId: survey.id, score: 6 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "Choose from 1 to 5 stars.", field: "score" });
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({ state: "SENT" });

    const rated = await answer(shopper, { surveyId: survey.id, score: 4, comment: "  <b>Quick</b> & kind  " });
    expect(rated.status).toBe(201);
    const expected = { surveyId: survey.id, state: "answered", score: 4, comment: "<b>Quick</b> & kind" };
    expect(await rated.json()).toEqual({ csat: expected });
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({
      state: "ANSWERED",
      score: 4,
      comment: "<b>Quick</b> & kind",
    });
    const event = await db().timelineEvent.findFirstOrThrow({
      where: { shopId: env.shopId, dedupeKey: `csat:${survey.id}` },
    });
    expect(event.title).toBe("Rated the conversation 4/5: <b>Quick</b> & kind");
    expect(event.data).toMatchObject({ kind: "csat", score: 4, comment: "<b>Quick</b> & kind" });
    const page = await getConversation(env.shopId, conversation.id);
    expect(JSON.stringify(page.timeline)).toContain("Rated the conversation 4/5: <b>Quick</b> & kind");
    const trigger = await db().flowTriggerEvent.findUniqueOrThrow({
      where: { idempotencyKey: `csat-received:${survey.id}` },
    });
    expect(trigger.payload).toMatchObject({ Score: 4, Comment: "<b>Quick</b> & kind" });

    // A second answer is idempotent: 200 with the first answer, nothing changed.
    const again = await answer(shopper, { surveyId: survey.id, score: 1, comment: "changed my mind" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ csat: expected });
    expect(await db().csatSurvey.findUniqueOrThrow({ where: { id: survey.id } })).toMatchObject({
      score: 4,
      comment: "<b>Quick</b> & kind",
    });
    expect(await db().timelineEvent.count({ where: { dedupeKey: `csat:${survey.id}` } })).toBe(1);
    expect((await history(shopper)).csat).toEqual(expected);
    // The conversation stays resolved: a rating is not a new question.
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("RESOLVED");
  });

  it("GIVEN the shopper wrote again (conversation reopened) THEN the stars are withdrawn and an answer is 404", async () => {
    const shopper = newVisitor();
    const conversation = await resolvedChat(shopper, "Where is my order?");
    const survey = await settled(conversation.id);
    expect(survey.state).toBe("SENT");
    expect((await write(shopper, "Actually, one more thing")).status).toBe(201);
    expect((await history(shopper)).csat).toBeNull();
    expect((await answer(shopper, { surveyId: survey.id, score: 5 })).status).toBe(404);
  });
});

describe("CSAT on WhatsApp outside the 24-hour window", () => {
  let phoneN = 0;
  const newPhone = () => `+1415557${String(1000 + phoneN++).padStart(4, "0")}`;
  const toWhatsapp = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === `whatsapp:${phone}`);

  async function whatsapp(phone: string, body: string) {
    const params = inboundSms(`whatsapp:${phone}`, body, { To: `whatsapp:${WHATSAPP_FROM}` });
    const res = await postTwilioSigned(`${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`, params);
    expect(res.status).toBe(200);
  }

  /** A WhatsApp conversation whose customer last wrote 25 hours ago, then resolved. */
  async function lateConversation(phone: string, firstName: string, opts: { stop?: boolean } = {}) {
    await whatsapp(phone, "Hello, my order is late");
    const customer = await waitFor(
      () => db().customer.findFirst({ where: { shopId: env.shopId, phone } }),
      "the WhatsApp customer",
    );
    await db().customer.update({ where: { id: customer.id }, data: { firstName } });
    if (opts.stop) {
      await whatsapp(phone, "STOP");
      await waitFor(
        async () => (await db().consent.count({ where: { customerId: customer.id, state: "REVOKED" } })) > 0,
        "the opt-out",
      );
    }
    await db().message.updateMany({
      where: { customerId: customer.id, direction: "INBOUND" },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: customer.id } });
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED", {}, STAFF);
    return conversation;
  }

  it("GIVEN no template THEN skipped whatsapp_window, nothing sent; a bad Content SID is refused naming the field", async () => {
    const phone = newPhone();
    const conversation = await lateConversation(phone, "Wes");
    expect(await settled(conversation.id)).toMatchObject({ state: "SKIPPED", skipReason: "whatsapp_window" });
    expect(toWhatsapp(phone)).toEqual([]);
    // The settings page's loader gives the count the "No WhatsApp template" notice shows.
    const { loader } = await import("../../app/routes/app.settings.csat");
    const page = await loader({
      request: new Request("http://127.0.0.1:3999/app/settings/csat"),
      params: {},
      context: {},
    });
    expect(await page.json()).toMatchObject({
      whatsappWindowSkips: 1,
      settings: { whatsappContentSid: { en: null, es: null, fr: null } },
    });

    const bad = await saveCsat({ enabled: "on", delayMinutes: "0", whatsappContentSidEn: "my-template" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("whatsappContentSidEn: must be a Content SID (HX + 32 hex)");
  });

  it("GIVEN a configured template THEN the survey is that template with the first name; a tapped 5 is recorded; an opted-out customer gets nothing", async () => {
    const saved = await saveCsat({ enabled: "on", delayMinutes: "0", whatsappContentSidEn: TEMPLATE_SID });
    expect(saved.status).toBe(200);
    expect(saved.body.settings).toMatchObject({ whatsappContentSid: { en: TEMPLATE_SID, es: null, fr: null } });

    const phone = newPhone();
    const conversation = await lateConversation(phone, "Wanda");
    const survey = await settled(conversation.id);
    expect(survey).toMatchObject({ state: "SENT", channel: "WHATSAPP" });
    const sent = await waitFor(() => toWhatsapp(phone)[0], "the template at Twilio");
    const { StatusCallback, ...fields } = sent.fields;
    expect(StatusCallback).toContain("/webhooks/twilio/status/");
    expect(fields).toEqual({
      To: `whatsapp:${phone}`,
      From: `whatsapp:${WHATSAPP_FROM}`,
      ContentSid: TEMPLATE_SID,
      ContentVariables: JSON.stringify({ "1": "Wanda" }),
    });
    expect(toWhatsapp(phone)).toHaveLength(1);
    const message = await db().message.findUniqueOrThrow({ where: { id: survey.sentMessageId! } });
    expect(message.idempotencyKey).toBe(`csat:${survey.id}`);

    // The template's quick-reply button "5" arrives as the body "5".
    await whatsapp(phone, "5");
    const answered = await waitFor(async () => {
      const s = await db().csatSurvey.findUnique({ where: { id: survey.id } });
      return s?.state === "ANSWERED" ? s : null;
    }, "the answer");
    expect(answered).toMatchObject({ score: 5, comment: null });

    // Opted out of everything on WhatsApp: never surveyed, template or not.
    const stopped = newPhone();
    const optedOut = await lateConversation(stopped, "Otto", { stop: true });
    expect(await settled(optedOut.id)).toMatchObject({ state: "SKIPPED", skipReason: "opted_out" });
    await new Promise((r) => setTimeout(r, 300));
    expect(toWhatsapp(stopped).filter((m) => m.contentSid)).toEqual([]);
  });
});
