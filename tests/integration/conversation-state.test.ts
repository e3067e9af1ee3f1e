// Staff-side conversation state: status transitions and the one-open-conversation rule,
// snooze and the wake job, assignment, tags, priority, unread, internal notes, shop scoping,
// and a new inbound message reopening a resolved, snoozed or pending conversation.
import { describe, expect, it } from "vitest";
import { conversationForInbound } from "../../app/conversations/conversation-for-inbound.server";
import {
  addInternalNote,
  assignConversation,
  ConversationStateError,
  markConversationRead,
  normaliseTags,
  setConversationPriority,
  setConversationStatus,
  setConversationTags,
  wakeSnoozedConversations,
} from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import { processors } from "../../app/jobs/processors/index.server";
import { JOB, QUEUE, QUEUE_OF } from "../../app/jobs/queues.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const staff = { id: "staff-1", name: "Ada Staff" };

async function setup() {
  const shop = await db().shop.create({ data: { domain: `state-${uniq()}.myshopify.com` } });
  const customer = await db().customer.create({ data: { shopId: shop.id, firstName: "Cleo" } });
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: shop.id,
      customerId: customer.id,
      openCustomerId: customer.id,
      unreadCount: 3,
    },
  });
  return { shop, customer, conversation };
}

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}

const reload = (id: string) => db().conversation.findUniqueOrThrow({ where: { id } });

describe("status", () => {
  it("moves through pending, snoozed, resolved and open, keeping openCustomerId and resolvedAt right", async () => {
    const { shop, customer, conversation } = await setup();
    const pending = await setConversationStatus(shop.id, conversation.id, "PENDING", {}, staff);
    expect(pending).toMatchObject({ status: "PENDING", openCustomerId: customer.id, resolvedAt: null });

    const until = new Date(Date.now() + 3_600_000);
    const snoozed = await setConversationStatus(shop.id, conversation.id, "SNOOZED", { snoozedUntil: until }, staff);
    expect(snoozed).toMatchObject({ status: "SNOOZED", openCustomerId: customer.id, snoozedUntil: until });

    const resolved = await setConversationStatus(shop.id, conversation.id, "RESOLVED", {}, staff);
    expect(resolved).toMatchObject({ status: "RESOLVED", openCustomerId: null, snoozedUntil: null });
    expect(resolved.resolvedAt).toBeInstanceOf(Date);

    const reopened = await setConversationStatus(shop.id, conversation.id, "OPEN", {}, staff);
    expect(reopened).toMatchObject({ status: "OPEN", openCustomerId: customer.id, resolvedAt: null });
  });

  it("refuses a snooze without a future time", async () => {
    const { shop, conversation } = await setup();
    await expect(setConversationStatus(shop.id, conversation.id, "SNOOZED", {}, staff)).rejects.toBeInstanceOf(
      ConversationStateError,
    );
    await expect(
      setConversationStatus(shop.id, conversation.id, "SNOOZED", { snoozedUntil: new Date(Date.now() - 1000) }, staff),
    ).rejects.toThrow(/future/);
    expect((await reload(conversation.id)).status).toBe("OPEN");
  });

  it("refuses to reopen a resolved conversation while the customer has another open one", async () => {
    const { shop, customer, conversation } = await setup();
    await setConversationStatus(shop.id, conversation.id, "RESOLVED", {}, staff);
    const second = await db().conversation.create({
      data: {
        replyToken: newCaseInsensitiveToken(),
        shopId: shop.id,
        customerId: customer.id,
        openCustomerId: customer.id,
      },
    });
    for (const status of ["OPEN", "PENDING"] as const) {
      await expect(setConversationStatus(shop.id, conversation.id, status, {}, staff)).rejects.toThrow(
        /already has another open conversation/,
      );
    }
    expect(await reload(conversation.id)).toMatchObject({ status: "RESOLVED", openCustomerId: null });
    // Once the other one is resolved, reopening works.
    await setConversationStatus(shop.id, second.id, "RESOLVED", {}, staff);
    await setConversationStatus(shop.id, conversation.id, "OPEN", {}, staff);
    expect(await reload(conversation.id)).toMatchObject({ status: "OPEN", openCustomerId: customer.id });
  });
});

describe("snooze and the wake job", () => {
  it("wakes snoozed conversations whose time has passed, and only those", async () => {
    const { shop, conversation } = await setup();
    const other = await setup();
    const soon = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 3_600_000);
    await setConversationStatus(shop.id, conversation.id, "SNOOZED", { snoozedUntil: soon }, staff);
    await setConversationStatus(other.shop.id, other.conversation.id, "SNOOZED", { snoozedUntil: later }, staff);

    expect(await wakeSnoozedConversations(new Date())).toBe(0);
    expect(await wakeSnoozedConversations(new Date(soon.getTime() + 1))).toBe(1);
    expect(await reload(conversation.id)).toMatchObject({ status: "OPEN", snoozedUntil: null });
    expect((await reload(other.conversation.id)).status).toBe("SNOOZED");
  });

  it("is a maintenance job with a processor", async () => {
    expect(QUEUE_OF[JOB.wakeSnoozed]).toBe(QUEUE.maintenance);
    const { shop, conversation } = await setup();
    await db().conversation.update({
      where: { id: conversation.id },
      data: { status: "SNOOZED", snoozedUntil: new Date(Date.now() - 1000) },
    });
    void shop;
    await processors[JOB.wakeSnoozed]({}, {} as never);
    expect((await reload(conversation.id)).status).toBe("OPEN");
  });
});

describe("a new inbound message", () => {
  it("reopens a resolved conversation, and makes a snoozed or pending one OPEN", async () => {
    const { shop, customer, conversation } = await setup();
    await setConversationStatus(shop.id, conversation.id, "RESOLVED", {}, staff);
    const joined = await db().$transaction((tx) => conversationForInbound(tx, shop.id, customer.id));
    expect(joined).toBe(conversation.id);
    expect(await reload(conversation.id)).toMatchObject({
      status: "OPEN",
      openCustomerId: customer.id,
      resolvedAt: null,
    });

    await setConversationStatus(shop.id, conversation.id, "SNOOZED", { snoozedUntil: new Date(Date.now() + 60_000) });
    await db().$transaction((tx) => conversationForInbound(tx, shop.id, customer.id));
    expect(await reload(conversation.id)).toMatchObject({ status: "OPEN", snoozedUntil: null });

    await setConversationStatus(shop.id, conversation.id, "PENDING");
    await db().$transaction((tx) => conversationForInbound(tx, shop.id, customer.id));
    expect((await reload(conversation.id)).status).toBe("OPEN");
  });
});

describe("assignment, tags, priority, unread", () => {
  it("assigns and unassigns", async () => {
    const { shop, conversation } = await setup();
    expect(await assignConversation(shop.id, conversation.id, staff)).toMatchObject({
      assigneeId: "staff-1",
      assigneeName: "Ada Staff",
    });
    expect(await assignConversation(shop.id, conversation.id, null)).toMatchObject({
      assigneeId: null,
      assigneeName: null,
    });
  });

  it("normalises tags: trimmed, lower-case, unique, at most 20", async () => {
    const { shop, conversation } = await setup();
    const updated = await setConversationTags(shop.id, conversation.id, [" VIP ", "vip", "Shipping  Delay", "", "  "]);
    expect(updated.tags).toEqual(["vip", "shipping delay"]);
    expect(normaliseTags(Array.from({ length: 25 }, () => "same"))).toEqual(["same"]);
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    await expect(setConversationTags(shop.id, conversation.id, many)).rejects.toThrow(/at most 20/);
    expect((await reload(conversation.id)).tags).toEqual(["vip", "shipping delay"]);
  });

  it("sets priority and marks read", async () => {
    const { shop, conversation } = await setup();
    expect((await setConversationPriority(shop.id, conversation.id, "URGENT")).priority).toBe("URGENT");
    await expect(setConversationPriority(shop.id, conversation.id, "BOGUS" as never)).rejects.toBeInstanceOf(
      ConversationStateError,
    );
    expect((await markConversationRead(shop.id, conversation.id)).unreadCount).toBe(0);
  });
});

describe("internal notes", () => {
  it("stores an internal STAFF message on the last inbound channel with a NOTE timeline event", async () => {
    const { shop, customer, conversation } = await setup();
    await db().conversation.update({ where: { id: conversation.id }, data: { lastInboundChannel: "WHATSAPP" } });
    const note = await addInternalNote(shop.id, conversation.id, staff, "  Called the courier  ");
    expect(note).toMatchObject({
      internal: true,
      author: "STAFF",
      authorName: "Ada Staff",
      channel: "WHATSAPP",
      body: "Called the courier",
      deliveryStatus: "RECEIVED",
      customerId: customer.id,
      conversationId: conversation.id,
    });
    const event = await db().timelineEvent.findUniqueOrThrow({ where: { messageId: note.id } });
    expect(event).toMatchObject({ type: "NOTE", customerId: customer.id, dedupeKey: `note:${note.id}` });

    const other = await setup();
    const chatNote = await addInternalNote(other.shop.id, other.conversation.id, staff, "no inbound yet");
    expect(chatNote.channel).toBe("CHAT");
    await expect(addInternalNote(shop.id, conversation.id, staff, "   ")).rejects.toThrow(/empty/);
  });
});

describe("shop scoping", () => {
  it("answers 404 for another shop's conversation, and changes nothing", async () => {
    const mine = await setup();
    const theirs = await setup();
    const id = theirs.conversation.id;
    await expectNotFound(setConversationStatus(mine.shop.id, id, "RESOLVED", {}, staff));
    await expectNotFound(assignConversation(mine.shop.id, id, staff));
    await expectNotFound(setConversationTags(mine.shop.id, id, ["x"]));
    await expectNotFound(setConversationPriority(mine.shop.id, id, "HIGH"));
    await expectNotFound(markConversationRead(mine.shop.id, id));
    await expectNotFound(addInternalNote(mine.shop.id, id, staff, "sneaky"));
    await expectNotFound(setConversationStatus(mine.shop.id, "no-such-id", "OPEN", {}, staff));
    expect(await reload(id)).toMatchObject({
      status: "OPEN",
      assigneeId: null,
      tags: [],
      priority: "NORMAL",
      unreadCount: 3,
    });
    expect(await db().message.count({ where: { conversationId: id } })).toBe(0);
  });
});
