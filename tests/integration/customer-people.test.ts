// People, not ids (issue 11): every page names a customer by the same label (a chat visitor by
// where they are on the storefront, never by their visitor id), "Customer since" is Shopify's
// created_at and "Last activity" the customer's latest real activity, a conversation starts with
// its first message, and merge search finds a visitor by its label from the known customer's side,
// with the history naming the direction the merge really went.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { getCustomerDetail, listCustomers } from "../../app/admin-queries/customers.server";
import { getConversation, listConversations } from "../../app/admin-queries/inbox.server";
import { ingestCustomer, ingestOrder } from "../../app/commerce/ingest.server";
import { listMerges, mergeCustomers, mergeOutcome } from "../../app/customers/merge/merge.server";
import { db } from "../../app/db/client.server";
import { threadFor } from "../../app/extension-api/thread.server";
import type { Channel, IdentityKind } from "../../app/generated/prisma/enums";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { customerInputFromRest } from "../../app/webhooks/topics/customers.server";
import { orderInputFromRest } from "../../app/webhooks/topics/orders.server";
import { seedDemoConversations } from "../../scripts/demo/seed-conversations";

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;
const staff = { id: "staff-1", name: "Ada Staff" };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
const fixture = (name: string) => JSON.parse(readFileSync(`tests/fixtures/webhooks/${name}.json`, "utf8")) as unknown;

async function createShop() {
  return db().shop.create({ data: { domain: `people-${uniq()}.myshopify.com`, name: "People", currency: "EUR" } });
}

async function platformCustomer(
  shopId: string,
  kind: IdentityKind,
  value: string,
  extra: { countryCode?: string; visitorPage?: object; channel?: Channel } = {},
) {
  const customer = await db().customer.create({ data: { shopId, countryCode: extra.countryCode ?? null } });
  await db().customerIdentity.create({ data: { shopId, customerId: customer.id, kind, value } });
  const conversation = await db().conversation.create({
    data: {
      shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      replyToken: newCaseInsensitiveToken(),
      lastInboundChannel: extra.channel ?? "CHAT",
      lastMessagePreview: "Is shipping free over $50?",
      lastActivityAt: minutesAgo(5),
      ...(extra.visitorPage ? { visitorPage: extra.visitorPage, visitorPageAt: minutesAgo(5) } : {}),
    },
  });
  await db().message.create({
    data: {
      shopId,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "INBOUND",
      channel: extra.channel ?? "CHAT",
      author: "CUSTOMER",
      body: "Is shipping free over $50?",
      deliveryStatus: "RECEIVED",
      idempotencyKey: uniq(),
      createdAt: minutesAgo(5),
    },
  });
  return { customer, conversation };
}

const linenShirt = {
  url: "https://people.example/products/linen-shirt",
  type: "product",
  product: { title: "Linen shirt", price: "€49.00" },
};

describe("a customer's label", () => {
  it("GIVEN a chat visitor, an Instagram user and a customer with no contact details WHEN the inbox lists them THEN each has a label and no platform id shows", async () => {
    const shop = await createShop();
    const visitor = await platformCustomer(shop.id, "CHAT_VISITOR", "Xv5rh-zXXQT11wOhE11ryG", {
      visitorPage: linenShirt,
    });
    const french = await platformCustomer(shop.id, "CHAT_VISITOR", "visitor-demo-3", {
      countryCode: "FR",
      visitorPage: { url: "https://people.example/cart", type: "cart", cart: { itemCount: 2 } },
    });
    const instagram = await platformCustomer(shop.id, "INSTAGRAM", "17841400000004", { channel: "INSTAGRAM" });
    const nobody = await db().customer.create({ data: { shopId: shop.id } });
    await db().conversation.create({
      data: { shopId: shop.id, customerId: nobody.id, replyToken: newCaseInsensitiveToken() },
    });

    const { conversations } = await listConversations({ shopId: shop.id, filters: { status: "ALL" } });
    const nameOf = (customerId: string) => conversations.find((c) => c.customerId === customerId)?.customerName;

    expect(nameOf(visitor.customer.id)).toBe("Visitor on Linen shirt");
    expect(nameOf(french.customer.id)).toBe("Visitor from France, on the cart");
    expect(nameOf(instagram.customer.id)).toBe("Instagram user");
    expect(nameOf(nobody.id)).toBe("Customer without contact details");
    const shown = JSON.stringify(conversations.map((c) => c.customerName));
    for (const id of ["Xv5rh-zXXQT11wOhE11ryG", "visitor-demo-3", "17841400000004", "Unnamed"]) {
      expect(shown).not.toContain(id);
    }

    // The same label on the conversation page, the customer page and the admin block.
    expect((await getConversation(shop.id, visitor.conversation.id)).conversation.customerName).toBe(
      "Visitor on Linen shirt",
    );
    expect((await getCustomerDetail(shop.id, visitor.customer.id)).customer.name).toBe("Visitor on Linen shirt");
    expect((await threadFor(shop.id, visitor.customer.id)).customer?.name).toBe("Visitor on Linen shirt");
  });

  it("GIVEN chat visitors known only by their label WHEN the inbox is searched for words of that label THEN their conversations are found", async () => {
    const shop = await createShop();
    const visitor = await platformCustomer(shop.id, "CHAT_VISITOR", `v-${uniq()}`, { visitorPage: linenShirt });
    const french = await platformCustomer(shop.id, "CHAT_VISITOR", `v-${uniq()}`, { countryCode: "FR" });
    const instagram = await platformCustomer(shop.id, "INSTAGRAM", `ig-${uniq()}`, { channel: "INSTAGRAM" });
    const search = async (q: string) =>
      (await listConversations({ shopId: shop.id, filters: { status: "ALL", q } })).conversations
        .map((c) => c.customerId)
        .sort();

    expect(await search("linen shirt")).toEqual([visitor.customer.id]);
    expect(await search("Visitor from France")).toEqual([french.customer.id]);
    expect(await search("instagram user")).toEqual([instagram.customer.id]);
    expect(await search("visitor")).toEqual([visitor.customer.id, french.customer.id].sort());
    // A platform id is not a label: it finds nothing.
    expect(await search("17841400000004")).toEqual([]);
  });
});

describe("a customer's dates", () => {
  it("GIVEN a customers/create and an orders/create payload WHEN they are ingested THEN the customer keeps Shopify's created_at", async () => {
    const shop = await createShop();
    const { customerId } = await ingestCustomer(shop.id, customerInputFromRest(fixture("customers-create")), "webhook");
    const saved = await db().customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(saved.shopifyCreatedAt?.toISOString()).toBe(new Date("2026-11-20T14:02:11-05:00").toISOString());

    const other = await createShop();
    await ingestOrder(other.id, orderInputFromRest(fixture("orders-create")), "webhook");
    const fromOrder = await db().customer.findFirstOrThrow({ where: { shopId: other.id } });
    expect(fromOrder.shopifyCreatedAt?.toISOString()).toBe(new Date("2026-11-20T14:02:11-05:00").toISOString());
  });

  it("GIVEN a customer Shopify created long ago, imported today, who wrote yesterday WHEN the customer page and list load THEN Customer since is Shopify's date and Last activity the message", async () => {
    const shop = await createShop();
    const shopifyCreatedAt = new Date("2024-03-05T10:00:00Z");
    const customer = await db().customer.create({
      data: { shopId: shop.id, firstName: "Maya", lastName: "Okafor", shopifyCreatedAt },
    });
    const wroteAt = minutesAgo(24 * 60);
    const conversation = await db().conversation.create({
      data: { shopId: shop.id, customerId: customer.id, replyToken: newCaseInsensitiveToken() },
    });
    await db().message.create({
      data: {
        shopId: shop.id,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "INBOUND",
        channel: "SMS",
        author: "CUSTOMER",
        body: "hello",
        deliveryStatus: "RECEIVED",
        idempotencyKey: uniq(),
        createdAt: wroteAt,
      },
    });
    const unknownToShopify = await db().customer.create({ data: { shopId: shop.id, email: "walk-in@example.com" } });

    const detail = await getCustomerDetail(shop.id, customer.id);
    expect(detail.customer.customerSince.toISOString()).toBe(shopifyCreatedAt.toISOString());
    expect(detail.customer.lastActivityAt?.toISOString()).toBe(wroteAt.toISOString());
    const walkIn = await getCustomerDetail(shop.id, unknownToShopify.id);
    expect(walkIn.customer.customerSince.toISOString()).toBe(unknownToShopify.createdAt.toISOString());
    expect(walkIn.customer.lastActivityAt).toBeNull();

    const { customers } = await listCustomers({ shopId: shop.id });
    expect(customers.find((c) => c.id === customer.id)?.lastActivityAt?.toISOString()).toBe(wroteAt.toISOString());
    expect(customers.find((c) => c.id === unknownToShopify.id)?.lastActivityAt).toBeNull();
  });

  it("GIVEN a conversation created after its first message (moved in by a merge) WHEN it loads THEN it started with that message", async () => {
    const shop = await createShop();
    const { conversation } = await platformCustomer(shop.id, "CHAT_VISITOR", `v-${uniq()}`);
    const first = await db().message.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(first.createdAt.getTime()).toBeLessThan(conversation.createdAt.getTime());
    const { conversation: loaded } = await getConversation(shop.id, conversation.id);
    expect(loaded.startedAt.toISOString()).toBe(first.createdAt.toISOString());
  });

  it("GIVEN the demo seeder WHEN it seeds THEN no conversation starts later than its first message", async () => {
    const shop = await createShop();
    for (let i = 0; i < 6; i++) {
      await db().customer.create({
        data: {
          shopId: shop.id,
          shopifyCustomerId: BigInt(9000 + i),
          firstName: `Demo${i}`,
          email: `demo${i}-${uniq()}@example.com`,
          phone: `+1555000${1000 + i}`,
        },
      });
    }
    expect(await seedDemoConversations(shop.id)).toBe(6);
    const conversations = await db().conversation.findMany({
      where: { shopId: shop.id },
      include: { messages: { orderBy: { createdAt: "asc" }, take: 1 } },
    });
    expect(conversations).toHaveLength(6);
    for (const c of conversations) expect(c.createdAt.getTime()).toBeLessThanOrEqual(c.messages[0].createdAt.getTime());
  });
});

describe("merge from the known side", () => {
  async function janeAndVisitor() {
    const shop = await createShop();
    const jane = await db().customer.create({
      data: {
        shopId: shop.id,
        firstName: "Jane",
        lastName: "Cooper",
        email: `jane-${uniq()}@example.com`,
        shopifyCustomerId: 4242n,
      },
    });
    const { customer: visitor } = await platformCustomer(shop.id, "CHAT_VISITOR", `v-${uniq()}`, {
      visitorPage: linenShirt,
    });
    return { shop, jane, visitor };
  }

  it("GIVEN Jane Cooper and an anonymous chat visitor WHEN staff on Jane's page search by the visitor's label THEN the visitor is found", async () => {
    const { shop, jane, visitor } = await janeAndVisitor();
    for (const q of ["Visitor on Linen", "visitor", "linen shirt"]) {
      const { customers } = await listCustomers({ shopId: shop.id, q, pageSize: 10 });
      const found = customers.filter((c) => c.id !== jane.id);
      expect(found.map((c) => ({ id: c.id, name: c.name }))).toEqual([
        { id: visitor.id, name: "Visitor on Linen shirt" },
      ]);
    }
    const { customers: none } = await listCustomers({ shopId: shop.id, q: "Instagram", pageSize: 10 });
    expect(none).toEqual([]);
  });

  it("GIVEN the visitor merged into Jane WHEN the history loads THEN it reads 'Merged <visitor> into Jane Cooper'", async () => {
    const { shop, jane, visitor } = await janeAndVisitor();
    const { mergeId } = await mergeCustomers(shop.id, jane.id, visitor.id, staff);

    const [entry] = await listMerges(shop.id, jane.id);
    expect(entry).toMatchObject({ mergedName: "Visitor on Linen shirt", survivorName: "Jane Cooper" });
    expect(await mergeOutcome(shop.id, mergeId, jane.id)).toEqual({
      mergedId: visitor.id,
      mergedName: "Visitor on Linen shirt",
      survivorName: "Jane Cooper",
    });
    const event = await db().timelineEvent.findFirstOrThrow({
      where: { shopId: shop.id, customerId: jane.id, type: "CUSTOMER_MERGED" },
    });
    expect(event.title).toBe("Merged Visitor on Linen shirt into Jane Cooper");
  });

  it("GIVEN Jane merged into the visitor (from the visitor's page) WHEN the history loads THEN it names Jane as the source and the visitor as the target, though the visitor now carries Jane's name", async () => {
    const { shop, jane, visitor } = await janeAndVisitor();
    const { mergeId } = await mergeCustomers(shop.id, visitor.id, jane.id, staff);
    expect((await db().customer.findUniqueOrThrow({ where: { id: visitor.id } })).firstName).toBe("Jane");

    const [entry] = await listMerges(shop.id, visitor.id);
    expect(entry).toMatchObject({
      survivorId: visitor.id,
      mergedId: jane.id,
      mergedName: "Jane Cooper",
      survivorName: "Visitor on Linen shirt",
    });
    expect(await mergeOutcome(shop.id, mergeId, visitor.id)).toMatchObject({
      mergedName: "Jane Cooper",
      survivorName: "Visitor on Linen shirt",
    });
    // Another customer's merge, or another shop's, tells nothing.
    expect(await mergeOutcome(shop.id, mergeId, jane.id)).toBeNull();
    expect(await mergeOutcome((await createShop()).id, mergeId, visitor.id)).toBeNull();
  });
});
