// The channel adapters against the vendor stand-ins: exact wire payloads, error classification,
// webhook signatures, inbound/status parsing, and credentials stored encrypted.
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import twilio from "twilio";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import {
  loadConnection,
  loadConnectionByWebhookToken,
  findConnectionsByAccountId,
  saveConnection,
  type MetaConnection,
  type SendGridConnection,
  type TwilioConnection,
} from "../../app/channels/credentials.server";
import { adapterFor, adapterForProvider } from "../../app/channels/registry";
import { twilioAdapter } from "../../app/channels/twilio/adapter.server";
import { sendGridAdapter } from "../../app/channels/sendgrid/adapter.server";
import { metaAdapter, verifySubscription } from "../../app/channels/meta/adapter.server";
import type { InboundHttpRequest, OutboundMessage } from "../../app/channels/types";
import {
  eventForMail,
  generateEventWebhookKeyPair,
  metaInboundMessage,
  META_ERRORS,
  signedEventWebhook,
  startVendorFakes,
  type VendorFakes,
} from "../fakes";
import { createShop } from "../support/factories";

const ACCOUNT_SID = `AC${"1".repeat(32)}`;
const AUTH_TOKEN = "twilio-auth-token-secret";
const APP_SECRET = "meta-app-secret";
const keys = generateEventWebhookKeyPair();

const twilioConn: TwilioConnection = {
  provider: "TWILIO",
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  fromNumber: "+12025550143",
  whatsappFrom: "+16505551234",
};
const sendGridConn: SendGridConnection = {
  provider: "SENDGRID",
  apiKey: "SG.secret-key",
  fromEmail: "hello@shop.example.com",
  fromName: "Demo Shop",
  replyToDomain: "reply.shop.example.com",
  eventWebhookPublicKey: keys.publicKey,
};
const metaConn: MetaConnection = {
  provider: "META",
  pageId: "1001",
  pageAccessToken: "PAGE-TOKEN",
  appSecret: APP_SECRET,
  verifyToken: "verify-me",
};

let fakes: VendorFakes;
beforeAll(async () => {
  fakes = await startVendorFakes({
    twilio: { credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } },
    sendgrid: { apiKey: "SG.secret-key" },
    meta: { appSecret: APP_SECRET, accessToken: "PAGE-TOKEN" },
  });
  Object.assign(process.env, fakes.env);
  resetConfigCache();
});
afterAll(async () => {
  for (const key of Object.keys(fakes?.env ?? {})) delete process.env[key];
  resetConfigCache();
  await fakes?.close();
});
beforeEach(() => fakes.reset());

const base = (over: Partial<OutboundMessage>): OutboundMessage => ({
  messageId: "msg_1",
  channel: "SMS",
  to: "+14155550123",
  body: "Your order shipped",
  idempotencyKey: "idem-1",
  ...over,
});

const formRequest = (
  url: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): InboundHttpRequest => ({
  url,
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  rawBody: new URLSearchParams(params).toString(),
  form: params,
});

describe("registry", () => {
  it("routes channels and providers to adapters", () => {
    expect(adapterFor("SMS")).toBe(twilioAdapter);
    expect(adapterFor("WHATSAPP")).toBe(twilioAdapter);
    expect(adapterFor("EMAIL")).toBe(sendGridAdapter);
    expect(adapterFor("MESSENGER")).toBe(metaAdapter);
    expect(adapterFor("INSTAGRAM")).toBe(metaAdapter);
    expect(adapterFor("CHAT")).toBeNull();
    expect(adapterForProvider("SENDGRID")).toBe(sendGridAdapter);
  });
});

describe("Twilio adapter", () => {
  it("sends an SMS with exactly the expected form", async () => {
    const result = await twilioAdapter.send(
      base({ to: "+1 (415) 555-0123", statusCallbackUrl: "https://app.example.com/webhooks/twilio/status/tok_1" }),
      twilioConn,
    );
    const [m] = fakes.twilio.messages;
    expect(result).toEqual({ ok: true, providerMessageId: m.sid, status: "QUEUED" });
    expect(m.auth).toEqual({ username: ACCOUNT_SID, password: AUTH_TOKEN });
    expect(m.fields).toEqual({
      To: "+14155550123",
      From: "+12025550143",
      Body: "Your order shipped",
      StatusCallback: "https://app.example.com/webhooks/twilio/status/tok_1?threadline_message_id=msg_1",
    });
  });

  it("prefers the Messaging Service for SMS and sends media", async () => {
    const conn = { ...twilioConn, messagingServiceSid: `MG${"2".repeat(32)}` };
    await twilioAdapter.send(
      base({ mediaUrls: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"] }),
      conn,
    );
    expect(fakes.twilio.messages[0].fields).toEqual({
      To: "+14155550123",
      MessagingServiceSid: `MG${"2".repeat(32)}`,
      Body: "Your order shipped",
      MediaUrl: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"],
    });
  });

  it("sends plain WhatsApp and WhatsApp templates", async () => {
    const plain = await twilioAdapter.send(
      base({ channel: "WHATSAPP", body: "Hi Ada", to: "whatsapp:+14155550123" }),
      twilioConn,
    );
    expect(plain.ok).toBe(true);
    const templated = await twilioAdapter.send(
      base({
        channel: "WHATSAPP",
        body: "fallback text is not sent",
        whatsappTemplate: { contentSid: `HX${"3".repeat(32)}`, variables: { "1": "Ada", "2": "#1001" } },
      }),
      twilioConn,
    );
    expect(templated.ok).toBe(true);
    expect(fakes.twilio.messages.map((m) => m.fields)).toEqual([
      { To: "whatsapp:+14155550123", From: "whatsapp:+16505551234", Body: "Hi Ada" },
      {
        To: "whatsapp:+14155550123",
        From: "whatsapp:+16505551234",
        ContentSid: `HX${"3".repeat(32)}`,
        ContentVariables: '{"1":"Ada","2":"#1001"}',
      },
    ]);
  });

  it("classifies errors", async () => {
    fakes.twilio.failNext(21211);
    expect(await twilioAdapter.send(base({}), twilioConn)).toEqual({
      ok: false,
      retryable: false,
      ambiguous: false,
      errorCode: "21211",
      errorMessage: "The number is not a valid phone number.",
      status: "FAILED",
    });
    fakes.twilio.failNext(21610);
    expect(await twilioAdapter.send(base({}), twilioConn)).toMatchObject({
      retryable: false,
      errorCode: "21610",
      errorMessage: "The recipient replied STOP and cannot be messaged.",
    });
    fakes.twilio.failNext(63016);
    expect(await twilioAdapter.send(base({ channel: "WHATSAPP" }), twilioConn)).toMatchObject({
      retryable: false,
      errorCode: "63016",
      errorMessage: expect.stringContaining("approved template"),
    });
    fakes.twilio.failNext(20429);
    expect(await twilioAdapter.send(base({}), twilioConn)).toMatchObject({
      ok: false,
      retryable: true,
      ambiguous: false,
      errorCode: "20429",
    });
    fakes.twilio.failNext(20500, 500);
    expect(await twilioAdapter.send(base({}), twilioConn)).toMatchObject({
      ok: false,
      retryable: true,
      errorCode: "20500",
    });
    expect(fakes.twilio.messages).toHaveLength(0);
  });

  it("refuses bad input before calling Twilio", async () => {
    expect(await twilioAdapter.send(base({ to: "not a phone" }), twilioConn)).toMatchObject({
      retryable: false,
      errorCode: "INVALID_ADDRESS",
    });
    // National formats are ambiguous without a country: callers pass stored E.164 identities.
    expect(await twilioAdapter.send(base({ to: "(415) 555-0123" }), twilioConn)).toMatchObject({
      errorCode: "INVALID_ADDRESS",
    });
    expect(
      await twilioAdapter.send(base({ channel: "WHATSAPP" }), { ...twilioConn, whatsappFrom: undefined }),
    ).toMatchObject({
      errorCode: "MISSING_SENDER",
    });
    expect(await twilioAdapter.send(base({ channel: "EMAIL" }), twilioConn)).toMatchObject({
      errorCode: "UNSUPPORTED_CHANNEL",
    });
    expect(fakes.twilio.rejected).toHaveLength(0);
    expect(fakes.twilio.messages).toHaveLength(0);
  });

  it("treats an unreachable Twilio as a clean retry", async () => {
    // A port that was free a moment ago (fetch refuses "bad ports" such as 9 before connecting at all).
    process.env.TWILIO_API_BASE_URL = `http://127.0.0.1:${await closedPort()}`;
    resetConfigCache();
    try {
      expect(await twilioAdapter.send(base({}), twilioConn)).toMatchObject({
        ok: false,
        retryable: true,
        ambiguous: false,
        errorCode: "ECONNREFUSED",
      });
    } finally {
      process.env.TWILIO_API_BASE_URL = fakes.env.TWILIO_API_BASE_URL;
      resetConfigCache();
    }
  });

  it("verifies X-Twilio-Signature over URL and form", () => {
    const url = "https://app.example.com/webhooks/twilio/inbound/tok_1";
    const params = { MessageSid: "SM1", From: "+14155550123", To: "+12025550143", Body: "Hello" };
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
    expect(
      twilioAdapter.verifySignature(formRequest(url, params, { "X-Twilio-Signature": signature }), twilioConn),
    ).toBe(true);
    // The raw body alone (no pre-parsed form) verifies too.
    const { form: _form, ...rawOnly } = formRequest(url, params, { "x-twilio-signature": signature });
    expect(twilioAdapter.verifySignature(rawOnly, twilioConn)).toBe(true);
    expect(
      twilioAdapter.verifySignature(
        formRequest(url, { ...params, Body: "Tampered" }, { "X-Twilio-Signature": signature }),
        twilioConn,
      ),
    ).toBe(false);
    expect(
      twilioAdapter.verifySignature(formRequest(`${url}x`, params, { "X-Twilio-Signature": signature }), twilioConn),
    ).toBe(false);
    expect(
      twilioAdapter.verifySignature(formRequest(url, params, { "X-Twilio-Signature": signature }), {
        ...twilioConn,
        authToken: "other",
      }),
    ).toBe(false);
    expect(twilioAdapter.verifySignature(formRequest(url, params), twilioConn)).toBe(false);
  });

  it("parses inbound SMS with media and WhatsApp with a profile name", () => {
    const sms = twilioAdapter.parseInbound(
      formRequest("https://app.example.com/in", {
        ToCountry: "US",
        SmsMessageSid: "MMabc",
        NumMedia: "2",
        SmsSid: "MMabc",
        SmsStatus: "received",
        Body: "Where is my order?",
        To: "+12025550143",
        NumSegments: "1",
        MessageSid: "MMabc",
        AccountSid: ACCOUNT_SID,
        From: "+14155550123",
        MediaUrl0: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MMabc/Media/ME1",
        MediaContentType0: "image/jpeg",
        MediaUrl1: "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MMabc/Media/ME2",
        MediaContentType1: "image/png",
        ApiVersion: "2010-04-01",
      }),
    );
    expect(sms).toEqual([
      {
        providerMessageId: "MMabc",
        channel: "SMS",
        from: "+14155550123",
        to: "+12025550143",
        body: "Where is my order?",
        mediaUrls: [
          "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MMabc/Media/ME1",
          "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MMabc/Media/ME2",
        ],
        receivedAt: expect.any(Date),
      },
    ]);
    const wa = twilioAdapter.parseInbound(
      formRequest("https://app.example.com/in", {
        SmsMessageSid: "SMwa1",
        NumMedia: "0",
        ProfileName: "Ada Lovelace",
        WaId: "14155550123",
        SmsStatus: "received",
        Body: "STOP",
        To: "whatsapp:+16505551234",
        MessageSid: "SMwa1",
        From: "whatsapp:+14155550123",
      }),
    );
    expect(wa).toEqual([
      {
        providerMessageId: "SMwa1",
        channel: "WHATSAPP",
        from: "+14155550123",
        to: "+16505551234",
        body: "STOP",
        mediaUrls: [],
        profileName: "Ada Lovelace",
        receivedAt: expect.any(Date),
      },
    ]);
    // A status callback is not an inbound message.
    expect(
      twilioAdapter.parseInbound(formRequest("https://x", { MessageSid: "SM1", MessageStatus: "sent", From: "+1" })),
    ).toEqual([]);
  });

  it("parses status callbacks, including our message id from the callback URL", async () => {
    const sent = await twilioAdapter.send(
      base({ statusCallbackUrl: "http://127.0.0.1:9/webhooks/twilio/status/tok_1" }),
      twilioConn,
    );
    if (!sent.ok) throw new Error("send failed");
    const record = await fakes.twilio.sendStatusCallback(sent.providerMessageId, "undelivered", { errorCode: 30003 });
    const req = formRequest(record.url, record.params, { "X-Twilio-Signature": record.signature });
    expect(twilioAdapter.verifySignature(req, twilioConn)).toBe(true);
    expect(twilioAdapter.parseStatus(req)).toEqual([
      {
        providerMessageId: sent.providerMessageId,
        ourMessageId: "msg_1",
        status: "UNDELIVERED",
        providerStatus: "undelivered",
        errorCode: "30003",
        errorMessage: "The recipient's phone is switched off or unreachable.",
        occurredAt: expect.any(Date),
        recipient: "+14155550123",
      },
    ]);
    const read = twilioAdapter.parseStatus(
      formRequest("https://x/s", { MessageSid: "SMw", MessageStatus: "read", To: "whatsapp:+14155550123" }),
    );
    expect(read).toMatchObject([{ providerMessageId: "SMw", status: "READ", recipient: "+14155550123" }]);
    expect(read[0]).not.toHaveProperty("ourMessageId");
    expect(twilioAdapter.parseStatus(formRequest("https://x/s", { MessageSid: "SMw", SmsStatus: "received" }))).toEqual(
      [],
    );
  });
});

describe("SendGrid adapter", () => {
  it("sends an email with exactly the expected JSON", async () => {
    const result = await sendGridAdapter.send(
      base({
        channel: "EMAIL",
        to: "Ada@Example.com",
        subject: "Your order shipped",
        body: "Plain text",
        html: "<p>Plain text</p>",
        replyTo: "c123@reply.shop.example.com",
        headers: {
          "List-Unsubscribe": "<https://app.example.com/u/1>",
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        asmGroupId: 42,
      }),
      sendGridConn,
    );
    const [mail] = fakes.sendgrid.mails;
    expect(result).toEqual({ ok: true, providerMessageId: mail.messageId, status: "QUEUED" });
    expect(mail.apiKey).toBe("SG.secret-key");
    expect(mail.body).toEqual({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "hello@shop.example.com", name: "Demo Shop" },
      reply_to: { email: "c123@reply.shop.example.com" },
      subject: "Your order shipped",
      content: [
        { type: "text/plain", value: "Plain text" },
        { type: "text/html", value: "<p>Plain text</p>" },
      ],
      custom_args: { threadline_message_id: "msg_1" },
      headers: {
        "List-Unsubscribe": "<https://app.example.com/u/1>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      asm: { group_id: 42 },
    });
  });

  it("sends text only when no html is given", async () => {
    await sendGridAdapter.send(base({ channel: "EMAIL", to: "ada@example.com", subject: "Hi" }), {
      ...sendGridConn,
      fromName: undefined,
    });
    expect(fakes.sendgrid.mails[0].body).toEqual({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "hello@shop.example.com" },
      subject: "Hi",
      content: [{ type: "text/plain", value: "Your order shipped" }],
      custom_args: { threadline_message_id: "msg_1" },
    });
  });

  it("classifies errors", async () => {
    const email = base({ channel: "EMAIL", to: "ada@example.com", subject: "Hi" });
    fakes.sendgrid.failNext(503, [{ message: "Service Unavailable" }]);
    expect(await sendGridAdapter.send(email, sendGridConn)).toMatchObject({
      ok: false,
      retryable: true,
      ambiguous: false,
      errorCode: "http_503",
    });
    fakes.sendgrid.failNext(429);
    expect(await sendGridAdapter.send(email, sendGridConn)).toMatchObject({ retryable: true, errorCode: "http_429" });
    fakes.sendgrid.failNext(400, [{ message: "Does not contain a valid address.", field: "personalizations.0.to" }]);
    expect(await sendGridAdapter.send(email, sendGridConn)).toEqual({
      ok: false,
      retryable: false,
      ambiguous: false,
      errorCode: "http_400",
      errorMessage: "SendGrid rejected the email: personalizations.0.to: Does not contain a valid address.",
      status: "FAILED",
    });
    expect(await sendGridAdapter.send(email, { ...sendGridConn, apiKey: "SG.wrong" })).toMatchObject({
      retryable: false,
      errorCode: "http_401",
      errorMessage: expect.stringContaining("The provided authorization grant is invalid"),
    });
    expect(await sendGridAdapter.send({ ...email, to: "nope" }, sendGridConn)).toMatchObject({
      errorCode: "INVALID_ADDRESS",
    });
    expect(fakes.sendgrid.mails).toHaveLength(0);
  });

  it("verifies the Event Webhook signature over the raw body", () => {
    const { body, headers } = signedEventWebhook([{ event: "delivered", sg_message_id: "a.b" }], keys.privateKey);
    const req: InboundHttpRequest = {
      url: "https://app.example.com/webhooks/sendgrid/events/tok",
      headers,
      rawBody: body,
    };
    expect(sendGridAdapter.verifySignature(req, sendGridConn)).toBe(true);
    expect(sendGridAdapter.verifySignature({ ...req, rawBody: Buffer.from(body) }, sendGridConn)).toBe(true);
    expect(
      sendGridAdapter.verifySignature({ ...req, rawBody: body.replace("delivered", "bounce") }, sendGridConn),
    ).toBe(false);
    expect(
      sendGridAdapter.verifySignature(req, {
        ...sendGridConn,
        eventWebhookPublicKey: generateEventWebhookKeyPair().publicKey,
      }),
    ).toBe(false);
    expect(sendGridAdapter.verifySignature(req, { ...sendGridConn, eventWebhookPublicKey: undefined })).toBe(false);
    expect(sendGridAdapter.verifySignature({ ...req, headers: {} }, sendGridConn)).toBe(false);
    expect(
      sendGridAdapter.verifySignature(
        { ...req, headers: { ...headers, "X-Twilio-Email-Event-Webhook-Signature": "garbage" } },
        sendGridConn,
      ),
    ).toBe(false);
  });

  it("parses Event Webhook batches", async () => {
    await sendGridAdapter.send(
      base({ channel: "EMAIL", to: "ada@example.com", subject: "Hi", messageId: "msg_42" }),
      sendGridConn,
    );
    const [mail] = fakes.sendgrid.mails;
    const events = [
      eventForMail(mail, "processed", { timestamp: 1764192000 }),
      eventForMail(mail, "delivered", { timestamp: 1764192001 }),
      eventForMail(mail, "open", { timestamp: 1764192002 }),
      eventForMail(mail, "bounce", {
        timestamp: 1764192003,
        type: "bounce",
        status: "5.1.1",
        reason: "550 5.1.1 No such user",
      }),
      eventForMail(mail, "dropped", { timestamp: 1764192004, reason: "Bounced Address" }),
      eventForMail(mail, "spamreport", { timestamp: 1764192005 }),
      {
        event: "group_unsubscribe",
        email: "ada@example.com",
        sg_message_id: `${mail.messageId}.x`,
        timestamp: 1764192006,
        asm_group_id: 42,
      },
      { event: "something_new", sg_message_id: "zzz.1", timestamp: 1 },
    ];
    const { body, headers } = signedEventWebhook(events, keys.privateKey);
    const updates = sendGridAdapter.parseStatus({ url: "https://x", headers, rawBody: body });
    const common = { providerMessageId: mail.messageId, recipient: "ada@example.com" };
    expect(updates).toEqual([
      {
        ...common,
        ourMessageId: "msg_42",
        status: "SENT",
        providerStatus: "processed",
        occurredAt: new Date(1764192000_000),
        providerEventId: expect.any(String),
      },
      {
        ...common,
        ourMessageId: "msg_42",
        status: "DELIVERED",
        providerStatus: "delivered",
        occurredAt: new Date(1764192001_000),
        providerEventId: expect.any(String),
      },
      {
        ...common,
        ourMessageId: "msg_42",
        status: "OPENED",
        providerStatus: "open",
        occurredAt: new Date(1764192002_000),
        providerEventId: expect.any(String),
      },
      {
        ...common,
        ourMessageId: "msg_42",
        status: "FAILED",
        providerStatus: "bounce",
        errorCode: "bounce:bounce",
        errorMessage: "The email address does not exist or refused the email (hard bounce): 550 5.1.1 No such user",
        occurredAt: new Date(1764192003_000),
        providerEventId: expect.any(String),
      },
      {
        ...common,
        ourMessageId: "msg_42",
        status: "FAILED",
        providerStatus: "dropped",
        errorCode: "dropped",
        errorMessage: "The address bounced before, so SendGrid no longer sends to it.",
        occurredAt: new Date(1764192004_000),
        providerEventId: expect.any(String),
      },
      {
        ...common,
        ourMessageId: "msg_42",
        status: "DELIVERED",
        providerStatus: "spamreport",
        errorMessage: "The recipient marked the email as spam.",
        occurredAt: new Date(1764192005_000),
        providerEventId: expect.any(String),
        consent: { action: "REVOKED", reason: "spamreport" },
      },
      {
        ...common,
        status: "DELIVERED",
        providerStatus: "group_unsubscribe",
        occurredAt: new Date(1764192006_000),
        consent: { action: "REVOKED", reason: "group_unsubscribe", asmGroupId: 42 },
      },
    ]);
    expect(sendGridAdapter.parseStatus({ url: "https://x", headers: {}, rawBody: "not json" })).toEqual([]);
  });

  it("parses Inbound Parse fields into a threaded reply", () => {
    const rawHeaders = [
      "Received: by mx0047p1mdw1.sendgrid.net with SMTP id abc",
      "From: =?UTF-8?B?QWRhIEzDtnZlbGFjZQ==?= <Ada@Example.com>",
      "To: Demo Shop <c123@reply.shop.example.com>, other@example.org",
      "Subject: Re: Your order shipped",
      "Message-ID: <CAF=reply-1@mail.gmail.com>",
      "In-Reply-To: <orig-1@shop.example.com>",
      "References: <first-0@shop.example.com>",
      " <orig-1@shop.example.com>",
      "Date: Thu, 26 Nov 2026 10:00:00 +0000",
    ].join("\r\n");
    const text =
      "Thanks! When will it arrive?\r\n\r\nOn Thu, 26 Nov 2026 at 09:00, Demo Shop <hello@shop.example.com>\r\nwrote:\r\n> Your order shipped\r\n";
    const [message, ...rest] = sendGridAdapter.parseInbound({
      url: "https://app.example.com/webhooks/sendgrid/inbound/tok",
      headers: { "content-type": "multipart/form-data; boundary=xYzZY" },
      rawBody: Buffer.from("(multipart)"),
      form: {
        headers: rawHeaders,
        dkim: "{@example.com : pass}",
        to: "Demo Shop <c123@reply.shop.example.com>, other@example.org",
        from: "=?UTF-8?B?QWRhIEzDtnZlbGFjZQ==?= <Ada@Example.com>",
        subject: "Re: Your order shipped",
        text,
        html: "<div>Thanks! When will it arrive?</div>",
        envelope: JSON.stringify({ to: ["C123@reply.shop.example.com"], from: "ada@example.com" }),
        charsets: JSON.stringify({ to: "UTF-8", from: "UTF-8", subject: "UTF-8", text: "UTF-8" }),
        SPF: "pass",
      },
    });
    expect(rest).toEqual([]);
    expect(message).toEqual({
      providerMessageId: "CAF=reply-1@mail.gmail.com",
      channel: "EMAIL",
      from: "ada@example.com",
      to: "c123@reply.shop.example.com",
      body: "Thanks! When will it arrive?",
      fullBody:
        "Thanks! When will it arrive?\n\nOn Thu, 26 Nov 2026 at 09:00, Demo Shop <hello@shop.example.com>\nwrote:\n> Your order shipped",
      mediaUrls: [],
      profileName: "Ada Lövelace",
      subject: "Re: Your order shipped",
      inReplyTo: "orig-1@shop.example.com",
      references: ["first-0@shop.example.com", "orig-1@shop.example.com"],
      receivedAt: expect.any(Date),
    });
    // HTML-only mail still yields text.
    const [htmlOnly] = sendGridAdapter.parseInbound({
      url: "https://x",
      headers: {},
      rawBody: "",
      form: {
        from: "bob@example.com",
        to: "c1@reply.shop.example.com",
        html: "<p>Hello&nbsp;there</p><p>Bob</p>",
        headers: "",
      },
    });
    expect(htmlOnly).toMatchObject({
      from: "bob@example.com",
      body: "Hello there\nBob",
      providerMessageId: expect.stringMatching(/^sha256:/),
    });
  });
});

describe("Meta adapter", () => {
  it("sends a Messenger reply with exactly the expected body", async () => {
    const result = await metaAdapter.send(
      base({ channel: "MESSENGER", to: "PSID-1", body: "Hello from the shop" }),
      metaConn,
    );
    const [m] = fakes.meta.messages;
    expect(result).toEqual({ ok: true, providerMessageId: m.messageId, status: "SENT" });
    expect(m).toEqual({
      version: "v21.0",
      pageId: "1001",
      accessToken: "PAGE-TOKEN",
      body: { recipient: { id: "PSID-1" }, messaging_type: "RESPONSE", message: { text: "Hello from the shop" } },
      messageId: m.messageId,
      receivedAt: expect.any(Date),
    });
  });

  it("tags staff replies with HUMAN_AGENT and sends Instagram through the page", async () => {
    await metaAdapter.send(base({ channel: "INSTAGRAM", to: "IGSID-7", body: "Hi", metaTag: "HUMAN_AGENT" }), metaConn);
    expect(fakes.meta.messages[0].body).toEqual({
      recipient: { id: "IGSID-7" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Hi" },
    });
  });

  it("classifies errors", async () => {
    const msg = base({ channel: "MESSENGER", to: "PSID-1" });
    fakes.meta.failNext(META_ERRORS.outsideWindow);
    expect(await metaAdapter.send(msg, metaConn)).toEqual({
      ok: false,
      retryable: false,
      ambiguous: false,
      errorCode: "10/2018278",
      errorMessage:
        "Meta only allows replies within 24 hours of the customer's last message (7 days when a staff member replies with the human-agent tag).",
      status: "FAILED",
    });
    fakes.meta.failNext(META_ERRORS.rateLimited);
    expect(await metaAdapter.send(msg, metaConn)).toMatchObject({ ok: false, retryable: true, errorCode: "613" });
    fakes.meta.failNext({ status: 503, code: 2, message: "Service temporarily unavailable" });
    expect(await metaAdapter.send(msg, metaConn)).toMatchObject({ ok: false, retryable: true, errorCode: "2" });
    expect(await metaAdapter.send(msg, { ...metaConn, pageAccessToken: "WRONG" })).toMatchObject({
      retryable: false,
      errorCode: "190",
      errorMessage: expect.stringContaining("reconnect the page"),
    });
    // A wrong app secret makes the appsecret_proof fail.
    expect(await metaAdapter.send(msg, { ...metaConn, appSecret: "other" })).toMatchObject({
      retryable: false,
      errorCode: "100",
    });
    expect(fakes.meta.messages).toHaveLength(0);
  });

  it("verifies X-Hub-Signature-256 and the subscription handshake", () => {
    const signed = fakes.meta.signWebhook(metaInboundMessage({ pageId: "1001", senderId: "PSID-1", text: "hé" }));
    const req: InboundHttpRequest = {
      url: "https://app.example.com/webhooks/meta",
      headers: signed.headers,
      rawBody: signed.body,
    };
    expect(metaAdapter.verifySignature(req, metaConn)).toBe(true);
    expect(metaAdapter.verifySignature({ ...req, rawBody: Buffer.from(signed.body, "utf8") }, metaConn)).toBe(true);
    expect(metaAdapter.verifySignature({ ...req, rawBody: signed.body.replace("hé", "he") }, metaConn)).toBe(false);
    expect(metaAdapter.verifySignature(req, { ...metaConn, appSecret: "other" })).toBe(false);
    expect(
      metaAdapter.verifySignature(
        { ...req, headers: { "X-Hub-Signature": signed.headers["X-Hub-Signature"] } },
        metaConn,
      ),
    ).toBe(false);
    expect(metaAdapter.verifySignature({ ...req, headers: { "x-hub-signature-256": "sha256=zz" } }, metaConn)).toBe(
      false,
    );

    const q = new URLSearchParams({
      "hub.mode": "subscribe",
      "hub.verify_token": "verify-me",
      "hub.challenge": "1158201444",
    });
    expect(verifySubscription(q, "verify-me")).toBe("1158201444");
    expect(
      verifySubscription({ "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1" }, "verify-me"),
    ).toBeNull();
    expect(
      verifySubscription(
        { "hub.mode": "unsubscribe", "hub.verify_token": "verify-me", "hub.challenge": "1" },
        "verify-me",
      ),
    ).toBeNull();
  });

  it("parses inbound messages, skipping echoes and receipts", () => {
    const payload = {
      object: "page",
      entry: [
        {
          id: "1001",
          time: 1764192000000,
          messaging: [
            {
              sender: { id: "PSID-1" },
              recipient: { id: "1001" },
              timestamp: 1764192000000,
              message: {
                mid: "m_in_1",
                text: "Do you ship to Canada?",
                attachments: [{ type: "image", payload: { url: "https://lookaside.fbsbx.com/img.jpg" } }],
              },
            },
            {
              sender: { id: "1001" },
              recipient: { id: "PSID-1" },
              timestamp: 1764192001000,
              message: { mid: "m_echo", text: "Yes we do", is_echo: true, app_id: 123 },
            },
            {
              sender: { id: "PSID-1" },
              recipient: { id: "1001" },
              timestamp: 1764192002000,
              delivery: { mids: ["m_out_1"], watermark: 1764192001500 },
            },
            {
              sender: { id: "PSID-1" },
              recipient: { id: "1001" },
              timestamp: 1764192003000,
              read: { watermark: 1764192002500 },
            },
          ],
        },
      ],
    };
    const req: InboundHttpRequest = { url: "https://x", headers: {}, rawBody: JSON.stringify(payload) };
    expect(metaAdapter.parseInbound(req)).toEqual([
      {
        providerMessageId: "m_in_1",
        channel: "MESSENGER",
        from: "PSID-1",
        to: "1001",
        body: "Do you ship to Canada?",
        mediaUrls: ["https://lookaside.fbsbx.com/img.jpg"],
        receivedAt: new Date(1764192000000),
      },
    ]);
    expect(metaAdapter.parseStatus(req)).toEqual([
      {
        providerMessageId: "m_out_1",
        status: "DELIVERED",
        providerStatus: "delivery",
        occurredAt: new Date(1764192002000),
        recipient: "PSID-1",
      },
      {
        providerMessageId: null,
        status: "READ",
        providerStatus: "read",
        occurredAt: new Date(1764192003000),
        recipient: "PSID-1",
        watermark: { before: new Date(1764192002500) },
      },
    ]);
    const ig = metaInboundMessage({
      object: "instagram",
      pageId: "1784",
      senderId: "IGSID-7",
      text: "hi",
      mid: "ig_1",
      timestamp: 5,
    });
    expect(metaAdapter.parseInbound({ url: "https://x", headers: {}, rawBody: JSON.stringify(ig) })).toEqual([
      {
        providerMessageId: "ig_1",
        channel: "INSTAGRAM",
        from: "IGSID-7",
        to: "1784",
        body: "hi",
        mediaUrls: [],
        receivedAt: new Date(5),
      },
    ]);
    expect(
      metaAdapter.parseInbound({ url: "https://x", headers: {}, rawBody: '{"object":"whatsapp_business_account"}' }),
    ).toEqual([]);
  });
});

describe("credentials", () => {
  it("round-trips through the database with secrets encrypted", async () => {
    const shop = await createShop({ domain: "creds.myshopify.com" });
    const other = await createShop({ domain: "other.myshopify.com" });
    const saved = await saveConnection(shop.id, "TWILIO", {
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      fromNumber: "+1 202 555 0143",
      whatsappFrom: "whatsapp:+16505551234",
    });
    expect(saved.credentials).toEqual({ ...twilioConn });
    expect(saved.externalAccountId).toBe(ACCOUNT_SID);

    const row = await db().channelConnection.findUniqueOrThrow({ where: { id: saved.id } });
    expect(row.secretsCiphertext).toMatch(/^v1:/);
    expect(row.secretsCiphertext).not.toContain(AUTH_TOKEN);
    expect(JSON.stringify(row.config)).not.toContain(AUTH_TOKEN);
    expect(row.config).toEqual({ accountSid: ACCOUNT_SID, fromNumber: "+12025550143", whatsappFrom: "+16505551234" });

    const loaded = await loadConnection(shop.id, "TWILIO");
    expect(loaded?.credentials).toEqual(twilioConn);
    expect(await loadConnection(other.id, "TWILIO")).toBeNull();
    expect((await loadConnectionByWebhookToken(row.webhookToken))?.shopId).toBe(shop.id);

    // A settings form that never shows secrets back keeps the stored token.
    const edited = await saveConnection(shop.id, "TWILIO", { accountSid: ACCOUNT_SID, fromNumber: "+14155550123" });
    expect(edited.id).toBe(saved.id);
    expect(edited.credentials).toEqual({
      provider: "TWILIO",
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      fromNumber: "+14155550123",
    });

    // The loaded credentials drive a real send.
    const sent = await twilioAdapter.send(base({}), edited.credentials);
    expect(sent.ok).toBe(true);
    expect(fakes.twilio.messages[0].fields.From).toBe("+14155550123");

    const sg = await saveConnection(shop.id, "SENDGRID", {
      apiKey: "SG.secret-key",
      fromEmail: "Hello@Shop.Example.com",
      eventWebhookPublicKey: keys.publicKey,
    });
    expect(sg.externalAccountId).toBeNull();
    expect(sg.credentials).toEqual({
      provider: "SENDGRID",
      apiKey: "SG.secret-key",
      fromEmail: "hello@shop.example.com",
      eventWebhookPublicKey: keys.publicKey,
    });
    const sgRow = await db().channelConnection.findUniqueOrThrow({ where: { id: sg.id } });
    expect(sgRow.secretsCiphertext).not.toContain("SG.secret-key");

    const meta = await saveConnection(other.id, "META", { ...metaConn, instagramAccountId: "1784" });
    expect(meta.externalAccountId).toBe("1001");
    const metaRow = await db().channelConnection.findUniqueOrThrow({ where: { id: meta.id } });
    for (const secret of ["PAGE-TOKEN", APP_SECRET, "verify-me"])
      expect(metaRow.secretsCiphertext).not.toContain(secret);
    expect(metaRow.config).toEqual({ pageId: "1001", instagramAccountId: "1784" });
    expect((await findConnectionsByAccountId("META", "1001")).map((c) => c.shopId)).toEqual([other.id]);
    expect((await findConnectionsByAccountId("META", "1784")).map((c) => c.shopId)).toEqual([other.id]);

    await expect(saveConnection(shop.id, "META", { pageId: "1" })).rejects.toThrow(/Invalid META credentials/);
    await expect(
      saveConnection(shop.id, "TWILIO", { accountSid: "nope", authToken: "x", fromNumber: "+14155550123" }),
    ).rejects.toThrow(/accountSid/);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
