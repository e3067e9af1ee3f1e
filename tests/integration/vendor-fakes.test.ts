// Proves each vendor stand-in speaks the real wire format, by driving it with the real SDKs.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import twilio from "twilio";
import { EventWebhook } from "@sendgrid/eventwebhook";
import type { ResponseError } from "@sendgrid/mail";
import { createTwilioClient } from "../../app/channels/twilio/http-client.server";
import { createSendGridMailClient } from "../../app/channels/sendgrid/mail-client.server";
import {
  generateEventWebhookKeyPair,
  signedEventWebhook,
  signedMetaWebhook,
  startFakeMetaGraph,
  startFakeTwilio,
  startVendorFakes,
  type VendorFakes,
} from "../fakes";

const ACCOUNT_SID = `AC${"1".repeat(32)}`;
const AUTH_TOKEN = "fake-auth-token";

let fakes: VendorFakes;
beforeAll(async () => {
  fakes = await startVendorFakes({ twilio: { credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } } });
});
afterAll(() => fakes?.close());
beforeEach(() => fakes.reset());

/** A tiny receiver for webhooks the fakes send back to "our app". */
async function receiver() {
  const received: Array<{ url: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    received.push({ url: req.url!, headers: req.headers, body });
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("Twilio fake via twilio-node", () => {
  const client = () =>
    createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, baseUrl: fakes.twilio.url });

  it("captures an SMS exactly and answers like Twilio", async () => {
    const sent = await client().messages.create({
      to: "+15557654321",
      from: "+15550001111",
      body: "Your order shipped",
    });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent).toMatchObject({
      status: "queued",
      to: "+15557654321",
      from: "+15550001111",
      body: "Your order shipped",
      errorCode: null,
      accountSid: ACCOUNT_SID,
    });
    expect(fakes.twilio.messages).toHaveLength(1);
    expect(fakes.twilio.messages[0]).toMatchObject({
      sid: sent.sid,
      accountSid: ACCOUNT_SID,
      to: "+15557654321",
      from: "+15550001111",
      body: "Your order shipped",
      messagingServiceSid: null,
      mediaUrls: [],
      auth: { username: ACCOUNT_SID, password: AUTH_TOKEN },
      fields: { To: "+15557654321", From: "+15550001111", Body: "Your order shipped" },
    });
    const fetched = await client().messages(sent.sid).fetch();
    expect(fetched.sid).toBe(sent.sid);
    expect(fetched.status).toBe("queued");
  });

  it("captures WhatsApp media, status callback and a content template", async () => {
    const statusCallback = "http://127.0.0.1:9/twilio/status?shop=a.myshopify.com";
    const variables = { "1": "Ada", "2": "#1001" };
    await client().messages.create({
      to: "whatsapp:+15551234567",
      messagingServiceSid: `MG${"2".repeat(32)}`,
      statusCallback,
      mediaUrl: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"],
      contentSid: `HX${"3".repeat(32)}`,
      contentVariables: JSON.stringify(variables),
    });
    const [m] = fakes.twilio.messages;
    expect(m).toMatchObject({
      to: "whatsapp:+15551234567",
      from: null,
      messagingServiceSid: `MG${"2".repeat(32)}`,
      statusCallback,
      mediaUrls: ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"],
      contentSid: `HX${"3".repeat(32)}`,
      body: null,
    });
    expect(JSON.parse(m.contentVariables!)).toEqual(variables);
    expect(m.fields.MediaUrl).toEqual(["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg"]);
  });

  it("surfaces Twilio errors as the SDK's RestException", async () => {
    const invalid = await client()
      .messages.create({ to: "12", from: "+15550001111", body: "x" })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(twilio.RestException);
    expect(invalid).toMatchObject({ code: 21211, status: 400, moreInfo: "https://www.twilio.com/docs/errors/21211" });

    fakes.twilio.failNext(20429);
    const limited = await client()
      .messages.create({ to: "+15557654321", from: "+15550001111", body: "x" })
      .catch((e: unknown) => e);
    expect(limited).toMatchObject({ code: 20429, status: 429 });

    fakes.twilio.failWhen((d) => (d.to === "+15550000000" ? { status: 400, code: 21610 } : null));
    await expect(
      client().messages.create({ to: "+15550000000", from: "+15550001111", body: "x" }),
    ).rejects.toMatchObject({ code: 21610, status: 400 });
    expect(fakes.twilio.messages).toHaveLength(0);
    expect(fakes.twilio.rejected.map((r) => r.failure.code)).toEqual([21211, 20429, 21610]);
  });

  it("enforces credentials when configured", async () => {
    const wrong = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: "nope", baseUrl: fakes.twilio.url });
    await expect(wrong.messages.create({ to: "+15557654321", from: "+15550001111", body: "x" })).rejects.toMatchObject({
      code: 20003,
      status: 401,
    });
    const noAuth = await fetch(`${fakes.twilio.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`, {
      method: "POST",
    });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ code: 20003, status: 401 });
  });

  it("honours TWILIO_API_BASE_URL when no baseUrl is given", async () => {
    const { resetConfigCache } = await import("../../app/config.server");
    process.env.TWILIO_API_BASE_URL = fakes.twilio.url;
    resetConfigCache();
    try {
      const c = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
      await c.messages.create({ to: "+15557654321", from: "+15550001111", body: "env" });
      expect(fakes.twilio.messages.map((m) => m.body)).toEqual(["env"]);
    } finally {
      delete process.env.TWILIO_API_BASE_URL;
      resetConfigCache();
    }
  });

  it("sends status callbacks signed exactly as Twilio does", async () => {
    const app = await receiver();
    try {
      const callbackUrl = `${app.url}/webhooks/twilio/status?shop=a.myshopify.com`;
      const sent = await client().messages.create({
        to: "+15557654321",
        from: "+15550001111",
        body: "hi",
        statusCallback: callbackUrl,
      });
      const record = await fakes.twilio.sendStatusCallback(sent.sid, "undelivered", { errorCode: 30003 });
      expect(record.responseStatus).toBe(204);
      const [hit] = app.received;
      expect(hit.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      const params = Object.fromEntries(new URLSearchParams(hit.body));
      expect(params).toMatchObject({
        MessageSid: sent.sid,
        MessageStatus: "undelivered",
        ErrorCode: "30003",
        AccountSid: ACCOUNT_SID,
      });
      const signature = hit.headers["x-twilio-signature"] as string;
      expect(twilio.validateRequest(AUTH_TOKEN, signature, callbackUrl, params)).toBe(true);
      expect(twilio.validateRequest("other-token", signature, callbackUrl, params)).toBe(false);
      expect(
        twilio.validateRequest(AUTH_TOKEN, signature, callbackUrl, { ...params, MessageStatus: "delivered" }),
      ).toBe(false);
      expect((await client().messages(sent.sid).fetch()).status).toBe("undelivered");
    } finally {
      await app.close();
    }
  });

  it("can walk queued→sent→delivered on its own", async () => {
    const app = await receiver();
    const auto = await startFakeTwilio({ autoStatusCallbacks: true });
    try {
      const c = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: "any-token", baseUrl: auto.url });
      await c.messages.create({ to: "+15557654321", from: "+15550001111", body: "hi", statusCallback: `${app.url}/s` });
      await auto.settled();
      const statuses = app.received.map((r) => new URLSearchParams(r.body).get("MessageStatus"));
      expect(statuses).toEqual(["queued", "sent", "delivered"]);
      for (const r of app.received) {
        const ok = twilio.validateRequest(
          "any-token",
          r.headers["x-twilio-signature"] as string,
          `${app.url}/s`,
          Object.fromEntries(new URLSearchParams(r.body)),
        );
        expect(ok).toBe(true);
      }
    } finally {
      await auto.close();
      await app.close();
    }
  });
});

describe("SendGrid fake via @sendgrid/mail", () => {
  it("captures the exact JSON and answers 202 with X-Message-Id", async () => {
    const mail = createSendGridMailClient({ apiKey: "SG.fake-key", baseUrl: fakes.sendgrid.url });
    const [response] = await mail.send({
      to: "ada@example.com",
      from: { email: "shop@example.com", name: "Shop" },
      replyTo: "support@example.com",
      subject: "Your order shipped",
      text: "plain",
      html: "<p>html</p>",
      customArgs: { threadline_message_id: "msg_1", shop: "a.myshopify.com" },
      headers: { "List-Unsubscribe": "<https://x.example/u/1>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    expect(response.statusCode).toBe(202);
    const [captured] = fakes.sendgrid.mails;
    expect(response.headers["x-message-id"]).toBe(captured.messageId);
    expect(captured.apiKey).toBe("SG.fake-key");
    expect(captured.body).toEqual({
      personalizations: [{ to: [{ email: "ada@example.com" }] }],
      from: { email: "shop@example.com", name: "Shop" },
      reply_to: { email: "support@example.com" },
      subject: "Your order shipped",
      content: [
        { type: "text/plain", value: "plain" },
        { type: "text/html", value: "<p>html</p>" },
      ],
      custom_args: { threadline_message_id: "msg_1", shop: "a.myshopify.com" },
      headers: { "List-Unsubscribe": "<https://x.example/u/1>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
  });

  it("answers SendGrid-shaped errors", async () => {
    const mail = createSendGridMailClient({ apiKey: "SG.fake-key", baseUrl: fakes.sendgrid.url });
    const missing = await mail
      .send({ to: "ada@example.com", from: "shop@example.com", text: "no subject" })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 400, message: "Bad Request" });
    const { code, response } = missing as ResponseError;
    expect(code).toBe(400);
    expect((response.body as unknown as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ field: "subject", message: expect.any(String), help: expect.any(String) }),
    ]);

    fakes.sendgrid.failNext(429);
    await expect(
      mail.send({ to: "a@example.com", from: "s@example.com", subject: "s", text: "t" }),
    ).rejects.toMatchObject({ code: 429 });

    const unauthenticated = await fetch(`${fakes.sendgrid.url}/v3/mail/send`, { method: "POST", body: "{}" });
    expect(unauthenticated.status).toBe(401);
    const badJson = await fetch(`${fakes.sendgrid.url}/v3/mail/send`, {
      method: "POST",
      headers: { Authorization: "Bearer SG.x" },
      body: "{nope",
    });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).errors[0]).toHaveProperty("message");
  });

  it("honours SENDGRID_API_BASE_URL when no baseUrl is given", async () => {
    const { resetConfigCache } = await import("../../app/config.server");
    process.env.SENDGRID_API_BASE_URL = fakes.sendgrid.url;
    resetConfigCache();
    try {
      await createSendGridMailClient({ apiKey: "SG.env" }).send({
        to: "a@example.com",
        from: "s@example.com",
        subject: "s",
        text: "t",
      });
      expect(fakes.sendgrid.mails.map((m) => m.apiKey)).toEqual(["SG.env"]);
    } finally {
      delete process.env.SENDGRID_API_BASE_URL;
      resetConfigCache();
    }
  });

  it("signs Event Webhook deliveries that @sendgrid/eventwebhook accepts", () => {
    const { publicKey, privateKey } = generateEventWebhookKeyPair();
    expect(publicKey).toMatch(/^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE[A-Za-z0-9+/]+=*$/);
    const events = [
      {
        email: "ada@example.com",
        event: "delivered",
        sg_message_id: "abc.filterdrecv-1",
        timestamp: 1764192000,
        threadline_message_id: "msg_1",
      },
    ];
    const { body, headers } = signedEventWebhook(events, privateKey);
    const ew = new EventWebhook();
    const key = ew.convertPublicKeyToECDSA(publicKey);
    const signature = headers["X-Twilio-Email-Event-Webhook-Signature"];
    const timestamp = headers["X-Twilio-Email-Event-Webhook-Timestamp"];
    expect(ew.verifySignature(key, body, signature, timestamp)).toBe(true);
    expect(ew.verifySignature(key, Buffer.from(body), signature, timestamp)).toBe(true);
    expect(ew.verifySignature(key, body.replace("delivered", "bounce"), signature, timestamp)).toBe(false);
    expect(ew.verifySignature(key, body, signature, String(Number(timestamp) + 1))).toBe(false);
  });
});

describe("Meta Graph fake", () => {
  it("captures a Send API call and answers like Graph", async () => {
    const body = {
      recipient: { id: "PSID-1" },
      messaging_type: "MESSAGE_TAG",
      tag: "HUMAN_AGENT",
      message: { text: "Hello" },
    };
    const res = await fetch(`${fakes.meta.url}/v21.0/PAGE-1/messages?access_token=PAGE-TOKEN`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toEqual({ recipient_id: "PSID-1", message_id: expect.stringMatching(/^m_/) });
    expect(fakes.meta.messages).toEqual([
      {
        version: "v21.0",
        pageId: "PAGE-1",
        accessToken: "PAGE-TOKEN",
        body,
        messageId: answer.message_id,
        receivedAt: expect.any(Date),
      },
    ]);
  });

  it("answers Graph-style errors", async () => {
    fakes.meta.failNext({
      code: 10,
      error_subcode: 2018278,
      message: "(#10) This message is sent outside of allowed window.",
    });
    const res = await fetch(`${fakes.meta.url}/v21.0/PAGE-1/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer PAGE-TOKEN" },
      body: JSON.stringify({ recipient: { id: "PSID-1" }, messaging_type: "RESPONSE", message: { text: "late" } }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({
      message: "(#10) This message is sent outside of allowed window.",
      type: "OAuthException",
      code: 10,
      error_subcode: 2018278,
      fbtrace_id: expect.any(String),
    });
    const noToken = await fetch(`${fakes.meta.url}/v21.0/PAGE-1/messages`, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    expect(noToken.status).toBe(400);
    expect(fakes.meta.messages).toHaveLength(0);
  });

  it("checks appsecret_proof and accepts form-encoded sends", async () => {
    const meta = await startFakeMetaGraph({ appSecret: "app-secret" });
    try {
      const proof = createHmac("sha256", "app-secret").update("PAGE-TOKEN").digest("hex");
      const send = (p: string) =>
        fetch(`${meta.url}/v21.0/me/messages?access_token=PAGE-TOKEN&appsecret_proof=${p}`, {
          method: "POST",
          body: new URLSearchParams({ recipient: '{"id":"PSID-2"}', message: '{"text":"form"}' }),
        });
      expect((await send("0".repeat(64))).status).toBe(400);
      expect((await send(proof)).status).toBe(200);
      expect(meta.messages[0].body).toEqual({ recipient: { id: "PSID-2" }, message: { text: "form" } });
    } finally {
      await meta.close();
    }
  });

  it("signs webhooks with the app secret like Meta", () => {
    const payload = {
      object: "page",
      entry: [
        {
          messaging: [
            {
              sender: { id: "PSID-1" },
              recipient: { id: "PAGE-1" },
              timestamp: 1,
              message: { mid: "m_1", text: "hé" },
            },
          ],
        },
      ],
    };
    const { body, headers } = signedMetaWebhook(payload, "app-secret");
    expect(body).toBe(JSON.stringify(payload));
    expect(headers["X-Hub-Signature-256"]).toBe(
      `sha256=${createHmac("sha256", "app-secret").update(Buffer.from(body, "utf8")).digest("hex")}`,
    );
  });
});
