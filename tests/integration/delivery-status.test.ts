// Provider delivery reports through our signed webhook routes: Twilio status callbacks and the
// SendGrid Event Webhook move messages forward only, and bad signatures change nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { sendMessage } from "../../app/messages/send-message.server";
import { eventForMail, generateEventWebhookKeyPair, signedEventWebhook } from "../fakes";
import { createCustomer, eventKeys, postTwilioSigned, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let customerId: string;
let n = 0;

beforeAll(async () => {
  env = await startSendingEnv();
  customerId = (await createCustomer(env.shopId)).id;
});
afterAll(async () => env?.close());
beforeEach(() => env.fakes.reset());

async function sentMessage(channel: "SMS" | "EMAIL") {
  const { messageId } = await claimOutboundMessage({
    shopId: env.shopId,
    customerId,
    channel,
    toAddress: channel === "SMS" ? "+14155550123" : "ada@example.com",
    subject: channel === "EMAIL" ? "Hello" : null,
    body: "Hello there",
    author: "FLOW",
    idempotencyKey: `status-test:${n++}`,
    metadata: { purpose: "MARKETING" },
  });
  await sendMessage(messageId);
  return messageId;
}

const status = (id: string) => db().message.findUniqueOrThrow({ where: { id }, include: { timelineEvent: true } });

describe("Twilio status callbacks", () => {
  it("move queued → sent → delivered, never backwards, and repeats change nothing", async () => {
    const id = await sentMessage("SMS");
    const sid = env.fakes.twilio.messages[0].sid;
    for (const s of ["queued", "sent", "delivered"] as const) {
      const record = await env.fakes.twilio.sendStatusCallback(sid, s);
      expect(record.responseStatus).toBe(200);
    }
    let m = await status(id);
    expect(m.deliveryStatus).toBe("DELIVERED");
    expect(m.deliveredAt).toBeInstanceOf(Date);
    expect((m.timelineEvent?.data as { deliveryStatus: string }).deliveryStatus).toBe("DELIVERED");
    // Late and repeated callbacks.
    expect((await env.fakes.twilio.sendStatusCallback(sid, "sent")).responseStatus).toBe(200);
    expect((await env.fakes.twilio.sendStatusCallback(sid, "delivered")).responseStatus).toBe(200);
    m = await status(id);
    expect(m.deliveryStatus).toBe("DELIVERED");
  });

  it("records a carrier failure with its reason", async () => {
    const id = await sentMessage("SMS");
    const sid = env.fakes.twilio.messages[0].sid;
    await env.fakes.twilio.sendStatusCallback(sid, "undelivered", { errorCode: 30005 });
    const m = await status(id);
    expect(m).toMatchObject({ deliveryStatus: "UNDELIVERED", errorCode: "30005" });
    expect(m.errorMessage).toBe("The number does not exist or is no longer in service.");
  });

  it("rejects an invalid signature with 403 and changes nothing", async () => {
    const id = await sentMessage("SMS");
    const sid = env.fakes.twilio.messages[0].sid;
    const url = `${env.appUrl}/webhooks/twilio/status/${env.twilioToken}?threadline_message_id=${id}`;
    const params = { MessageSid: sid, MessageStatus: "delivered", AccountSid: "AC1" };
    const res = await postTwilioSigned(url, params, "wrong-auth-token");
    expect(res.status).toBe(403);
    const unsigned = await fetch(url, { method: "POST", body: new URLSearchParams(params) });
    expect(unsigned.status).toBe(403);
    expect((await status(id)).deliveryStatus).toBe("QUEUED");
  });

  it("answers 404 for an unknown token", async () => {
    const url = `${env.appUrl}/webhooks/twilio/status/not-a-token`;
    const res = await postTwilioSigned(url, { MessageSid: "SMx", MessageStatus: "delivered" });
    expect(res.status).toBe(404);
  });

  it("matches by provider id when our message id is missing", async () => {
    const id = await sentMessage("SMS");
    const sid = env.fakes.twilio.messages[0].sid;
    const url = `${env.appUrl}/webhooks/twilio/status/${env.twilioToken}`;
    const res = await postTwilioSigned(url, { MessageSid: sid, MessageStatus: "sent" });
    expect(res.status).toBe(200);
    expect((await status(id)).deliveryStatus).toBe("SENT");
  });
});

describe("SendGrid Event Webhook", () => {
  const url = () => `${env.appUrl}/webhooks/sendgrid/events/${env.sendgridToken}`;
  const post = (signed: { body: string; headers: Record<string, string> }) =>
    fetch(url(), { method: "POST", headers: signed.headers, body: signed.body });

  it("moves the status with delivered, open and click, in any order", async () => {
    const id = await sentMessage("EMAIL");
    const mail = env.fakes.sendgrid.mails[0];
    const click = signedEventWebhook(
      [eventForMail(mail, "click", { url: "https://shop.example.com" })],
      eventKeys.privateKey,
    );
    const early = signedEventWebhook(
      [eventForMail(mail, "delivered"), eventForMail(mail, "open")],
      eventKeys.privateKey,
    );
    expect((await post(early)).status).toBe(200);
    let m = await status(id);
    expect(m.deliveryStatus).toBe("OPENED");
    expect(m.deliveredAt).toBeInstanceOf(Date);
    expect((await post(click)).status).toBe(200);
    expect((await status(id)).deliveryStatus).toBe("CLICKED");
    // A late "delivered" does not move it back.
    expect((await post(signedEventWebhook([eventForMail(mail, "delivered")], eventKeys.privateKey))).status).toBe(200);
    m = await status(id);
    expect(m.deliveryStatus).toBe("CLICKED");
    expect((m.timelineEvent?.data as { deliveryStatus: string }).deliveryStatus).toBe("CLICKED");
  });

  it("rejects an invalid signature with 403 and changes nothing", async () => {
    const id = await sentMessage("EMAIL");
    const mail = env.fakes.sendgrid.mails[0];
    const otherKeys = generateEventWebhookKeyPair();
    expect((await post(signedEventWebhook([eventForMail(mail, "delivered")], otherKeys.privateKey))).status).toBe(403);
    const tampered = signedEventWebhook([eventForMail(mail, "delivered")], eventKeys.privateKey);
    tampered.body = tampered.body.replace("delivered", "open");
    expect((await post(tampered)).status).toBe(403);
    expect((await status(id)).deliveryStatus).toBe("QUEUED");
  });

  it.each([
    ["a year old", String(Math.floor(Date.now() / 1000) - 365 * 24 * 3600)],
    ["eleven minutes old", String(Math.floor(Date.now() / 1000) - 11 * 60)],
    ["in 2286", "9999999999"],
  ])(
    "GIVEN a correctly signed delivery dated %s WHEN posted THEN 403 and the message does not move",
    async (_label, timestamp) => {
      const id = await sentMessage("EMAIL");
      const mail = env.fakes.sendgrid.mails[0];
      const replay = signedEventWebhook([eventForMail(mail, "delivered")], eventKeys.privateKey, timestamp);
      expect((await post(replay)).status).toBe(403);
      expect((await status(id)).deliveryStatus).toBe("QUEUED");
      // The same events signed now are accepted: only the date was wrong.
      expect((await post(signedEventWebhook([eventForMail(mail, "delivered")], eventKeys.privateKey))).status).toBe(
        200,
      );
      expect((await status(id)).deliveryStatus).toBe("DELIVERED");
    },
  );

  it("GIVEN a delivery signed nine minutes ago (clock skew, retries) WHEN posted THEN it is accepted", async () => {
    const id = await sentMessage("EMAIL");
    const mail = env.fakes.sendgrid.mails[0];
    const nineMinutesAgo = String(Math.floor(Date.now() / 1000) - 9 * 60);
    const signed = signedEventWebhook([eventForMail(mail, "delivered")], eventKeys.privateKey, nineMinutesAgo);
    expect((await post(signed)).status).toBe(200);
    expect((await status(id)).deliveryStatus).toBe("DELIVERED");
  });

  it("revokes email marketing on an unsubscribe event, once", async () => {
    const other = await createCustomer(env.shopId, { phone: "+14155550177", email: "unsub@example.com" });
    const { messageId } = await claimOutboundMessage({
      shopId: env.shopId,
      customerId: other.id,
      channel: "EMAIL",
      toAddress: "unsub@example.com",
      subject: "Sale",
      body: "Sale!",
      author: "FLOW",
      idempotencyKey: `status-test:${n++}`,
    });
    await sendMessage(messageId);
    const mail = env.fakes.sendgrid.mails[0];
    const signed = signedEventWebhook([eventForMail(mail, "unsubscribe")], eventKeys.privateKey);
    expect((await post(signed)).status).toBe(200);
    expect((await post(signed)).status).toBe(200);
    const consent = await db().consent.findUniqueOrThrow({
      where: { customerId_channel_purpose: { customerId: other.id, channel: "EMAIL", purpose: "MARKETING" } },
    });
    expect(consent.state).toBe("REVOKED");
    expect(await db().timelineEvent.count({ where: { customerId: other.id, type: "CONSENT_CHANGED" } })).toBe(1);
  });

  it("answers 400 for a body that is not an event array, and 404 for an unknown token", async () => {
    expect((await post(signedEventWebhook("{}", eventKeys.privateKey))).status).toBe(400);
    const res = await fetch(`${env.appUrl}/webhooks/sendgrid/events/nope`, { method: "POST", body: "[]" });
    expect(res.status).toBe(404);
  });
});
