// Demo conversations on every channel, for customers the backfill imported.
// Idempotent: message idempotency keys are fixed, so a restart adds nothing.
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "../../app/db/client.server";
import type { Channel, IdentityKind } from "../../app/generated/prisma/client";

interface DemoThread {
  channel: Channel;
  identity?: {
    kind: IdentityKind;
    value: (c: { email: string | null; phone: string | null; n: number }) => string | null;
  };
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
    messages: [{ inbound: true, body: "Love the new collection! When is the restock?", minutesAgo: 45 }],
  },
  {
    channel: "MESSENGER",
    identity: { kind: "MESSENGER", value: (c) => `2470000000${c.n}` },
    messages: [
      { inbound: true, body: "<script>alert('hi')</script> is my order #1001 on its way?", minutesAgo: 300 },
      { inbound: false, body: "Yes! It should arrive on Thursday.", minutesAgo: 290 },
    ],
  },
];

async function waitForImportedCustomers(shopId: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const run = await db().backfillRun.findFirst({ where: { shopId }, orderBy: { createdAt: "desc" } });
    if (run?.status === "COMPLETED" || run?.status === "FAILED") break;
    await sleep(250);
  }
  return db().customer.findMany({ where: { shopId }, orderBy: { createdAt: "asc" }, take: THREADS.length });
}

export async function seedDemoConversations(shopId: string): Promise<number> {
  const customers = await waitForImportedCustomers(shopId);
  let seeded = 0;
  for (const [n, thread] of THREADS.entries()) {
    const customer = customers[n];
    if (!customer) break;
    const key = `demo:${thread.channel}:${customer.id}`;
    if (await db().message.findUnique({ where: { idempotencyKey: `${key}:0` } })) {
      seeded++;
      continue;
    }
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
          customerId: customer.id,
          openCustomerId: customer.id,
          status: "OPEN",
          unreadCount: last.inbound ? 1 : 0,
          lastInboundChannel: thread.channel,
          lastInboundAt: lastInbound ? at(lastInbound.minutesAgo) : null,
          lastMessagePreview: last.body.slice(0, 140),
          lastActivityAt: at(last.minutesAgo),
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
