// Twilio inbound SMS and WhatsApp on the real route, signed as Twilio signs them:
// valid (stored once, with media and the WhatsApp profile name), invalid, replayed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { inboundSms, postTwilioSigned, startSendingEnv, WHATSAPP_FROM, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
beforeAll(async () => {
  env = await startSendingEnv();
});
afterAll(async () => {
  await env?.close();
});

const inboundUrl = () => `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`;

describe("Twilio inbound messages", () => {
  it("GIVEN a signed WhatsApp message with a photo WHEN posted THEN it is stored once with its media and the sender's profile name", async () => {
    const mediaUrl = "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1";
    const params = inboundSms("whatsapp:+447700900123", "Is this jacket waterproof?", {
      To: `whatsapp:${WHATSAPP_FROM}`,
      NumMedia: "1",
      MediaUrl0: mediaUrl,
      MediaContentType0: "image/jpeg",
      ProfileName: "Grace Hopper",
      WaId: "447700900123",
    });
    const first = await postTwilioSigned(inboundUrl(), params);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("<Response");
    const replay = await postTwilioSigned(inboundUrl(), params);
    expect(replay.status).toBe(200);

    const messages = await db().message.findMany({
      where: { shopId: env.shopId, providerMessageId: params.MessageSid },
    });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      direction: "INBOUND",
      channel: "WHATSAPP",
      author: "CUSTOMER",
      authorName: "Grace Hopper",
      body: "Is this jacket waterproof?",
      mediaUrls: [mediaUrl],
      deliveryStatus: "RECEIVED",
    });
    const identity = await db().customerIdentity.findFirst({
      where: { shopId: env.shopId, customerId: messages[0].customerId, kind: "WHATSAPP" },
    });
    expect(identity?.value).toBe("+447700900123");
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: messages[0].conversationId } });
    expect(conversation).toMatchObject({ status: "OPEN", lastInboundChannel: "WHATSAPP", unreadCount: 1 });
  });

  it("GIVEN a message signed with the wrong auth token WHEN posted THEN it answers 403 and stores nothing", async () => {
    const params = inboundSms("+14155550999", "hello");
    const response = await postTwilioSigned(inboundUrl(), params, "not-the-auth-token");
    expect(response.status).toBe(403);
    expect(await db().message.count({ where: { providerMessageId: params.MessageSid } })).toBe(0);
  });

  it("GIVEN an unknown connection token WHEN posted THEN it answers 404", async () => {
    const params = inboundSms("+14155550999", "hello");
    const response = await postTwilioSigned(`${env.appUrl}/webhooks/twilio/inbound/unknown-token`, params);
    expect(response.status).toBe(404);
  });
});
