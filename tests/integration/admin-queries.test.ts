// The admin pages' read queries: shop scoping (another shop's ids answer 404),
// customer search and keyset pagination, and the analytics figures.
import { beforeAll, describe, expect, it } from "vitest";
import { getAnalytics } from "../../app/admin-queries/analytics.server";
import { listChannelConnections } from "../../app/admin-queries/channels.server";
import {
  getCustomerDetail,
  listCustomers,
  listCustomerTimeline,
  requireCustomerOrder,
} from "../../app/admin-queries/customers.server";
import { getDataRequestExport, listDataRequests } from "../../app/admin-queries/data-requests.server";
import { getHomeSummary } from "../../app/admin-queries/home.server";
import { getConversation, listConversations } from "../../app/admin-queries/inbox.server";
import { db } from "../../app/db/client.server";
import type { Channel, MessageDirection, DeliveryStatus } from "../../app/generated/prisma/enums";
import { newCaseInsensitiveToken, newSecretToken } from "../../app/lib/secret-token.server";

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

async function createShop(name: string) {
  return db().shop.create({ data: { domain: `${name}-${uniq()}.myshopify.com`, name, currency: "EUR" } });
}

async function createCustomer(
  shopId: string,
  data: { firstName?: string; lastName?: string; email?: string; phone?: string; updatedAt?: Date } = {},
) {
  return db().customer.create({ data: { shopId, ...data } });
}

async function createMessage(
  shopId: string,
  conversationId: string,
  customerId: string,
  m: {
    channel: Channel;
    direction: MessageDirection;
    deliveryStatus?: DeliveryStatus;
    internal?: boolean;
    createdAt: Date;
    body?: string;
  },
) {
  return db().message.create({
    data: {
      shopId,
      conversationId,
      customerId,
      channel: m.channel,
      direction: m.direction,
      author: m.direction === "INBOUND" ? "CUSTOMER" : "STAFF",
      body: m.body ?? "hello",
      internal: m.internal ?? false,
      deliveryStatus: m.deliveryStatus ?? (m.direction === "INBOUND" ? "RECEIVED" : "DELIVERED"),
      idempotencyKey: uniq(),
      createdAt: m.createdAt,
    },
  });
}

describe("shop scoping", () => {
  it("answers 404 for another shop's customer, conversation, order and data request", async () => {
    const mine = await createShop("mine");
    const theirs = await createShop("theirs");
    const own = await createCustomer(mine.id, { firstName: "Own" });
    const foreign = await createCustomer(theirs.id, { firstName: "Foreign", email: "foreign@example.com" });
    const conversation = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId: theirs.id, customerId: foreign.id },
    });
    const order = await db().order.create({
      data: { shopId: theirs.id, customerId: foreign.id, shopifyOrderId: 1001n },
    });
    const request = await db().dataRequest.create({
      data: { shopId: theirs.id, export: { email: "foreign@example.com" } },
    });
    await db().channelConnection.create({
      data: {
        webhookToken: newSecretToken(),
        shopId: theirs.id,
        provider: "TWILIO",
        secretsCiphertext: "c1phert3xt",
        config: { fromNumber: "+15550001111", authToken: "x" },
      },
    });

    await expectNotFound(getCustomerDetail(mine.id, foreign.id));
    await expectNotFound(listCustomerTimeline({ shopId: mine.id, customerId: foreign.id }));
    await expectNotFound(getConversation(mine.id, conversation.id));
    await expectNotFound(requireCustomerOrder(mine.id, foreign.id, order.id));
    // An order of this shop's id space but another customer is refused too.
    await expectNotFound(requireCustomerOrder(theirs.id, own.id, order.id));
    await expectNotFound(getDataRequestExport(mine.id, request.id));
    await expectNotFound(getCustomerDetail(mine.id, "does-not-exist"));

    // Lists only ever show the shop's own rows.
    expect((await listCustomers({ shopId: mine.id })).customers.map((c) => c.id)).toEqual([own.id]);
    expect((await listConversations({ shopId: mine.id })).conversations).toEqual([]);
    expect(await listDataRequests(mine.id)).toEqual([]);
    expect(await listChannelConnections(mine.id)).toEqual([]);

    // The owning shop sees them, and the export is served as JSON.
    const detail = await getCustomerDetail(theirs.id, foreign.id);
    expect(detail.customer.email).toBe("foreign@example.com");
    expect(detail.orders).toHaveLength(1);
    expect((await getConversation(theirs.id, conversation.id)).conversation.customerName).toBe("Foreign");
    const file = await getDataRequestExport(theirs.id, request.id);
    expect(JSON.parse(file.body)).toEqual({ email: "foreign@example.com" });
    expect(file.filename).toMatch(/\.json$/);
  });

  it("never exposes channel secrets", async () => {
    const shop = await createShop("secrets");
    await db().channelConnection.create({
      data: {
        webhookToken: newSecretToken(),
        shopId: shop.id,
        provider: "SENDGRID",
        secretsCiphertext: "c1phert3xt",
        config: { fromEmail: "hi@example.com", apiKey: "SG.secret", webhookSigningSecret: "s" },
      },
    });
    const [connection] = await listChannelConnections(shop.id);
    const serialized = JSON.stringify(connection);
    expect(serialized).not.toContain("c1phert3xt");
    expect(serialized).not.toContain("SG.secret");
    expect(serialized).not.toContain("webhookToken");
    expect(connection!.config).toEqual([{ key: "fromEmail", value: "hi@example.com" }]);
  });
});

describe("customer search and keyset pagination", () => {
  let shopId: string;
  const base = new Date("2026-01-01T00:00:00Z");
  const ids: string[] = [];

  beforeAll(async () => {
    const shop = await createShop("paging");
    shopId = shop.id;
    const other = await createShop("paging-other");
    await createCustomer(other.id, { firstName: "Alice", email: "alice@other.example" });
    // 11 customers; two share an updatedAt so the id tie-breaker matters.
    for (let i = 0; i < 11; i++) {
      const at = new Date(base.getTime() + (i === 5 ? 4 : i) * 60_000);
      const c = await createCustomer(shopId, {
        firstName: i === 0 ? "Alice" : i === 1 ? "Alicia" : `Person${i}`,
        lastName: i === 0 ? "Martin" : "Doe",
        email: `person${i}@example.com`,
        phone: `+4479460000${i.toString().padStart(2, "0")}`,
        updatedAt: at,
      });
      ids.push(c.id);
    }
    await db().customer.update({ where: { id: ids[2]! }, data: { mergedIntoId: ids[3]!, updatedAt: base } });
  });

  it("walks every customer once, newest first, forwards and back", async () => {
    const seen: string[] = [];
    const pages: string[][] = [];
    let cursor: string | null = null;
    let first = true;
    for (;;) {
      const page = await listCustomers({ shopId, cursor, direction: "next", pageSize: 3 });
      expect(page.pageInfo.hasPreviousPage).toBe(!first);
      first = false;
      pages.push(page.customers.map((c) => c.id));
      seen.push(...page.customers.map((c) => c.id));
      if (!page.pageInfo.hasNextPage) break;
      cursor = page.pageInfo.endCursor;
    }
    // 10 unmerged customers in 4 pages, no duplicates.
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(seen).not.toContain(ids[2]);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 3, 1]);

    // Newest first by (updatedAt, id).
    const rows = await db().customer.findMany({
      where: { shopId, mergedIntoId: null },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(rows.map((r) => r.id));

    // Going back from the third page lands on the second.
    const second = await listCustomers({
      shopId,
      pageSize: 3,
      cursor: (await listCustomers({ shopId, pageSize: 3 })).pageInfo.endCursor,
    });
    const third = await listCustomers({ shopId, pageSize: 3, cursor: second.pageInfo.endCursor });
    const back = await listCustomers({
      shopId,
      pageSize: 3,
      cursor: third.pageInfo.startCursor,
      direction: "previous",
    });
    expect(back.customers.map((c) => c.id)).toEqual(pages[1]);
    expect(back.pageInfo.hasNextPage).toBe(true);
    expect(back.pageInfo.hasPreviousPage).toBe(true);
    const backToStart = await listCustomers({
      shopId,
      pageSize: 3,
      cursor: back.pageInfo.startCursor,
      direction: "previous",
    });
    expect(backToStart.customers.map((c) => c.id)).toEqual(pages[0]);
    expect(backToStart.pageInfo.hasPreviousPage).toBe(false);
  });

  it("treats a garbled cursor as the first page", async () => {
    const page = await listCustomers({ shopId, pageSize: 3, cursor: "not-a-cursor" });
    const firstPage = await listCustomers({ shopId, pageSize: 3 });
    expect(page.customers.map((c) => c.id)).toEqual(firstPage.customers.map((c) => c.id));
  });

  it("searches by name, email and phone within the shop", async () => {
    const names = async (q: string) => (await listCustomers({ shopId, q })).customers.map((c) => c.name).sort();
    expect(await names("ali")).toEqual(["Alice Martin", "Alicia Doe"]);
    expect(await names("alice martin")).toEqual(["Alice Martin"]);
    expect(await names("PERSON7@EXAMPLE")).toEqual(["Person7 Doe"]);
    expect(await names("+447946000010")).toEqual(["Person10 Doe"]);
    expect(await names("07946 0000 09")).toEqual(["Person9 Doe"]);
    expect(await names("nobody")).toEqual([]);
    // Search results paginate like the full list.
    const page = await listCustomers({ shopId, q: "doe", pageSize: 4 });
    expect(page.customers).toHaveLength(4);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await listCustomers({ shopId, q: "doe", pageSize: 10, cursor: page.pageInfo.endCursor });
    // 10 "Doe"s minus the merged one.
    expect(page.customers.length + rest.customers.length).toBe(9);
  });

  it("pages a customer's timeline newest first, 50 at a time", async () => {
    const customerId = ids[0]!;
    for (let i = 0; i < 55; i++) {
      await db().timelineEvent.create({
        data: {
          shopId,
          customerId,
          type: "NOTE",
          title: `Note ${i}`,
          dedupeKey: `note-${i}`,
          occurredAt: new Date(base.getTime() + i * 1000),
        },
      });
    }
    const first = await listCustomerTimeline({ shopId, customerId });
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.title).toBe("Note 54");
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await listCustomerTimeline({ shopId, customerId, cursor: first.pageInfo.endCursor });
    expect(second.events.map((e) => e.title)).toEqual(["Note 4", "Note 3", "Note 2", "Note 1", "Note 0"]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.pageInfo.hasPreviousPage).toBe(true);
  });
});

describe("analytics", () => {
  it("computes the last 30 days from orders, checkout events and messages of this shop only", async () => {
    const now = new Date("2026-06-30T12:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);
    const shop = await createShop("analytics");
    const other = await createShop("analytics-other");
    const customer = await createCustomer(shop.id, { firstName: "Ann" });
    const otherCustomer = await createCustomer(other.id, { firstName: "Zed" });

    expect((await getAnalytics(shop.id, { now })).hasData).toBe(false);

    let orderId = 1n;
    const order = (shopId: string, totalPrice: string, processedAt: Date, extra: Record<string, unknown> = {}) =>
      db().order.create({
        data: { shopId, shopifyOrderId: orderId++, currency: "EUR", totalPrice, processedAt, ...extra },
      });
    await order(shop.id, "100.50", daysAgo(1));
    await order(shop.id, "49.50", daysAgo(29));
    await order(shop.id, "20.00", daysAgo(3), { currency: "USD" });
    await order(shop.id, "999.00", daysAgo(2), { cancelledAt: daysAgo(1) });
    await order(shop.id, "500.00", daysAgo(31));
    await order(other.id, "777.00", daysAgo(1));

    let k = 0;
    const event = (
      shopId: string,
      customerId: string,
      type: "CHECKOUT_STARTED" | "CHECKOUT_ABANDONED" | "CHECKOUT_RECOVERED",
      occurredAt: Date,
    ) =>
      db().timelineEvent.create({ data: { shopId, customerId, type, occurredAt, title: type, dedupeKey: `e${k++}` } });
    await event(shop.id, customer.id, "CHECKOUT_STARTED", daysAgo(5));
    await event(shop.id, customer.id, "CHECKOUT_STARTED", daysAgo(6));
    await event(shop.id, customer.id, "CHECKOUT_STARTED", daysAgo(7));
    await event(shop.id, customer.id, "CHECKOUT_ABANDONED", daysAgo(5));
    await event(shop.id, customer.id, "CHECKOUT_ABANDONED", daysAgo(6));
    await event(shop.id, customer.id, "CHECKOUT_RECOVERED", daysAgo(4));
    await event(shop.id, customer.id, "CHECKOUT_STARTED", daysAgo(40));
    await event(other.id, otherCustomer.id, "CHECKOUT_ABANDONED", daysAgo(2));

    const conv = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId: shop.id, customerId: customer.id },
    });
    const otherConv = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId: other.id, customerId: otherCustomer.id },
    });
    const msg = (m: Parameters<typeof createMessage>[3]) => createMessage(shop.id, conv.id, customer.id, m);
    await msg({ channel: "SMS", direction: "OUTBOUND", createdAt: daysAgo(1) });
    await msg({ channel: "SMS", direction: "OUTBOUND", deliveryStatus: "FAILED", createdAt: daysAgo(1) });
    await msg({ channel: "SMS", direction: "INBOUND", createdAt: daysAgo(2) });
    await msg({ channel: "EMAIL", direction: "OUTBOUND", deliveryStatus: "OPENED", createdAt: daysAgo(3) });
    await msg({ channel: "EMAIL", direction: "OUTBOUND", internal: true, createdAt: daysAgo(3) });
    await msg({ channel: "WHATSAPP", direction: "INBOUND", createdAt: daysAgo(45) });
    await createMessage(other.id, otherConv.id, otherCustomer.id, {
      channel: "SMS",
      direction: "OUTBOUND",
      createdAt: daysAgo(1),
    });

    const a = await getAnalytics(shop.id, { now });
    expect(a.hasData).toBe(true);
    expect(a.orders).toBe(3);
    expect(a.cancelledOrders).toBe(1);
    expect(a.revenueByCurrency).toEqual([
      { currency: "EUR", orders: 2, revenue: "150" },
      { currency: "USD", orders: 1, revenue: "20" },
    ]);
    expect(a.checkouts).toEqual({ started: 3, abandoned: 2, recovered: 1 });
    expect(a.messages).toEqual([
      { channel: "EMAIL", sent: 1, received: 0, failed: 0 },
      { channel: "SMS", sent: 2, received: 1, failed: 1 },
    ]);

    const summary = await getHomeSummary(shop.id, now);
    expect(summary).toMatchObject({ customers: 1, openConversations: 1 });
  });
});
