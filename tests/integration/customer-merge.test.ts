// Staff merge of two customers: preview, the merge moving everything, consent
// (most restrictive wins), undo restoring exactly the rows that moved, the refusals
// (same customer, two Shopify customers, double undo), shop scoping, the open-
// conversation collision, and automatic matching never joining two Shopify customers.
import { describe, expect, it } from "vitest";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { resolveCustomer } from "../../app/customers/resolve-customer.server";
import {
  DIFFERENT_SHOPIFY_IDS,
  listMerges,
  mergeCustomers,
  MergeRefusedError,
  previewMerge,
  undoMerge,
} from "../../app/customers/merge/merge.server";
import { db } from "../../app/db/client.server";
import type { Channel, ConsentPurpose, ConsentState } from "../../app/generated/prisma/enums";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const staff = { id: "staff-1", name: "Ada Staff" };

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(404);
}

async function message(shopId: string, conversationId: string, customerId: string, body: string, at: Date) {
  const m = await db().message.create({
    data: {
      shopId,
      conversationId,
      customerId,
      direction: "INBOUND",
      channel: "SMS",
      author: "CUSTOMER",
      body,
      deliveryStatus: "RECEIVED",
      idempotencyKey: uniq(),
      createdAt: at,
    },
  });
  await db().timelineEvent.create({
    data: {
      shopId,
      customerId,
      type: "MESSAGE",
      occurredAt: at,
      dedupeKey: `message:${m.id}`,
      title: "SMS received",
      messageId: m.id,
    },
  });
  return m;
}

async function consent(
  shopId: string,
  customerId: string,
  channel: Channel,
  state: ConsentState,
  purpose: ConsentPurpose = "MARKETING",
) {
  return db().consent.create({
    data: { shopId, customerId, channel, purpose, state, source: "CHECKOUT", occurredAt: new Date("2026-01-01") },
  });
}

/** A Shopify customer (survivor) and a guest who wrote in by SMS (merged), each with a bit of everything. */
async function scenario(opts: { bothOpen?: boolean; mergedShopifyId?: bigint | null } = {}) {
  const shop = await db().shop.create({ data: { domain: `merge-${uniq()}.myshopify.com` } });
  const survivor = await db().customer.create({
    data: { shopId: shop.id, shopifyCustomerId: 1001n, firstName: "Ana", lastName: "Silva", email: "ana@example.com" },
  });
  const merged = await db().customer.create({
    data: {
      shopId: shop.id,
      shopifyCustomerId: opts.mergedShopifyId ?? null,
      phone: "+351912345678",
      email: "ana.silva@example.org",
      // Consistent with its one order below.
      ordersCount: 1,
      totalSpent: "40.00",
    },
  });
  await db().customerIdentity.createMany({
    data: [
      { shopId: shop.id, customerId: survivor.id, kind: "EMAIL", value: "ana@example.com" },
      { shopId: shop.id, customerId: survivor.id, kind: "SHOPIFY_CUSTOMER", value: "1001" },
      { shopId: shop.id, customerId: merged.id, kind: "PHONE", value: "+351912345678" },
      { shopId: shop.id, customerId: merged.id, kind: "EMAIL", value: "ana.silva@example.org" },
    ],
  });
  // Consent: SMS conflicts (survivor GRANTED, merged REVOKED), EMAIL agrees, WHATSAPP only on merged,
  // TRANSACTIONAL SMS only on the survivor.
  const sSms = await consent(shop.id, survivor.id, "SMS", "GRANTED");
  await consent(shop.id, survivor.id, "EMAIL", "GRANTED");
  await consent(shop.id, survivor.id, "SMS", "GRANTED", "TRANSACTIONAL");
  await consent(shop.id, merged.id, "SMS", "REVOKED");
  await consent(shop.id, merged.id, "EMAIL", "GRANTED");
  const mWa = await consent(shop.id, merged.id, "WHATSAPP", "GRANTED");

  const t0 = new Date("2026-03-01T10:00:00Z");
  const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
  const sConv = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: shop.id,
      customerId: survivor.id,
      openCustomerId: opts.bothOpen === false ? null : survivor.id,
      status: opts.bothOpen === false ? "RESOLVED" : "OPEN",
      resolvedAt: opts.bothOpen === false ? minutes(2) : null,
      unreadCount: 1,
      lastActivityAt: minutes(1),
      lastMessagePreview: "survivor hello",
      lastInboundAt: minutes(1),
      lastInboundChannel: "EMAIL",
    },
  });
  const sMsg = await message(shop.id, sConv.id, survivor.id, "survivor hello", minutes(1));
  const mOld = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: shop.id,
      customerId: merged.id,
      status: "RESOLVED",
      resolvedAt: minutes(0),
      lastActivityAt: t0,
    },
  });
  const mOldMsg = await message(shop.id, mOld.id, merged.id, "old question", t0);
  const mOpen = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: shop.id,
      customerId: merged.id,
      openCustomerId: merged.id,
      status: "PENDING",
      unreadCount: 2,
      lastActivityAt: minutes(5),
      lastMessagePreview: "where is my parcel?",
      lastInboundAt: minutes(5),
      lastInboundChannel: "SMS",
    },
  });
  const mMsg1 = await message(shop.id, mOpen.id, merged.id, "hi", minutes(4));
  const mMsg2 = await message(shop.id, mOpen.id, merged.id, "where is my parcel?", minutes(5));

  const order = await db().order.create({
    data: { shopId: shop.id, customerId: merged.id, shopifyOrderId: BigInt(Date.now()), totalPrice: "40.00" },
  });
  await db().timelineEvent.create({
    data: {
      shopId: shop.id,
      customerId: merged.id,
      type: "ORDER_PLACED",
      occurredAt: minutes(3),
      dedupeKey: `order:${order.id}`,
      title: "Order placed",
      orderId: order.id,
    },
  });
  const checkout = await db().checkout.create({ data: { shopId: shop.id, customerId: merged.id, token: uniq() } });
  const flow = await db().flow.create({ data: { shopId: shop.id, kind: "CART_RECOVERY", name: "Cart" } });
  const flowRun = await db().flowRun.create({
    data: { shopId: shop.id, flowId: flow.id, customerId: merged.id, triggerKey: checkout.token },
  });
  return {
    shop,
    survivor,
    merged,
    sConv,
    sMsg,
    mOld,
    mOldMsg,
    mOpen,
    mMsgs: [mMsg1, mMsg2],
    order,
    checkout,
    flowRun,
    sSms,
    mWa,
  };
}

/** Every row of the shop that can belong to a customer, as owner (and conversation) per id. */
async function ownership(shopId: string) {
  const [conversations, messages, events, identities, consents, orders, checkouts, flowRuns, customers] =
    await Promise.all([
      db().conversation.findMany({
        where: { shopId },
        select: { id: true, customerId: true, openCustomerId: true, status: true, unreadCount: true },
        orderBy: { id: "asc" },
      }),
      db().message.findMany({
        where: { shopId },
        select: { id: true, customerId: true, conversationId: true },
        orderBy: { id: "asc" },
      }),
      db().timelineEvent.findMany({
        where: { shopId, type: { notIn: ["CUSTOMER_MERGED", "CUSTOMER_UNMERGED", "CONSENT_CHANGED"] } },
        select: { id: true, customerId: true },
        orderBy: { id: "asc" },
      }),
      db().customerIdentity.findMany({
        where: { shopId },
        select: { id: true, customerId: true },
        orderBy: { id: "asc" },
      }),
      db().consent.findMany({
        where: { shopId },
        select: {
          id: true,
          customerId: true,
          channel: true,
          purpose: true,
          state: true,
          source: true,
          occurredAt: true,
        },
        orderBy: [{ customerId: "asc" }, { channel: "asc" }, { purpose: "asc" }],
      }),
      db().order.findMany({ where: { shopId }, select: { id: true, customerId: true }, orderBy: { id: "asc" } }),
      db().checkout.findMany({ where: { shopId }, select: { id: true, customerId: true }, orderBy: { id: "asc" } }),
      db().flowRun.findMany({ where: { shopId }, select: { id: true, customerId: true }, orderBy: { id: "asc" } }),
      db().customer.findMany({
        where: { shopId },
        select: {
          id: true,
          mergedIntoId: true,
          shopifyCustomerId: true,
          firstName: true,
          lastName: true,
          email: true,
          phone: true,
          ordersCount: true,
          totalSpent: true,
        },
        orderBy: { id: "asc" },
      }),
    ]);
  return { conversations, messages, events, identities, consents, orders, checkouts, flowRuns, customers };
}

describe("previewMerge", () => {
  it("shows both customers side by side and the resulting consent, most restrictive first", async () => {
    const s = await scenario();
    const preview = await previewMerge(s.shop.id, s.survivor.id, s.merged.id);
    if (!preview.ok) throw new Error(preview.reason);
    expect(preview.survivor).toMatchObject({
      name: "Ana Silva",
      shopifyCustomerId: "1001",
      counts: { conversations: 1, messages: 1, orders: 0, checkouts: 0, timelineEvents: 1 },
      hasOpenConversation: true,
    });
    expect(preview.merged).toMatchObject({
      name: "ana.silva@example.org",
      counts: { conversations: 2, messages: 3, orders: 1, checkouts: 1, timelineEvents: 4 },
    });
    expect(preview.merged.identities.map((i) => i.value).sort()).toEqual(["+351912345678", "ana.silva@example.org"]);
    expect(preview.openConversationCollision).toBe(true);
    const byKey = Object.fromEntries(preview.consent.map((c) => [`${c.channel}:${c.purpose}`, c]));
    expect(byKey["SMS:MARKETING"]).toMatchObject({
      survivor: "GRANTED",
      merged: "REVOKED",
      result: "REVOKED",
      conflict: true,
    });
    expect(byKey["EMAIL:MARKETING"]).toMatchObject({ result: "GRANTED", conflict: false });
    expect(byKey["WHATSAPP:MARKETING"]).toMatchObject({ survivor: null, merged: "GRANTED", result: "GRANTED" });
    expect(byKey["SMS:TRANSACTIONAL"]).toMatchObject({ survivor: "GRANTED", merged: null, result: "GRANTED" });
    expect(preview.conflicts.map((c) => c.channel)).toEqual(["SMS"]);
  });

  it("refuses the same customer and two Shopify customers; another shop's id is 404", async () => {
    const s = await scenario({ mergedShopifyId: 2002n });
    const refused = await previewMerge(s.shop.id, s.survivor.id, s.merged.id);
    expect(refused).toMatchObject({ ok: false, reason: DIFFERENT_SHOPIFY_IDS });
    const self = await previewMerge(s.shop.id, s.survivor.id, s.survivor.id);
    expect(self.ok).toBe(false);

    const other = await scenario();
    await expectNotFound(previewMerge(s.shop.id, s.survivor.id, other.merged.id));
    await expectNotFound(previewMerge(s.shop.id, other.survivor.id, s.merged.id));
  });
});

describe("mergeCustomers and undoMerge", () => {
  it("moves everything, merges consent most-restrictively, and undo restores exactly", async () => {
    const s = await scenario();
    const before = await ownership(s.shop.id);
    const { mergeId, snapshot } = await mergeCustomers(s.shop.id, s.survivor.id, s.merged.id, staff);

    // Everything of the merged customer now belongs to the survivor.
    const after = await ownership(s.shop.id);
    for (const table of [
      "messages",
      "events",
      "identities",
      "orders",
      "checkouts",
      "flowRuns",
      "conversations",
    ] as const) {
      for (const row of after[table]) expect(row.customerId, `${table} ${row.id}`).toBe(s.survivor.id);
    }
    expect(snapshot.messageIds.sort()).toEqual([s.mOldMsg.id, ...s.mMsgs.map((m) => m.id)].sort());
    expect(snapshot.orderIds).toEqual([s.order.id]);
    expect(snapshot.checkoutIds).toEqual([s.checkout.id]);
    expect(snapshot.flowRunIds).toEqual([s.flowRun.id]);
    expect(snapshot.identityIds).toHaveLength(2);
    expect(snapshot.timelineEventIds).toHaveLength(4);

    // Open-conversation collision: the merged open conversation's messages joined the survivor's.
    const messages = await db().message.findMany({ where: { id: { in: s.mMsgs.map((m) => m.id) } } });
    for (const m of messages) expect(m.conversationId).toBe(s.sConv.id);
    expect(await db().message.findUniqueOrThrow({ where: { id: s.mOldMsg.id } })).toMatchObject({
      conversationId: s.mOld.id,
    });
    const sConv = await db().conversation.findUniqueOrThrow({ where: { id: s.sConv.id } });
    expect(sConv).toMatchObject({
      openCustomerId: s.survivor.id,
      unreadCount: 3,
      lastMessagePreview: "where is my parcel?",
    });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: s.mOpen.id } })).toMatchObject({
      status: "RESOLVED",
      openCustomerId: null,
      customerId: s.survivor.id,
    });
    expect(snapshot.collision?.messageIds.sort()).toEqual(s.mMsgs.map((m) => m.id).sort());
    expect(await db().conversation.count({ where: { openCustomerId: s.survivor.id } })).toBe(1);

    // Consent: most restrictive wins.
    const consents = await db().consent.findMany({ where: { customerId: s.survivor.id } });
    const state = (channel: Channel, purpose: ConsentPurpose = "MARKETING") =>
      consents.find((c) => c.channel === channel && c.purpose === purpose);
    expect(state("SMS")).toMatchObject({ state: "REVOKED", source: "MERGE" });
    expect(state("EMAIL")?.state).toBe("GRANTED");
    expect(state("WHATSAPP")).toMatchObject({ id: s.mWa.id, state: "GRANTED" });
    expect(state("SMS", "TRANSACTIONAL")?.state).toBe("GRANTED");
    // The merged customer keeps its own rows where the survivor had one (it is never messaged).
    expect(await db().consent.count({ where: { customerId: s.merged.id } })).toBe(2);

    // Merged customer marked; survivor filled in; recorded on the timeline and as a CustomerMerge.
    expect(await db().customer.findUniqueOrThrow({ where: { id: s.merged.id } })).toMatchObject({
      mergedIntoId: s.survivor.id,
    });
    const survivor = await db().customer.findUniqueOrThrow({ where: { id: s.survivor.id } });
    expect(survivor).toMatchObject({ phone: "+351912345678", ordersCount: 1 });
    const mergedEvent = await db().timelineEvent.findFirstOrThrow({
      where: { customerId: s.survivor.id, type: "CUSTOMER_MERGED" },
    });
    expect(mergedEvent.data).toMatchObject({ mergeId, staffName: "Ada Staff" });
    expect(await db().timelineEvent.count({ where: { customerId: s.survivor.id, type: "CONSENT_CHANGED" } })).toBe(1);
    expect((await listMerges(s.shop.id, s.survivor.id))[0]).toMatchObject({ id: mergeId, canUndo: true });

    // Undo: exactly the rows as they were.
    await undoMerge(s.shop.id, mergeId, staff);
    const restored = await ownership(s.shop.id);
    expect(restored).toEqual(before);
    const record = await db().customerMerge.findUniqueOrThrow({ where: { id: mergeId } });
    expect(record.undoneAt).toBeInstanceOf(Date);
    expect(await db().timelineEvent.count({ where: { type: "CUSTOMER_UNMERGED", shopId: s.shop.id } })).toBe(2);
    expect((await listMerges(s.shop.id, s.survivor.id))[0]).toMatchObject({ canUndo: false });

    // Twice is refused.
    await expect(undoMerge(s.shop.id, mergeId, staff)).rejects.toBeInstanceOf(MergeRefusedError);
    await expect(undoMerge(s.shop.id, mergeId, staff)).rejects.toThrow(/already undone/);
  });

  it("moves an open conversation as the survivor's open one when the survivor has none", async () => {
    const s = await scenario({ bothOpen: false });
    const before = await ownership(s.shop.id);
    const { mergeId, snapshot } = await mergeCustomers(s.shop.id, s.survivor.id, s.merged.id, staff);
    expect(snapshot.collision).toBeNull();
    expect(await db().conversation.findUniqueOrThrow({ where: { id: s.mOpen.id } })).toMatchObject({
      customerId: s.survivor.id,
      openCustomerId: s.survivor.id,
      status: "PENDING",
    });
    for (const m of s.mMsgs) {
      expect((await db().message.findUniqueOrThrow({ where: { id: m.id } })).conversationId).toBe(s.mOpen.id);
    }
    await undoMerge(s.shop.id, mergeId, staff);
    expect(await ownership(s.shop.id)).toEqual(before);
  });

  it("moves a Shopify id only the merged customer has to the survivor, and back on undo", async () => {
    const s = await scenario();
    await db().customer.update({ where: { id: s.survivor.id }, data: { shopifyCustomerId: null } });
    await db().customer.update({ where: { id: s.merged.id }, data: { shopifyCustomerId: 3003n } });
    const { mergeId } = await mergeCustomers(s.shop.id, s.survivor.id, s.merged.id, staff);
    expect((await db().customer.findUniqueOrThrow({ where: { id: s.survivor.id } })).shopifyCustomerId).toBe(3003n);
    expect((await db().customer.findUniqueOrThrow({ where: { id: s.merged.id } })).shopifyCustomerId).toBeNull();
    await undoMerge(s.shop.id, mergeId, staff);
    expect((await db().customer.findUniqueOrThrow({ where: { id: s.survivor.id } })).shopifyCustomerId).toBeNull();
    expect((await db().customer.findUniqueOrThrow({ where: { id: s.merged.id } })).shopifyCustomerId).toBe(3003n);
  });

  it("refuses two Shopify customers and a second merge of the same customer, changing nothing", async () => {
    const s = await scenario({ mergedShopifyId: 2002n });
    const before = await ownership(s.shop.id);
    await expect(mergeCustomers(s.shop.id, s.survivor.id, s.merged.id, staff)).rejects.toThrow(DIFFERENT_SHOPIFY_IDS);
    await expect(mergeCustomers(s.shop.id, s.survivor.id, s.survivor.id, staff)).rejects.toBeInstanceOf(
      MergeRefusedError,
    );
    expect(await ownership(s.shop.id)).toEqual(before);
    expect(await db().customerMerge.count({ where: { shopId: s.shop.id } })).toBe(0);

    const t = await scenario();
    await mergeCustomers(t.shop.id, t.survivor.id, t.merged.id, staff);
    await expect(mergeCustomers(t.shop.id, t.survivor.id, t.merged.id, staff)).rejects.toThrow(/already merged/);
  });

  it("answers 404 for another shop's customers and merges", async () => {
    const mine = await scenario();
    const theirs = await scenario();
    await expectNotFound(mergeCustomers(mine.shop.id, mine.survivor.id, theirs.merged.id, staff));
    await expectNotFound(mergeCustomers(mine.shop.id, theirs.survivor.id, theirs.merged.id, staff));
    const { mergeId } = await mergeCustomers(theirs.shop.id, theirs.survivor.id, theirs.merged.id, staff);
    await expectNotFound(undoMerge(mine.shop.id, mergeId, staff));
    expect((await db().customerMerge.findUniqueOrThrow({ where: { id: mergeId } })).undoneAt).toBeNull();
    expect(await listMerges(mine.shop.id, theirs.survivor.id)).toEqual([]);
  });

  it("keeps a consent change made after the merge on the survivor when undoing", async () => {
    const s = await scenario();
    const { mergeId } = await mergeCustomers(s.shop.id, s.survivor.id, s.merged.id, staff);
    // The customer texts STOP on WhatsApp after the merge: the moved WhatsApp row is revoked.
    await db().consent.update({
      where: { id: s.mWa.id },
      data: { state: "REVOKED", source: "KEYWORD", occurredAt: new Date() },
    });
    await undoMerge(s.shop.id, mergeId, staff);
    const wa = await db().consent.findMany({ where: { channel: "WHATSAPP", shopId: s.shop.id } });
    expect(wa.map((c) => [c.customerId === s.survivor.id ? "survivor" : "merged", c.state]).sort()).toEqual([
      ["merged", "REVOKED"],
      ["survivor", "REVOKED"],
    ]);
  });
});

describe("automatic matching", () => {
  it("never joins two customers with different Shopify ids, even on a shared email", async () => {
    const shop = await db().shop.create({ data: { domain: `auto-${uniq()}.myshopify.com` } });
    const first = await inRetryingTransaction((tx) =>
      resolveCustomer(tx, shop.id, { shopifyCustomerId: 111n, emails: ["Shared@Example.com"] }),
    );
    const second = await inRetryingTransaction((tx) =>
      resolveCustomer(tx, shop.id, { shopifyCustomerId: 222n, emails: ["shared@example.com"] }),
    );
    expect(second!.customerId).not.toBe(first!.customerId);
    expect(second!.created).toBe(true);
    const rows = await db().customer.findMany({ where: { shopId: shop.id }, orderBy: { shopifyCustomerId: "asc" } });
    expect(rows.map((r) => r.shopifyCustomerId)).toEqual([111n, 222n]);
    // The shared email stays with the customer that had it first.
    const identity = await db().customerIdentity.findFirstOrThrow({ where: { shopId: shop.id, kind: "EMAIL" } });
    expect(identity.customerId).toBe(first!.customerId);
    // A guest fact with only that email still finds the first, not a mix.
    const guest = await inRetryingTransaction((tx) => resolveCustomer(tx, shop.id, { emails: ["shared@example.com"] }));
    expect(guest!.customerId).toBe(first!.customerId);
  });

  it("follows a staff merge: the merged customer's address resolves to the survivor", async () => {
    const s = await scenario();
    await mergeCustomers(s.shop.id, s.survivor.id, s.merged.id, staff);
    const resolved = await inRetryingTransaction((tx) => resolveCustomer(tx, s.shop.id, { phones: ["+351912345678"] }));
    expect(resolved!.customerId).toBe(s.survivor.id);
  });
});
