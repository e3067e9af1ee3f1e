// People, not ids, in Chromium against the real demo (embedded PGlite): inbox cards name an
// anonymous chat visitor and an Instagram user by their label, never by a platform id; a
// conversation reads as one thread with its order events folded into one row above the message;
// and from a known customer's page, merge search finds the chat visitor by its label, and the page
// says which way the merge went.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDb, startDemoInBrowser, type DemoInBrowser } from "../support/demo-browser";
import { screenshot } from "../support/browser";
import type { RunningDemo } from "../../scripts/demo/run-demo";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

let demo: RunningDemo;
let session: DemoInBrowser;
let page: Page;
let dialogs: string[] = [];
const VISITOR_ID = "Xv5rh-zXXQT11wOhE11ryG";
const INSTAGRAM_ID = "17841499990004";

beforeAll(async () => {
  session = await startDemoInBrowser("people", 1000);
  ({ demo, page, dialogs } = session);
}, 180_000);

afterAll(async () => {
  await session?.close();
});

/** An anonymous customer who wrote on `channel`, known only by a platform id. */
async function anonymousWriter(kind: "CHAT_VISITOR" | "INSTAGRAM", value: string, body: string) {
  const db = await demoDb();
  const shop = await db.shop.findFirstOrThrow({ where: { domain: "threadline-demo.myshopify.com" } });
  const customer = await db.customer.create({ data: { shopId: shop.id } });
  await db.customerIdentity.create({ data: { shopId: shop.id, customerId: customer.id, kind, value } });
  const channel = kind === "CHAT_VISITOR" ? "CHAT" : "INSTAGRAM";
  const conversation = await db.conversation.create({
    data: {
      shopId: shop.id,
      customerId: customer.id,
      openCustomerId: customer.id,
      replyToken: newCaseInsensitiveToken(),
      lastInboundChannel: channel,
      lastInboundAt: new Date(),
      lastMessagePreview: body,
      unreadCount: 1,
      ...(kind === "CHAT_VISITOR"
        ? {
            visitorPage: {
              url: "https://threadline-demo.myshopify.com/products/linen-shirt",
              type: "product",
              product: { title: "Linen shirt", price: "$49.00" },
            },
            visitorPageAt: new Date(),
          }
        : {}),
    },
  });
  await db.message.create({
    data: {
      shopId: shop.id,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "INBOUND",
      channel,
      author: "CUSTOMER",
      body,
      deliveryStatus: "RECEIVED",
      idempotencyKey: `e2e-people-${value}`,
    },
  });
  return { shopId: shop.id, customer, conversation };
}

describe("people, not ids, in Chromium", () => {
  it("GIVEN an anonymous chat visitor and an Instagram user WHEN the inbox lists them THEN cards show labels and no raw id", async () => {
    await anonymousWriter("CHAT_VISITOR", VISITOR_ID, "Do you ship to Canada?");
    await anonymousWriter("INSTAGRAM", INSTAGRAM_ID, "Is the tote back in stock?");
    await page.goto(`${demo.url}/app/inbox`);
    await page.locator("h1", { hasText: "Inbox" }).first().waitFor();
    await page.getByText("Visitor on Linen shirt").first().waitFor({ timeout: 30_000 });
    const list = (await page.locator("table").first().textContent()) ?? "";
    expect(list).toContain("Instagram user");
    for (const raw of [VISITOR_ID, INSTAGRAM_ID, "visitor-demo-", "1784140000000", "2470000000", "Unnamed customer"]) {
      expect(list).not.toContain(raw);
    }
    await screenshot(page, "people-01-inbox-labels");
  });

  it("GIVEN a demo customer with many order events and one message WHEN the conversation opens THEN the events are one folded row above the message, and expand on Show", async () => {
    const db = await demoDb();
    // The seeded WhatsApp thread: one message from a customer the backfill gave orders.
    const message = await db.message.findFirstOrThrow({
      where: { idempotencyKey: { startsWith: "demo:WHATSAPP:" } },
      include: { conversation: true },
    });
    const events = await db.timelineEvent.count({
      where: { customerId: message.customerId, messageId: null, occurredAt: { lt: message.createdAt } },
    });
    expect(events).toBeGreaterThanOrEqual(2);
    await page.goto(`${demo.url}/app/inbox/${message.conversationId}`);
    const thread = page.getByRole("log", { name: "Conversation" });
    await thread.waitFor();
    const text = (await thread.textContent()) ?? "";
    const folded = /(\d+) (order events|events|order events?, \d+ [a-z ]+)/.exec(text);
    expect(folded).not.toBeNull();
    // Chronological: the folded (older) events come before the message.
    expect(text.indexOf(folded![0])).toBeLessThan(text.indexOf(message.body));
    // Folded: no individual order titles until Show.
    const firstOrder = await db.timelineEvent.findFirstOrThrow({
      where: { customerId: message.customerId, type: "ORDER_PLACED" },
      orderBy: { occurredAt: "asc" },
    });
    expect(text).not.toContain(firstOrder.title);
    await screenshot(page, "people-02-thread-folded");
    await thread.getByRole("button", { name: "Show" }).first().click();
    await thread.getByText(firstOrder.title).first().waitFor();
    await screenshot(page, "people-03-thread-expanded");
    // Started is not later than the first message.
    const main = (await page.textContent("main")) ?? "";
    expect(main).toContain("Started");
    expect(message.conversation.createdAt.getTime()).toBeLessThanOrEqual(message.createdAt.getTime());
  });

  it("GIVEN a known customer's page WHEN staff search the chat visitor by its label and merge THEN it is found and the page names the direction", async () => {
    const db = await demoDb();
    const visitor = await db.customer.findFirstOrThrow({
      where: { identities: { some: { kind: "CHAT_VISITOR", value: VISITOR_ID } } },
    });
    const known = await db.customer.findFirstOrThrow({
      where: {
        shopifyCustomerId: { not: null },
        mergedIntoId: null,
        firstName: { not: null },
        lastName: { not: null },
      },
      orderBy: { shopifyCustomerId: "desc" },
    });
    const knownName = `${known.firstName} ${known.lastName}`;
    await page.goto(`${demo.url}/app/customers/${known.id}/merge`);
    const search = page.getByLabel("Find the customer to merge into this one");
    await search.fill("Visitor on Linen");
    await page.getByRole("link", { name: "Preview merging Visitor on Linen shirt" }).click();
    await page.getByRole("heading", { name: "Consent after the merge" }).waitFor();
    await screenshot(page, "people-04-merge-found-by-label");
    await page.getByRole("button", { name: "Merge customers" }).click();
    await page.waitForURL(new RegExp(`/app/customers/${known.id}\\?merged=`));
    await page.getByText(`Merged Visitor on Linen shirt into ${knownName} (this customer)`).first().waitFor();
    expect((await db.customer.findUniqueOrThrow({ where: { id: visitor.id } })).mergedIntoId).toBe(known.id);
    const main = (await page.textContent("main")) ?? "";
    expect(main).not.toContain(VISITOR_ID); // the visitor id sits behind "Show ids"
    await screenshot(page, "people-05-merged");
    await page.getByRole("button", { name: "Show ids" }).first().click();
    await page.getByText(VISITOR_ID).first().waitFor();
    expect(dialogs).toEqual([]);
  }, 120_000);
});
