// Demo conversations on every channel, for customers the backfill imported.
//
// Idempotent by stable keys, whatever the app did to the demo data since the
// last start: one thread per channel, and a thread counts as seeded while any
// message keyed `demo:<CHANNEL>:…` exists in the shop, wherever a merge moved
// it. A thread whose messages are gone (its customer was redacted or deleted) is
// seeded again on another customer. Customers are picked by Shopify id, never
// "the first N by createdAt" (which shifts when one is redacted and re-imported),
// and only among customers that are not merged away and have no open
// conversation, so the one-open-conversation-per-customer rule always holds.
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "../../app/db/client.server";
import type { Channel, IdentityKind, Prisma } from "../../app/generated/prisma/client";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { DEMO_META } from "./seed-channels";

interface DemoThread {
  channel: Channel;
  identity?: {
    kind: IdentityKind;
    value: (c: { email: string | null; phone: string | null; n: number }) => string | null;
  };
  /** The shop's own id the customer wrote to (Meta: the demo page or Instagram account). */
  shopAddress?: string;
  messages: { inbound: boolean; body: string; minutesAgo: number }[];
}

const THREADS: DemoThread[] = [
  {
    channel: "SMS",
    messages: [
      { inbound: true, body: "Hi! Has my order shipped yet?", minutesAgo: 190 },
      { inbound: false, body: "It left our warehouse this morning, tracking is on its way.", minutesAgo: 180 },
    ],
  },
  {
    channel: "WHATSAPP",
    identity: { kind: "WHATSAPP", value: (c) => c.phone },
    messages: [{ inbound: true, body: "Do you have the linen shirt in medium?", minutesAgo: 95 }],
  },
  {
    channel: "EMAIL",
    messages: [
      { inbound: true, body: "Could I swap the size on my last order?", minutesAgo: 600 },
      { inbound: false, body: "Of course — reply with the size and we'll sort it.", minutesAgo: 560 },
    ],
  },
  {
    channel: "CHAT",
    identity: { kind: "CHAT_VISITOR", value: (c) => `visitor-demo-${c.n}` },
    messages: [{ inbound: true, body: "Is shipping free over $50?", minutesAgo: 12 }],
  },
  {
    channel: "INSTAGRAM",
    identity: { kind: "INSTAGRAM", value: (c) => `1784140000000${c.n}` },
    shopAddress: DEMO_META.instagramAccountId,
    messages: [{ inbound: true, body: "Love the new collection! When is the restock?", minutesAgo: 45 }],
  },
  {
    channel: "MESSENGER",
    identity: { kind: "MESSENGER", value: (c) => `2470000000${c.n}` },
    shopAddress: DEMO_META.pageId,
    messages: [
      { inbound: true, body: "<script>alert('hi')</script> is my order #1001 on its way?", minutesAgo: 300 },
      { inbound: false, body: "Yes! It should arrive on Thursday.", minutesAgo: 290 },
    ],
  },
];

async function waitForBackfill(shopId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const run = await db().backfillRun.findFirst({ where: { shopId }, orderBy: { createdAt: "desc" } });
    if (!run || run.status === "COMPLETED" || run.status === "FAILED") return;
    await sleep(250);
  }
}

const threadKey = (channel: Channel) => `demo:${channel}:`;

async function threadSeeded(shopId: string, channel: Channel): Promise<boolean> {
  const message = await db().message.findFirst({
    where: { shopId, idempotencyKey: { startsWith: threadKey(channel) } },
    select: { id: true },
  });
  return message !== null;
}

/** A customer free to host a new open conversation, reachable on the channel when one is. */
async function pickCustomer(shopId: string, channel: Channel) {
  const free: Prisma.CustomerWhereInput = {
    shopId,
    mergedIntoId: null,
    redactedAt: null,
    conversations: { none: { openCustomerId: { not: null } } },
  };
  const reachable: Prisma.CustomerWhereInput =
    channel === "SMS" || channel === "WHATSAPP"
      ? { phone: { not: null } }
      : channel === "EMAIL"
        ? { email: { not: null } }
        : {};
  const orderBy: Prisma.CustomerOrderByWithRelationInput[] = [
    { shopifyCustomerId: { sort: "asc", nulls: "last" } },
    { id: "asc" },
  ];
  return (
    (await db().customer.findFirst({ where: { ...free, ...reachable }, orderBy })) ??
    (await db().customer.findFirst({ where: free, orderBy }))
  );
}

export async function seedDemoConversations(shopId: string): Promise<number> {
  await waitForBackfill(shopId);
  let seeded = 0;
  for (const [n, thread] of THREADS.entries()) {
    if (await threadSeeded(shopId, thread.channel)) {
      seeded++;
      continue;
    }
    const customer = await pickCustomer(shopId, thread.channel);
    if (!customer) break;
    const key = `${threadKey(thread.channel)}${customer.id}`;
    const identityValue = thread.identity?.value({ email: customer.email, phone: customer.phone, n });
    await db().$transaction(async (tx) => {
      if (thread.identity && identityValue) {
        await tx.customerIdentity.upsert({
          where: { shopId_kind_value: { shopId, kind: thread.identity.kind, value: identityValue } },
          create: { shopId, customerId: customer.id, kind: thread.identity.kind, value: identityValue },
          update: {},
        });
      }
      const last = thread.messages[thread.messages.length - 1];
      const lastInbound = [...thread.messages].reverse().find((m) => m.inbound);
      const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
      const conversation = await tx.conversation.create({
        data: {
          shopId,
          replyToken: newCaseInsensitiveToken(),
          customerId: customer.id,
          openCustomerId: customer.id,
          status: "OPEN",
          unreadCount: last.inbound ? 1 : 0,
          lastInboundChannel: thread.channel,
          lastInboundAt: lastInbound ? at(lastInbound.minutesAgo) : null,
          lastMessagePreview: last.body.slice(0, 140),
          lastActivityAt: at(last.minutesAgo),
          // Started with its first message, not when the demo ran.
          createdAt: at(thread.messages[0].minutesAgo),
        },
      });
      for (const [i, m] of thread.messages.entries()) {
        const message = await tx.message.create({
          data: {
            shopId,
            conversationId: conversation.id,
            customerId: customer.id,
            direction: m.inbound ? "INBOUND" : "OUTBOUND",
            channel: thread.channel,
            author: m.inbound ? "CUSTOMER" : "STAFF",
            authorName: m.inbound ? null : "Demo Staff",
            body: m.body,
            ...(thread.shopAddress && identityValue
              ? m.inbound
                ? { fromAddress: identityValue, toAddress: thread.shopAddress }
                : { fromAddress: thread.shopAddress, toAddress: identityValue }
              : {}),
            deliveryStatus: m.inbound ? "RECEIVED" : "DELIVERED",
            idempotencyKey: `${key}:${i}`,
            createdAt: at(m.minutesAgo),
            sentAt: m.inbound ? null : at(m.minutesAgo),
            deliveredAt: m.inbound ? null : at(m.minutesAgo - 1),
          },
        });
        await tx.timelineEvent.create({
          data: {
            shopId,
            customerId: customer.id,
            type: "MESSAGE",
            occurredAt: at(m.minutesAgo),
            dedupeKey: `message:${message.id}`,
            title: `${m.inbound ? "Received" : "Sent"} on ${thread.channel.toLowerCase()}`,
            messageId: message.id,
            data: { channel: thread.channel, direction: message.direction },
          },
        });
      }
    });
    seeded++;
  }
  return seeded;
}
