// The inbox list (filters, search by every field, keyset paging), the conversation page's
// timeline, and shop scoping: another shop's conversation, customer, message and saved reply ids
// answer 404 and never show up.
import { beforeAll, describe, expect, it } from "vitest";
import { getConversation, listConversations, type InboxFilters } from "../../app/admin-queries/inbox.server";
import { sendStaffReply } from "../../app/conversations/staff-reply.server";
import { db } from "../../app/db/client.server";
import type { Channel, ConversationStatus } from "../../app/generated/prisma/enums";
import {
  renderSavedReply,
  replyContextFor,
  requireSavedReply,
  saveSavedReply,
  deleteSavedReply,
} from "../../app/saved-replies/saved-replies.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const base = new Date("2026-02-01T10:00:00Z").getTime();
const at = (minutes: number) => new Date(base + minutes * 60_000);

async function createShop(name: string) {
  return db().shop.create({ data: { domain: `${name}-${uniq()}.myshopify.com`, name, currency: "EUR" } });
}

async function thread(
  shopId: string,
  opts: {
    firstName: string;
    lastName?: string;
    email?: string;
    phone?: string;
    status?: ConversationStatus;
    channel?: Channel;
    assigneeId?: string | null;
    tags?: string[];
    body?: string;
    minute: number;
  },
) {
  const customer = await db().customer.create({
    data: { shopId, firstName: opts.firstName, lastName: opts.lastName, email: opts.email, phone: opts.phone },
  });
  const status = opts.status ?? "OPEN";
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId,
      customerId: customer.id,
      status,
      openCustomerId: status === "RESOLVED" ? null : customer.id,
      lastInboundChannel: opts.channel ?? "SMS",
      assigneeId: opts.assigneeId ?? null,
      assigneeName: opts.assigneeId ? "Someone" : null,
      tags: opts.tags ?? [],
      lastActivityAt: at(opts.minute),
    },
  });
  const message = await db().message.create({
    data: {
      shopId,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "INBOUND",
      channel: opts.channel ?? "SMS",
      author: "CUSTOMER",
      body: opts.body ?? "hello",
      deliveryStatus: "RECEIVED",
      idempotencyKey: `in:${uniq()}`,
      createdAt: at(opts.minute),
    },
  });
  return { customer, conversation, message };
}

let shopId: string;
let otherShopId: string;
const t: Record<string, Awaited<ReturnType<typeof thread>>> = {};

beforeAll(async () => {
  shopId = (await createShop("inbox")).id;
  otherShopId = (await createShop("other")).id;
  t.ada = await thread(shopId, {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    phone: "+14155550101",
    channel: "SMS",
    assigneeId: "staff-1",
    tags: ["vip"],
    body: "Where is my parcel?",
    minute: 1,
  });
  t.bob = await thread(shopId, {
    firstName: "Bob",
    email: "bob@example.com",
    phone: "+447946000009",
    channel: "WHATSAPP",
    body: "Do you ship to Norway?",
    minute: 2,
  });
  t.cy = await thread(shopId, {
    firstName: "Cy",
    email: "cy@example.com",
    status: "PENDING",
    channel: "EMAIL",
    tags: ["refund"],
    body: "Refund please",
    minute: 3,
  });
  t.dee = await thread(shopId, { firstName: "Dee", status: "SNOOZED", channel: "INSTAGRAM", minute: 4 });
  t.eve = await thread(shopId, { firstName: "Eve", status: "RESOLVED", channel: "MESSENGER", minute: 5 });
  await db().order.create({
    data: { shopId, shopifyOrderId: 5001n, customerId: t.bob.customer.id, name: "#1001", totalPrice: 40 },
  });
  // Another shop's customer says the same words and has the same order number: never visible.
  t.foreign = await thread(otherShopId, {
    firstName: "Ada",
    email: "ada@example.com",
    body: "Where is my parcel? (other shop)",
    minute: 6,
  });
  await db().order.create({
    data: { shopId: otherShopId, shopifyOrderId: 5001n, customerId: t.foreign.customer.id, name: "#1001" },
  });
});

async function names(filters: InboxFilters, staffId = "staff-1") {
  const { conversations } = await listConversations({ shopId, staffId, filters });
  return conversations.map((c) => c.customerName);
}

describe("inbox filters", () => {
  it("defaults to open conversations, newest activity first", async () => {
    expect(await names({})).toEqual(["Bob", "Ada Lovelace"]);
  });

  it("filters by each status and by all", async () => {
    expect(await names({ status: "PENDING" })).toEqual(["Cy"]);
    expect(await names({ status: "SNOOZED" })).toEqual(["Dee"]);
    expect(await names({ status: "RESOLVED" })).toEqual(["Eve"]);
    expect(await names({ status: "ALL" })).toEqual(["Eve", "Dee", "Cy", "Bob", "Ada Lovelace"]);
  });

  it("filters by last inbound channel, assignee and tag", async () => {
    expect(await names({ status: "ALL", channel: "WHATSAPP" })).toEqual(["Bob"]);
    expect(await names({ status: "ALL", channel: "EMAIL" })).toEqual(["Cy"]);
    expect(await names({ status: "ALL", assignee: "me" })).toEqual(["Ada Lovelace"]);
    expect(await names({ status: "ALL", assignee: "me" }, "staff-2")).toEqual([]);
    expect(await names({ status: "ALL", assignee: "unassigned" })).toEqual(["Eve", "Dee", "Cy", "Bob"]);
    expect(await names({ status: "ALL", tag: "refund" })).toEqual(["Cy"]);
    expect(await names({ status: "OPEN", tag: "refund" })).toEqual([]);
  });
});

describe("inbox search", () => {
  it("finds by name, email, phone digits, order number and message text, in this shop only", async () => {
    expect(await names({ status: "ALL", q: "lovelace" })).toEqual(["Ada Lovelace"]);
    expect(await names({ status: "ALL", q: "BOB@example.com" })).toEqual(["Bob"]);
    expect(await names({ status: "ALL", q: "07946 000 009" })).toEqual(["Bob"]);
    expect(await names({ status: "ALL", q: "+1 415 555 0101" })).toEqual(["Ada Lovelace"]);
    expect(await names({ status: "ALL", q: "#1001" })).toEqual(["Bob"]);
    expect(await names({ status: "ALL", q: "1001" })).toEqual(["Bob"]);
    expect(await names({ status: "ALL", q: "norway" })).toEqual(["Bob"]);
    expect(await names({ status: "ALL", q: "PARCEL" })).toEqual(["Ada Lovelace"]);
    expect(await names({ status: "ALL", q: "nothing matches this" })).toEqual([]);
  });
});

describe("keyset paging", () => {
  it("walks every conversation once in both directions, stable under ties", async () => {
    const shop = (await createShop("paging")).id;
    for (let i = 0; i < 7; i++) {
      // Two by two on the same timestamp: the id breaks the tie.
      await thread(shop, { firstName: `P${i}`, minute: 100 + Math.floor(i / 2) });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    const pages = [];
    do {
      const page = await listConversations({ shopId: shop, filters: {}, cursor, direction: "next", pageSize: 3 });
      pages.push(page);
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (cursor);
    expect(pages.map((p) => p.conversations.length)).toEqual([3, 3, 1]);
    expect(new Set(seen).size).toBe(7);
    const all = await listConversations({ shopId: shop, filters: {}, pageSize: 50 });
    expect(seen).toEqual(all.conversations.map((c) => c.id));
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
    expect(pages[2].pageInfo.hasPreviousPage).toBe(true);
    // Back from the last page.
    const back = await listConversations({
      shopId: shop,
      filters: {},
      cursor: pages[2].pageInfo.startCursor,
      direction: "previous",
      pageSize: 3,
    });
    expect(back.conversations.map((c) => c.id)).toEqual(pages[1].conversations.map((c) => c.id));
  });
});

describe("conversation page and shop scoping", () => {
  it("shows the customer's unified timeline: messages of every conversation and their other events", async () => {
    const { customer, conversation } = t.ada;
    const older = await db().conversation.create({
      data: {
        replyToken: newCaseInsensitiveToken(),
        shopId,
        customerId: customer.id,
        status: "RESOLVED",
        lastActivityAt: at(0),
      },
    });
    await db().message.create({
      data: {
        shopId,
        conversationId: older.id,
        customerId: customer.id,
        direction: "INBOUND",
        channel: "EMAIL",
        author: "CUSTOMER",
        body: "An older email",
        deliveryStatus: "RECEIVED",
        idempotencyKey: `in:${uniq()}`,
        createdAt: at(0),
      },
    });
    await db().timelineEvent.create({
      data: {
        shopId,
        customerId: customer.id,
        type: "ORDER_PLACED",
        occurredAt: at(0.5),
        dedupeKey: `order:${uniq()}`,
        title: "Order #999 placed",
      },
    });
    const page = await getConversation(shopId, conversation.id);
    expect(page.timeline.map((i) => (i.kind === "message" ? i.body : i.title))).toEqual([
      "An older email",
      "Order #999 placed",
      "Where is my parcel?",
    ]);
    const first = page.timeline[0];
    expect(first.kind === "message" && first.conversationId).toBe(older.id);
  });

  it("answers 404 for another shop's conversation, customer, message and saved reply ids", async () => {
    const foreign = t.foreign;
    await expectNotFound(getConversation(shopId, foreign.conversation.id));
    await expectNotFound(replyContextFor(shopId, foreign.customer.id));
    await expectNotFound(
      sendStaffReply({
        shopId,
        conversationId: foreign.conversation.id,
        staff: { id: "s", name: "S" },
        channel: "SMS",
        body: "hi",
        clientId: "00000000-0000-4000-8000-000000000000",
      }),
    );
    // A message id never crosses shops: the foreign message is not in any of this shop's timelines,
    // and a conversation id that is really a message id is not a conversation.
    await expectNotFound(getConversation(shopId, foreign.message.id));
    for (const th of [t.ada, t.bob, t.cy]) {
      const page = await getConversation(shopId, th.conversation.id);
      expect(page.timeline.map((i) => i.id)).not.toContain(foreign.message.id);
    }
    const saved = await saveSavedReply(otherShopId, null, { name: "Theirs", body: "Hi {{ customer.first_name }}" });
    expect(saved.ok).toBe(true);
    const savedId = saved.ok ? saved.id : "";
    await expectNotFound(requireSavedReply(shopId, savedId));
    await expectNotFound(renderSavedReply(shopId, savedId, null));
    await expectNotFound(renderSavedReply(otherShopId, savedId, t.ada.customer.id));
    await expectNotFound(saveSavedReply(shopId, savedId, { name: "Mine now", body: "x" }));
    await expectNotFound(deleteSavedReply(shopId, savedId));
    expect((await requireSavedReply(otherShopId, savedId)).name).toBe("Theirs");
  });
});

describe("saved replies", () => {
  it("validates, renders for a customer and their last order, and refuses duplicate names", async () => {
    const bad = await saveSavedReply(shopId, null, { name: "Broken", body: "Hi {{ customer.first_name " });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.body).toMatch(/Liquid/);
    const empty = await saveSavedReply(shopId, null, { name: " ", body: "" });
    expect(!empty.ok && Object.keys(empty.errors).sort()).toEqual(["body", "name"]);
    const ok = await saveSavedReply(shopId, null, {
      name: "Where is my order",
      body: "Hi {{ customer.first_name }}, order {{ order.name }} is on its way.",
    });
    expect(ok.ok).toBe(true);
    const id = ok.ok ? ok.id : "";
    expect(await renderSavedReply(shopId, id, t.bob.customer.id)).toEqual({
      ok: true,
      text: "Hi Bob, order #1001 is on its way.",
    });
    expect(await renderSavedReply(shopId, id, null)).toEqual({ ok: true, text: "Hi Alex, order #1001 is on its way." });
    const dup = await saveSavedReply(shopId, null, { name: "Where is my order", body: "again" });
    expect(!dup.ok && dup.errors.name).toMatch(/Another saved reply/);
    await deleteSavedReply(shopId, id);
    await expectNotFound(requireSavedReply(shopId, id));
  });
});
