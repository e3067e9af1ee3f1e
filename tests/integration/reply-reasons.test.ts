// Why a reply channel is unavailable, in words, wherever staff pick a channel: each reason code is
// produced by replyOptionsFor (the inbox composer's loader and the admin block both call it) from
// real rows, and its words come from the one mapping in reply-reasons.ts.
import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { saveConnection } from "../../app/channels/credentials.server";
import { replyOptionsFor, type ReplyOption } from "../../app/conversations/staff-reply.server";
import { REPLY_REASONS, replyReasonText, type ReplyReason } from "../../app/conversations/reply-reasons";
import { threadFor } from "../../app/extension-api/thread.server";
import { db } from "../../app/db/client.server";
import type { Channel, IdentityKind } from "../../app/generated/prisma/enums";

const HOUR = 3600_000;
const seen = new Set<ReplyReason>();
let shopSeq = 0;
let phoneSeq = 0;

async function shopWith(connections: {
  twilio?: "full" | "sms-only";
  sendgrid?: boolean;
  meta?: "full" | "page-only";
}) {
  const shop = await db().shop.create({ data: { domain: `reasons-${shopSeq++}.myshopify.com`, name: "Reasons" } });
  if (connections.twilio) {
    await saveConnection(shop.id, "TWILIO", {
      accountSid: `AC${"2".repeat(32)}`,
      authToken: "token",
      fromNumber: "+12025550143",
      ...(connections.twilio === "full" ? { whatsappFrom: "+16505551234" } : {}),
    });
  }
  if (connections.sendgrid) {
    await saveConnection(shop.id, "SENDGRID", { apiKey: "SG.key", fromEmail: "hello@shop.example.com" });
  }
  if (connections.meta) {
    await saveConnection(shop.id, "META", {
      pageId: "104000000000001",
      pageAccessToken: "page-token",
      appSecret: "app-secret",
      verifyToken: "verify",
      ...(connections.meta === "full" ? { instagramAccountId: "17841400000000001" } : {}),
    });
  }
  return shop.id;
}

/** A customer reachable everywhere, who wrote on the given channels `hoursAgo` ago. */
async function customerOf(shopId: string, wrote: Partial<Record<Channel, number>>) {
  const n = randomUUID().slice(0, 8);
  const customer = await db().customer.create({
    data: { shopId, firstName: "Ada", phone: `+1415555${1000 + phoneSeq++}`, email: `ada-${n}@example.com` },
  });
  const identities: Array<[IdentityKind, string]> = [
    ["PHONE", customer.phone!],
    ["EMAIL", customer.email!],
    ["INSTAGRAM", `ig-${n}`],
    ["MESSENGER", `psid-${n}`],
  ];
  await db().customerIdentity.createMany({
    data: identities.map(([kind, value]) => ({ shopId, customerId: customer.id, kind, value })),
  });
  const conversation = await db().conversation.create({
    data: {
      shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      replyToken: randomUUID(),
      status: "OPEN",
    },
  });
  for (const [channel, hoursAgo] of Object.entries(wrote) as Array<[Channel, number]>) {
    await db().message.create({
      data: {
        shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "INBOUND",
        channel,
        author: "CUSTOMER",
        body: "Hello?",
        deliveryStatus: "RECEIVED",
        idempotencyKey: `in:${randomUUID()}`,
        createdAt: new Date(Date.now() - hoursAgo * HOUR),
      },
    });
  }
  return customer.id;
}

async function optionsOf(shopId: string, customerId: string) {
  const { options } = await replyOptionsFor(shopId, customerId, { lastInboundChannel: null });
  const by = new Map(options.map((o) => [o.channel, o]));
  for (const o of options) if (o.reason) seen.add(o.reason);
  return (channel: Channel) => by.get(channel as ReplyOption["channel"])!;
}

function expectReason(option: ReplyOption, reason: ReplyReason, allowed = false) {
  expect({ channel: option.channel, reason: option.reason, allowed: option.allowed }).toEqual({
    channel: option.channel,
    reason,
    allowed,
  });
  expect(option.explanation).toBe(replyReasonText(option.channel, reason));
}

afterAll(() => {
  // Every reason the mapping knows is produced by the domain function somewhere above.
  expect([...seen].sort()).toEqual([...REPLY_REASONS].sort());
});

describe("why a reply channel is unavailable", () => {
  it("GIVEN a shop with no connections WHEN staff pick a channel THEN each provider channel says it is not connected and which provider to connect", async () => {
    const shopId = await shopWith({});
    const customerId = await customerOf(shopId, { INSTAGRAM: 1, MESSENGER: 1, SMS: 1 });

    const option = await optionsOf(shopId, customerId);

    for (const channel of ["SMS", "WHATSAPP", "EMAIL", "MESSENGER", "INSTAGRAM"] as const) {
      expectReason(option(channel), "NOT_CONNECTED");
    }
    expect(option("INSTAGRAM").explanation).toBe("Instagram is not connected: connect Meta in Channels");
    expect(option("SMS").explanation).toBe("SMS is not connected: connect Twilio in Channels");
    expect(option("EMAIL").explanation).toBe("Email is not connected: connect SendGrid in Channels");
    expectReason(option("CHAT"), "NO_ADDRESS");
    expect(option("CHAT").explanation).toBe("Chat: this customer has not chatted with you from the storefront");
  });

  it("GIVEN Twilio without a WhatsApp sender and Meta without an Instagram account WHEN staff pick a channel THEN those two say what to add", async () => {
    const shopId = await shopWith({ twilio: "sms-only", sendgrid: true, meta: "page-only" });
    const customerId = await customerOf(shopId, { INSTAGRAM: 1, MESSENGER: 1, WHATSAPP: 1 });

    const option = await optionsOf(shopId, customerId);

    expectReason(option("WHATSAPP"), "NO_SENDER");
    expect(option("WHATSAPP").explanation).toBe(
      "WhatsApp is not connected: add a WhatsApp sender to Twilio in Channels",
    );
    expectReason(option("INSTAGRAM"), "NO_SENDER");
    expect(option("INSTAGRAM").explanation).toBe(
      "Instagram is not connected: add the Instagram account id to Meta in Channels",
    );
    expect(option("MESSENGER")).toMatchObject({ allowed: true, reason: null, explanation: null });
    expect(option("SMS")).toMatchObject({ allowed: true, reason: null, explanation: null });
  });

  it("GIVEN a switched-off Meta connection and unreadable SendGrid credentials WHEN staff pick a channel THEN each says so", async () => {
    const shopId = await shopWith({ twilio: "full", sendgrid: true, meta: "full" });
    await db().channelConnection.updateMany({ where: { shopId, provider: "META" }, data: { status: "DISABLED" } });
    await db().channelConnection.updateMany({
      where: { shopId, provider: "SENDGRID" },
      data: { secretsCiphertext: "not-a-ciphertext" },
    });
    const customerId = await customerOf(shopId, { INSTAGRAM: 1, MESSENGER: 1 });

    const option = await optionsOf(shopId, customerId);

    expectReason(option("MESSENGER"), "CONNECTION_DISABLED");
    expectReason(option("INSTAGRAM"), "CONNECTION_DISABLED");
    expect(option("MESSENGER").explanation).toBe(
      "Messenger is not available: the Meta connection is switched off in Channels",
    );
    expectReason(option("EMAIL"), "CONNECTION_UNREADABLE");
  });

  it("GIVEN a customer who opted out of SMS WHEN staff pick a channel THEN SMS says so and email still works", async () => {
    const shopId = await shopWith({ twilio: "full", sendgrid: true });
    const customerId = await customerOf(shopId, { SMS: 1 });
    await db().consent.create({
      data: {
        shopId,
        customerId,
        channel: "SMS",
        purpose: "TRANSACTIONAL",
        state: "REVOKED",
        source: "KEYWORD",
        occurredAt: new Date(),
      },
    });

    const option = await optionsOf(shopId, customerId);

    expectReason(option("SMS"), "OPTED_OUT");
    expect(option("SMS").explanation).toBe("SMS: the customer opted out of all SMS messages");
    expect(option("EMAIL")).toMatchObject({ allowed: true, reason: null });
  });

  it("GIVEN an erased customer WHEN staff pick a channel THEN every channel says the data was erased", async () => {
    const shopId = await shopWith({ twilio: "full", sendgrid: true, meta: "full" });
    const customerId = await customerOf(shopId, { SMS: 1 });
    await db().customer.update({ where: { id: customerId }, data: { redactedAt: new Date() } });

    const option = await optionsOf(shopId, customerId);

    for (const channel of ["SMS", "WHATSAPP", "EMAIL", "MESSENGER", "INSTAGRAM", "CHAT"] as const) {
      expectReason(option(channel), "REDACTED");
    }
  });

  it("GIVEN customers who wrote long ago or never WHEN staff pick a Meta or WhatsApp channel THEN the window is explained in Meta's and WhatsApp's terms", async () => {
    const shopId = await shopWith({ twilio: "full", sendgrid: true, meta: "full" });
    const customerId = await customerOf(shopId, { MESSENGER: 8 * 24, INSTAGRAM: 30, WHATSAPP: 25 });

    const option = await optionsOf(shopId, customerId);

    expectReason(option("MESSENGER"), "WINDOW_CLOSED");
    expect(option("MESSENGER").explanation).toBe(
      "Messenger: last message from the customer was more than 7 days ago (Meta allows replies for 24 hours; 7 days with the human-agent tag)",
    );
    expectReason(option("INSTAGRAM"), "HUMAN_AGENT_TAG", true);
    expect(option("INSTAGRAM").metaTag).toBe("HUMAN_AGENT");
    expect(option("INSTAGRAM").explanation).toMatch(
      /^Instagram: last message from the customer was more than 24 hours ago \(Meta allows replies for 24 hours; 7 days with the human-agent tag\)/,
    );
    expectReason(option("WHATSAPP"), "WINDOW_CLOSED");

    const silent = await customerOf(shopId, {});
    const fresh = await optionsOf(shopId, silent);
    expectReason(fresh("MESSENGER"), "NEVER_WROTE");
    expectReason(fresh("WHATSAPP"), "NEVER_WROTE");
  });

  it("GIVEN Meta not connected WHEN the admin block loads the customer's thread THEN its reply options carry the same reason and words", async () => {
    const shopId = await shopWith({ twilio: "full" });
    const customerId = await customerOf(shopId, { INSTAGRAM: 1 });

    const thread = await threadFor(shopId, customerId);

    const instagram = thread.reply!.options.find((o) => o.channel === "INSTAGRAM")!;
    expect(instagram).toMatchObject({
      allowed: false,
      reason: "NOT_CONNECTED",
      explanation: "Instagram is not connected: connect Meta in Channels",
    });
  });
});
