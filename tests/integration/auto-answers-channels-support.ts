// Shared set-up for the per-channel proofs of automatic answers (auto-answers-channels*.test.ts):
// one shop with every channel connected (Twilio SMS + WhatsApp, SendGrid with an Inbound Parse
// domain, Meta with a Messenger page and an Instagram account), FAQ articles imported through the
// Knowledge page's CSV import, automatic answers switched on with the settings card's own call,
// real workers, and one driver per channel that writes as the customer through that channel's
// signed webhook and reads what the customer got from the channel's stand-in (the widget's
// history for the storefront chat).
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { saveAutoAnswerSettings } from "../../app/answers/save-settings.server";
import { saveCalendar } from "../../app/business-hours/calendar.server";
import { AUTO_ANSWER_CHANNELS, type AutoAnswerChannel, type AutoAnswerMode } from "../../app/answers/settings";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { saveConnection } from "../../app/channels/credentials.server";
import { db } from "../../app/db/client.server";
import type { AutoAnswer } from "../../app/generated/prisma/client";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { importKnowledgeFile } from "../../app/knowledge/import-knowledge.server";
import { newSecretToken } from "../../app/lib/secret-token.server";
import { action as chatHistory } from "../../app/routes/proxy.chat.history";
import { action as chatPost } from "../../app/routes/proxy.chat.messages";
import { action as metaWebhook } from "../../app/routes/webhooks.meta";
import { action as sendgridInbound } from "../../app/routes/webhooks.sendgrid.inbound.$token";
import { metaInboundMessage, signedMetaWebhook } from "../fakes";
import { signedAppProxyRequest } from "../support/app-proxy";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { settle, waitFor } from "./flows-engine-support";
import {
  FROM_EMAIL,
  inboundSms,
  postTwilioSigned,
  SENDGRID_KEY,
  SMS_FROM,
  startSendingEnv,
  WHATSAPP_FROM,
  type SendingEnv,
} from "./sending-helpers";

export { settle, waitFor };

export const PAGE_ID = "104857600123456";
export const IG_ID = "17841400000000001";
export const META_APP_SECRET = "meta-app-secret";
export const REPLY_DOMAIN = "reply.shop.example.com";
export const SUPPORT_ADDRESS = `support@${REPLY_DOMAIN}`;

export const SHIPPING = {
  title: "How long does shipping take?",
  answer: "Orders ship within 2 business days and arrive in 3 to 5 business days.",
};
export const RETURNS = {
  title: "What is your return policy?",
  answer: "You can return unworn items within 30 days of delivery for a full refund.",
};
export const INTERNATIONAL = {
  title: "Do you ship internationally?",
  answer: "Yes, we ship to over 40 countries; international delivery takes 7 to 14 days.",
};
const FAQ_CSV = [
  "question,answer,tags,locale",
  ...[SHIPPING, RETURNS, INTERNATIONAL].map((a) => `"${a.title}","${a.answer}",faq,en`),
].join("\r\n");

export const cited = (a: { title: string; answer: string }) => `${a.answer}\n\n— from our FAQ: ${a.title}`;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** The shop (UTC) opens only three days from now, so the hand-off notice names that day. */
const openDay = (new Date().getUTCDay() + 3) % 7;
export const NOTICE = `Thanks for your message. A person will reply on ${WEEKDAYS[openDay]} from 09:00.`;

/** One customer as their channel knows them: a phone, an email address, a Meta id, a chat visitor. */
export interface Party {
  channel: AutoAnswerChannel;
  address: string;
  visitorSecret?: string;
}

export interface AskOptions {
  subject?: string;
  /** Raw header lines added to an email (Auto-Submitted, Precedence…). */
  headers?: string[];
  /** Meta: mark the event as an echo of the page's own message. */
  echo?: boolean;
}

/** What one customer received on the channel (the stand-in's record, or the widget's history). */
export interface Received {
  text: string;
  raw: unknown;
}

export interface ChannelDriver {
  channel: AutoAnswerChannel;
  newParty(): Party;
  /** Writes as the customer; resolves with the stored inbound message's id (null when nothing was stored). */
  ask(party: Party, text: string, options?: AskOptions): Promise<string | null>;
  received(party: Party): Promise<Received[]>;
}

export interface ChannelsEnv extends SendingEnv {
  drivers: Record<AutoAnswerChannel, ChannelDriver>;
  sendgridToken: string;
  sendWorkers: WorkerHandle;
  /**
   * Stops the answers worker (waiting for a running job) so a test can decide a row itself at a
   * chosen time; the function it resolves with starts the worker again.
   */
  holdAnswers(): Promise<() => Promise<void>>;
}

export async function setAutoAnswers(
  shopId: string,
  maxInARow = 2,
  modes: Partial<Record<AutoAnswerChannel, AutoAnswerMode>> = {},
) {
  const channels = Object.fromEntries(AUTO_ANSWER_CHANNELS.map((c) => [c, modes[c] ?? "always"]));
  const saved = await saveAutoAnswerSettings(shopId, { settings: { channels, maxInARow } });
  expect(saved).toEqual({ ok: true });
  await saveCalendar(shopId, {
    timeZone: null,
    hours: [{ day: openDay, open: "09:00", close: "17:00" }],
    holidays: [],
  });
}

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36).padStart(3, "0")}`;
let phoneN = Math.floor(Math.random() * 5000);
const newPhone = () => `+1415556${String(phoneN++ % 10000).padStart(4, "0")}`;

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
const call = (route: (args: never) => Promise<Response>, request: Request, params: Record<string, string> = {}) =>
  (route as (args: RouteArgs) => Promise<Response>)({ request, params, context: {} });

function buildDrivers(env: SendingEnv, sendgridToken: string): Record<AutoAnswerChannel, ChannelDriver> {
  const twilioUrl = () => `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;
  const inboundBy = async (where: object) =>
    (await db().message.findFirst({ where: { shopId: env.shopId, direction: "INBOUND", ...where } }))?.id ?? null;

  const twilioDriver = (channel: "SMS" | "WHATSAPP"): ChannelDriver => {
    const wa = channel === "WHATSAPP";
    return {
      channel,
      newParty: () => ({ channel, address: wa ? `whatsapp:${newPhone()}` : newPhone() }),
      async ask(party, text) {
        const params = inboundSms(party.address, text, wa ? { To: `whatsapp:${WHATSAPP_FROM}` } : {});
        const res = await postTwilioSigned(twilioUrl(), params);
        expect(res.status).toBe(200);
        return inboundBy({ providerMessageId: params.MessageSid });
      },
      async received(party) {
        return env.fakes.twilio.messages
          .filter((m) => m.to === party.address)
          .map((m) => ({ text: m.body ?? "", raw: m }));
      },
    };
  };

  const email: ChannelDriver = {
    channel: "EMAIL",
    newParty: () => ({ channel: "EMAIL", address: `cust-${unique()}@mail.example.net` }),
    async ask(party, text, options = {}) {
      const subject = options.subject ?? "A question";
      const messageId = `${randomUUID()}@mail.example.net`;
      const form = new FormData();
      form.set(
        "headers",
        [
          `From: ${party.address}`,
          `To: ${SUPPORT_ADDRESS}`,
          `Subject: ${subject}`,
          `Message-ID: <${messageId}>`,
          "MIME-Version: 1.0",
          ...(options.headers ?? []),
        ].join("\n"),
      );
      form.set("from", party.address);
      form.set("to", SUPPORT_ADDRESS);
      form.set("subject", subject);
      form.set("text", text);
      form.set("SPF", "pass");
      form.set("dkim", `{@${party.address.split("@")[1]} : pass}`);
      form.set("envelope", JSON.stringify({ to: [SUPPORT_ADDRESS], from: party.address }));
      const url = `${env.appUrl}/webhooks/sendgrid/inbound/${sendgridToken}`;
      const res = await call(sendgridInbound, new Request(url, { method: "POST", body: form }), {
        token: sendgridToken,
      });
      expect(res.status).toBe(200);
      return inboundBy({ providerMessageId: messageId });
    },
    async received(party) {
      return env.fakes.sendgrid.mails
        .filter((m) => m.body.personalizations?.some((p) => p.to?.some((t) => t.email === party.address)))
        .map((m) => ({ text: m.body.content?.find((c) => c.type === "text/plain")?.value ?? "", raw: m.body }));
    },
  };

  const metaDriver = (channel: "MESSENGER" | "INSTAGRAM"): ChannelDriver => {
    const account = channel === "INSTAGRAM" ? IG_ID : PAGE_ID;
    return {
      channel,
      newParty: () => ({ channel, address: `${channel === "INSTAGRAM" ? "IGSID" : ""}${Date.now()}${n++}` }),
      async ask(party, text, options = {}) {
        const mid = `m_${unique()}`;
        const payload = metaInboundMessage({
          object: channel === "INSTAGRAM" ? "instagram" : "page",
          pageId: account,
          senderId: party.address,
          text,
          mid,
        });
        if (options.echo) {
          // Our own message coming back: sent by the page, to the customer.
          const event = payload.entry[0]!.messaging[0]! as unknown as Record<string, Record<string, unknown>>;
          event.message!.is_echo = true;
          event.sender = { id: account };
          event.recipient = { id: party.address };
        }
        const signed = signedMetaWebhook(payload, META_APP_SECRET);
        const request = new Request(`${env.appUrl}/webhooks/meta`, {
          method: "POST",
          headers: signed.headers,
          body: signed.body,
        });
        const res = await call(metaWebhook, request);
        expect(res.status).toBe(200);
        return inboundBy({ providerMessageId: mid });
      },
      async received(party) {
        return env.fakes.meta.messages
          .filter((m) => m.body.recipient.id === party.address)
          .map((m) => ({ text: m.body.message?.text ?? "", raw: m }));
      },
    };
  };

  const proxy = (party: Party, path: string, json: object) =>
    signedAppProxyRequest({
      appUrl: env.appUrl,
      path,
      shop: TEST_SHOP_DOMAIN,
      json: { visitorId: party.address, visitorSecret: party.visitorSecret, ...json },
    });
  const chat: ChannelDriver = {
    channel: "CHAT",
    newParty: () => ({
      channel: "CHAT",
      address: `v_${randomUUID().replace(/-/g, "")}`,
      visitorSecret: newSecretToken(),
    }),
    async ask(party, text) {
      const res = await call(chatPost, proxy(party, "/proxy/chat/messages", { text, clientMessageId: randomUUID() }));
      expect(res.status).toBe(201);
      return ((await res.json()) as { message: { id: string } }).message.id;
    },
    async received(party) {
      const res = await call(chatHistory, proxy(party, "/proxy/chat/history", {}));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { messages: Array<{ direction: string; text: string }> };
      return body.messages.filter((m) => m.direction === "outbound").map((m) => ({ text: m.text, raw: m }));
    },
  };

  return {
    SMS: twilioDriver("SMS"),
    WHATSAPP: twilioDriver("WHATSAPP"),
    EMAIL: email,
    MESSENGER: metaDriver("MESSENGER"),
    INSTAGRAM: metaDriver("INSTAGRAM"),
    CHAT: chat,
  };
}

export async function startChannelsEnv(options: { maxInARow?: number } = {}): Promise<ChannelsEnv> {
  // Every scenario is a new anonymous chat; the shop-wide new-chat flood limit is not under test here.
  process.env.CHAT_NEW_CHATS_PER_SHOP_PER_MINUTE = "10000";
  process.env.CHAT_NEW_CHATS_PER_SHOP_PER_HOUR = "10000";
  const env = await startSendingEnv();
  const sendgrid = await saveConnection(env.shopId, "SENDGRID", {
    apiKey: SENDGRID_KEY,
    fromEmail: FROM_EMAIL,
    replyToDomain: REPLY_DOMAIN,
  });
  await saveConnection(env.shopId, "META", {
    pageId: PAGE_ID,
    pageAccessToken: "EAAG-page-token",
    appSecret: META_APP_SECRET,
    verifyToken: "verify-me",
    instagramAccountId: IG_ID,
  });
  const imported = await importKnowledgeFile(
    env.shopId,
    { name: "faq.csv", bytes: new TextEncoder().encode(FAQ_CSV) },
    { asDrafts: false, locale: "en" },
  );
  expect(imported.ok).toBe(true);
  await setAutoAnswers(env.shopId, options.maxInARow ?? 2);
  const sendWorkers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
  const startAnswers = () => startWorkers({ queues: [QUEUE.answers], schedule: false, reconcileOnStart: false });
  let answerWorkers: WorkerHandle | null = await startAnswers();
  return {
    ...env,
    sendgridToken: sendgrid.webhookToken,
    drivers: buildDrivers(env, sendgrid.webhookToken),
    sendWorkers,
    async holdAnswers() {
      await answerWorkers?.close();
      answerWorkers = null;
      return async () => {
        answerWorkers ??= await startAnswers();
      };
    },
    async close() {
      await answerWorkers?.close();
      await sendWorkers.close();
      await closeChatRateLimiter();
      await env.close();
    },
  };
}

/** The AutoAnswer row of this inbound message, once the job decided it. */
export function decided(inboundMessageId: string): Promise<AutoAnswer> {
  return waitFor(async () => {
    const row = await db().autoAnswer.findUnique({ where: { inboundMessageId } });
    return row && row.state !== "PENDING" ? row : null;
  }, `the automatic answer decision for ${inboundMessageId}`);
}

export async function conversationOf(inboundMessageId: string) {
  const m = await db().message.findUniqueOrThrow({ where: { id: inboundMessageId } });
  return db().conversation.findUniqueOrThrow({ where: { id: m.conversationId } });
}

/** Waits until the customer has received `count` messages, then a moment more to catch any extra. */
export async function receivedExactly(driver: ChannelDriver, party: Party, count: number): Promise<Received[]> {
  if (count > 0) await waitFor(async () => (await driver.received(party)).length >= count, `${count} message(s)`);
  await settle(400);
  const got = await driver.received(party);
  expect(got.map((r) => r.text)).toHaveLength(count);
  return got;
}

/** Automatic messages stored for this conversation (whatever reached a stand-in). */
export const automaticCount = (conversationId: string) =>
  db().message.count({ where: { conversationId, automatic: true } });

export const SMS_NUMBER = SMS_FROM;
export const WHATSAPP_NUMBER = WHATSAPP_FROM;
export const FROM_EMAIL_ADDRESS = FROM_EMAIL;
