// The demo seeders survive any state the app itself can produce (issue 10,
// robustness): after a seeded customer is redacted through the real compliance
// path and two others are merged, seeding again fails on nothing and adds no
// second thread for any channel.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { mergeCustomers } from "../../app/customers/merge/merge.server";
import type { Channel } from "../../app/generated/prisma/client";
import { seedDemoConversations } from "../../scripts/demo/seed-conversations";
import { seedDemoChannels } from "../../scripts/demo/seed-channels";
import { seedDemoKnowledge } from "../../scripts/demo/seed-knowledge";
import { createShop } from "../support/factories";
import { deliverAndProcess, webhookFixture } from "../support/shopify-webhook";
import { createCustomer } from "./sending-helpers";

const CHANNELS: Channel[] = ["SMS", "WHATSAPP", "EMAIL", "CHAT", "INSTAGRAM", "MESSENGER"];
const DEMO_MESSAGES = 9;
let shopId: string;

function customerPayload(n: number) {
  return {
    ...webhookFixture("customers/create"),
    id: 7300000000000 + n,
    admin_graphql_api_id: `gid://shopify/Customer/${7300000000000 + n}`,
    email: `shopper${n}@example.com`,
    phone: `+1613555020${n}`,
    first_name: `Shopper${n}`,
    last_name: "Demo",
    addresses: [],
    default_address: null,
  };
}

/** Which customer holds each channel's demo thread, and how many conversations hold it. */
async function demoThreads() {
  const messages = await db().message.findMany({
    where: { shopId, idempotencyKey: { startsWith: "demo:" } },
    select: { channel: true, conversationId: true, customerId: true },
  });
  const byChannel = new Map<Channel, { conversations: Set<string>; customerIds: Set<string> }>();
  for (const m of messages) {
    const entry = byChannel.get(m.channel) ?? { conversations: new Set(), customerIds: new Set() };
    entry.conversations.add(m.conversationId);
    entry.customerIds.add(m.customerId);
    byChannel.set(m.channel, entry);
  }
  return { messages: messages.length, byChannel };
}

beforeAll(async () => {
  shopId = (await createShop()).id;
  for (let n = 1; n <= 5; n++) await deliverAndProcess("customers/create", customerPayload(n));
  // Customers known only from a message (no Shopify id) come after Shopify's own.
  await createCustomer(shopId, { phone: "+16135550208", email: "visitor8@example.com", firstName: "Visitor8" });
  await createCustomer(shopId, { phone: "+16135550209", email: "visitor9@example.com", firstName: "Visitor9" });
});

describe("demo seeding", () => {
  it("GIVEN a seeded demo shop WHEN a seeded customer is redacted, two are merged and the seeders run again THEN nothing fails and every channel still has exactly one demo thread", async () => {
    expect(await seedDemoConversations(shopId)).toBe(CHANNELS.length);
    await seedDemoChannels(shopId, "Threadline Demo");
    const first = await demoThreads();
    expect(first.messages).toBe(DEMO_MESSAGES);
    const smsHost = [...first.byChannel.get("SMS")!.customerIds][0];
    const host = await db().customer.findUniqueOrThrow({ where: { id: smsHost } });

    // Redacted through the real compliance path.
    await deliverAndProcess("customers/redact", {
      ...webhookFixture<Record<string, unknown>>("customers/redact"),
      customer: { id: Number(host.shopifyCustomerId), email: host.email, phone: host.phone },
      orders_to_redact: [],
    });
    expect(await db().customer.findUnique({ where: { id: smsHost } })).toBeNull();
    // Staff merge the Messenger thread's customer into the Instagram thread's (both have an open conversation).
    const messengerHost = [...first.byChannel.get("MESSENGER")!.customerIds][0];
    const instagramHost = [...first.byChannel.get("INSTAGRAM")!.customerIds][0];
    await mergeCustomers(shopId, instagramHost, messengerHost, { id: "staff-1", name: "Robin" });

    expect(await seedDemoConversations(shopId)).toBe(CHANNELS.length);
    expect(await seedDemoConversations(shopId)).toBe(CHANNELS.length);
    await seedDemoChannels(shopId, "Threadline Demo");

    const after = await demoThreads();
    expect(after.messages).toBe(DEMO_MESSAGES);
    for (const channel of CHANNELS) {
      expect(after.byChannel.get(channel)?.customerIds.size, channel).toBe(1);
    }
    // The SMS thread was seeded again, on somebody else; the merged one stayed where the merge put it.
    expect([...after.byChannel.get("SMS")!.customerIds][0]).not.toBe(smsHost);
    expect([...after.byChannel.get("MESSENGER")!.customerIds][0]).toBe(instagramHost);
    // Twilio, SendGrid and Meta, once each.
    expect(await db().channelConnection.count({ where: { shopId } })).toBe(3);
  });

  it("GIVEN the demo knowledge was seeded and one article edited WHEN seeding runs again THEN nothing is duplicated and the edit stays", async () => {
    expect(await seedDemoKnowledge(shopId)).toBe(10);
    const article = await db().knowledgeArticle.findFirstOrThrow({ where: { shopId, locale: "es" } });
    await db().knowledgeArticle.update({ where: { id: article.id }, data: { answer: "Editado." } });
    expect(await seedDemoKnowledge(shopId)).toBe(0);
    expect(await db().knowledgeArticle.count({ where: { shopId } })).toBe(10);
    expect((await db().knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } })).answer).toBe("Editado.");
    expect(await db().knowledgeSection.count({ where: { shopId, published: true } })).toBeGreaterThanOrEqual(10);
  });
});
