// The storefront chat API through the app proxy, signed exactly as Shopify signs proxied requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { db } from "../../app/db/client.server";
import { action, loader } from "../../app/routes/proxy.chat.messages";
import { action as historyAction } from "../../app/routes/proxy.chat.history";
import { hashSecret, newSecretToken } from "../../app/lib/secret-token.server";
import { signedAppProxyRequest } from "../support/app-proxy";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

let shopId: string;
beforeAll(async () => {
  shopId = (await createShop()).id;
});
afterAll(async () => {
  await closeChatRateLimiter();
});

const PATH = "/proxy/chat/messages";
const HISTORY = "/proxy/chat/history";
const visitor = () => `v_${randomUUID().replace(/-/g, "")}`;
const args = (request: Request) => ({ request, params: {}, context: {} }) as Parameters<typeof action>[0];
/** Each visitor id's browser secret, as the widget keeps it beside the id. */
const secrets = new Map<string, string>();
const secretOf = (visitorId: string) => {
  if (!secrets.has(visitorId)) secrets.set(visitorId, newSecretToken());
  return secrets.get(visitorId)!;
};
/** `secret: null` leaves the secret out of the body. */
type As = { loggedInCustomerId?: string; secret?: string | null; shop?: string; forwardedFor?: string };
const secretField = (visitorId: string, secret: string | null | undefined) =>
  secret === null ? {} : { visitorSecret: secret ?? secretOf(visitorId) };

function send(visitorId: string, text: string, over: As & { email?: string; clientMessageId?: string } = {}) {
  return action(
    args(
      signedAppProxyRequest({
        path: PATH,
        shop: over.shop ?? TEST_SHOP_DOMAIN,
        loggedInCustomerId: over.loggedInCustomerId,
        forwardedFor: over.forwardedFor,
        json: {
          visitorId,
          ...secretField(visitorId, over.secret),
          text,
          ...(over.email ? { email: over.email } : {}),
          ...(over.clientMessageId ? { clientMessageId: over.clientMessageId } : {}),
        },
      }),
    ),
  );
}

function read(visitorId: string, after?: string, over: As = {}) {
  return historyAction(
    args(
      signedAppProxyRequest({
        path: HISTORY,
        shop: TEST_SHOP_DOMAIN,
        loggedInCustomerId: over.loggedInCustomerId,
        json: { visitorId, ...secretField(visitorId, over.secret), ...(after ? { after } : {}) },
      }),
    ),
  );
}

async function history(visitorId: string, after?: string, loggedInCustomerId?: string) {
  const res = await read(visitorId, after, { loggedInCustomerId });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    messages: Array<{ text: string; author: string; cursor: string }>;
    cursor: string | null;
  };
}

describe("storefront chat API", () => {
  it("GIVEN a new visitor WHEN they write THEN an anonymous customer with a CHAT_VISITOR identity and an open conversation", async () => {
    const id = visitor();
    const res = await send(id, "Hello, is this in stock?");
    expect(res.status).toBe(201);
    const { message } = await res.json();
    expect(message).toMatchObject({ direction: "inbound", author: "customer", text: "Hello, is this in stock?" });
    const identity = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: id } },
    });
    const row = await db().message.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ channel: "CHAT", direction: "INBOUND", customerId: identity.customerId });
    const conv = await db().conversation.findUniqueOrThrow({ where: { id: row.conversationId } });
    expect(conv).toMatchObject({ status: "OPEN", lastInboundChannel: "CHAT", unreadCount: 1 });
  });

  it("GIVEN a staff reply and an internal note THEN GET returns the reply, not the note, and paginates with the cursor", async () => {
    const id = visitor();
    const first = await (await send(id, "first")).json();
    const row = await db().message.findUniqueOrThrow({ where: { id: first.message.id } });
    const base = { shopId, conversationId: row.conversationId, customerId: row.customerId, channel: "CHAT" as const };
    await db().message.create({
      data: {
        ...base,
        direction: "OUTBOUND",
        author: "STAFF",
        authorName: "Sam Smith",
        body: "Yes, it is!",
        deliveryStatus: "SENT",
        idempotencyKey: `t-${randomUUID()}`,
        createdAt: new Date(Date.now() + 1000),
      },
    });
    await db().message.create({
      data: {
        ...base,
        direction: "OUTBOUND",
        author: "STAFF",
        internal: true,
        body: "secret note",
        deliveryStatus: "SENT",
        idempotencyKey: `t-${randomUUID()}`,
        createdAt: new Date(Date.now() + 2000),
      },
    });
    const all = await history(id);
    expect(all.messages.map((m) => m.text)).toEqual(["first", "Yes, it is!"]);
    expect(all.messages[1]).toMatchObject({ author: "staff", authorName: "Sam" });
    expect(JSON.stringify(all)).not.toContain("secret note");
    const after = await history(id, all.messages[0].cursor);
    expect(after.messages.map((m) => m.text)).toEqual(["Yes, it is!"]);
    expect((await history(id, all.cursor!)).messages).toEqual([]);
  });

  it("GIVEN a bad signature THEN 401 and nothing is stored", async () => {
    const id = visitor();
    const forged = signedAppProxyRequest({
      path: PATH,
      shop: TEST_SHOP_DOMAIN,
      json: { visitorId: id, text: "forged" },
      secret: "wrong-secret",
    });
    expect((await action(args(forged))).status).toBe(401);
    const unsigned = signedAppProxyRequest({
      path: HISTORY,
      shop: TEST_SHOP_DOMAIN,
      json: { visitorId: id, visitorSecret: secretOf(id) },
      signature: "00",
    });
    expect((await historyAction(args(unsigned))).status).toBe(401);
    expect(await db().message.count({ where: { shopId, fromAddress: id } })).toBe(0);
  });

  it("GIVEN empty or over-long text THEN 400", async () => {
    const id = visitor();
    expect((await send(id, "   ")).status).toBe(400);
    expect((await send(id, "x".repeat(2001))).status).toBe(400);
    expect((await send(id, "x".repeat(2000))).status).toBe(201);
  });

  it("GIVEN 10 messages in a minute THEN the 11th answers 429 with a friendly JSON error and is not stored", async () => {
    const id = visitor();
    for (let i = 0; i < 10; i++) expect((await send(id, `message ${i}`)).status).toBe(201);
    const res = await send(id, "one too many");
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/wait a moment/), code: "rate_limited" });
    expect(await db().message.count({ where: { shopId, fromAddress: id } })).toBe(10);
  });

  it("GIVEN a retried POST with the same clientMessageId THEN it is stored once", async () => {
    const id = visitor();
    expect((await send(id, "once", { clientMessageId: "client-msg-0001" })).status).toBe(201);
    expect((await send(id, "once", { clientMessageId: "client-msg-0001" })).status).toBe(200);
    expect(await db().message.count({ where: { shopId, fromAddress: id } })).toBe(1);
  });

  it("GIVEN a script payload THEN it is stored and returned as plain text, verbatim", async () => {
    const id = visitor();
    const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    await send(id, payload);
    const [m] = (await history(id)).messages;
    expect(m.text).toBe(payload);
  });

  it("GIVEN an anonymous chat WHEN the shopper signs in THEN the visitor identity and its messages move to the Shopify customer", async () => {
    const id = visitor();
    await send(id, "before sign-in");
    const anon = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: id } },
    });
    const known = await db().customer.create({
      data: { shopId, shopifyCustomerId: 7001n, email: "known@example.com" },
    });
    await db().customerIdentity.create({
      data: { shopId, customerId: known.id, kind: "SHOPIFY_CUSTOMER", value: "7001" },
    });
    expect((await send(id, "after sign-in", { loggedInCustomerId: "7001" })).status).toBe(201);
    const moved = await db().message.findMany({ where: { shopId, fromAddress: id }, orderBy: { createdAt: "asc" } });
    expect(moved.map((m) => m.customerId)).toEqual([known.id, known.id]);
    expect(new Set(moved.map((m) => m.conversationId)).size).toBe(1);
    const identity = await db().customerIdentity.findUniqueOrThrow({ where: { id: anon.id } });
    expect(identity.customerId).toBe(known.id);
    expect(await db().conversation.count({ where: { customerId: anon.customerId } })).toBe(0);
    // Signed in, the shopper sees both; signed out, the visitor id no longer reads the account's chat.
    expect((await history(id, undefined, "7001")).messages.map((m) => m.text)).toEqual([
      "before sign-in",
      "after sign-in",
    ]);
    expect((await history(id)).messages).toEqual([]);
  });

  it("GIVEN an anonymous chat WHEN the signed-in shopper's widget first polls THEN the earlier chat joins their record before they write again", async () => {
    const id = visitor();
    await send(id, "asked before signing in");
    const anon = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: id } },
    });
    const known = await db().customer.create({ data: { shopId, shopifyCustomerId: 7002n } });

    const page = await history(id, undefined, "7002");

    expect(page.messages.map((m) => m.text)).toEqual(["asked before signing in"]);
    const [moved] = await db().message.findMany({ where: { shopId, fromAddress: id } });
    expect(moved.customerId).toBe(known.id);
    expect((await db().customerIdentity.findUniqueOrThrow({ where: { id: anon.id } })).customerId).toBe(known.id);
    // A poll by someone else signed in on the same browser later does not move it again.
    const other = await db().customer.create({ data: { shopId, shopifyCustomerId: 7003n } });
    expect((await history(id, undefined, "7003")).messages).toEqual([]);
    expect((await db().message.findUniqueOrThrow({ where: { id: moved.id } })).customerId).toBe(known.id);
    expect(await db().message.count({ where: { customerId: other.id } })).toBe(0);
  });

  it("GIVEN an email typed by an anonymous visitor THEN it never links to the existing customer with that email", async () => {
    const owner = await db().customer.create({ data: { shopId, email: "victim@example.com" } });
    await db().customerIdentity.create({
      data: { shopId, customerId: owner.id, kind: "EMAIL", value: "victim@example.com" },
    });
    const id = visitor();
    await send(id, "hi", { email: "victim@example.com" });
    const [m] = await db().message.findMany({ where: { shopId, fromAddress: id } });
    expect(m.customerId).not.toBe(owner.id);
  });
});

describe("staff replies to a storefront chat", () => {
  it("GIVEN a visitor's chat WHEN staff reply on Chat from the inbox THEN the reply is stored as sent and the widget's poll returns it", async () => {
    const { replyOptionsFor, sendStaffReply } = await import("../../app/conversations/staff-reply.server");
    const { sendMessage } = await import("../../app/messages/send-message.server");
    const visitorId = visitor();
    expect((await send(visitorId, "Do you ship to Canada?")).status).toBe(201);
    const inbound = await db().message.findFirstOrThrow({
      where: { shopId, channel: "CHAT", body: "Do you ship to Canada?" },
    });

    const options = await replyOptionsFor(shopId, inbound.customerId, { lastInboundChannel: "CHAT" });
    expect(options.defaultChannel).toBe("CHAT");
    const result = await sendStaffReply({
      shopId,
      conversationId: inbound.conversationId,
      staff: { id: "staff-1", name: "Sam Rivera" },
      channel: "CHAT",
      body: "Yes, we ship to Canada in 3–5 days.",
      clientId: randomUUID(),
    });
    expect(result.ok).toBe(true);
    const messageId = (result as { messageId: string }).messageId;
    await sendMessage(messageId); // what the send worker does
    const stored = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(stored).toMatchObject({ channel: "CHAT", direction: "OUTBOUND", deliveryStatus: "SENT" });

    const { messages } = await history(visitorId);
    expect(messages.map((m) => m.text)).toEqual(["Do you ship to Canada?", "Yes, we ship to Canada in 3–5 days."]);
  });
});

describe("visitor secrets: a visitor id alone reads and moves nothing (issue 10, item 5)", () => {
  it("GIVEN visitor A's anonymous chat WHEN signed-in shopper B presents A's visitor id without A's secret THEN 401/403, B sees nothing and A's chat stays A's", async () => {
    // GIVEN A chats anonymously
    const a = visitor();
    expect((await send(a, "my address is 12 Elm St")).status).toBe(201);
    const identity = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: a } },
    });
    const b = await db().customer.create({ data: { shopId, shopifyCustomerId: 7101n } });

    // WHEN B (signed in) reads and writes with A's visitor id: no secret, then a guessed one
    const noSecretRead = await read(a, undefined, { loggedInCustomerId: "7101", secret: null });
    const wrongSecretRead = await read(a, undefined, { loggedInCustomerId: "7101", secret: newSecretToken() });
    const noSecretSend = await send(a, "hijack", { loggedInCustomerId: "7101", secret: null });
    const wrongSecretSend = await send(a, "hijack", { loggedInCustomerId: "7101", secret: newSecretToken() });

    // THEN each is refused with a clear JSON error and no message text
    expect(noSecretRead.status).toBe(401);
    expect(await noSecretRead.json()).toEqual({
      error: "This chat needs its visitor secret.",
      code: "visitor_secret_required",
    });
    expect(wrongSecretRead.status).toBe(403);
    expect(await wrongSecretRead.json()).toEqual({
      error: "This chat belongs to another browser.",
      code: "visitor_secret_mismatch",
    });
    expect(noSecretSend.status).toBe(401);
    expect(wrongSecretSend.status).toBe(403);
    // AND nothing moved: the identity and A's message stay with A's anonymous customer
    const after = await db().customerIdentity.findUniqueOrThrow({ where: { id: identity.id } });
    expect(after.customerId).toBe(identity.customerId);
    const messages = await db().message.findMany({ where: { shopId, fromAddress: a } });
    expect(messages.map((m) => [m.body, m.customerId])).toEqual([["my address is 12 Elm St", identity.customerId]]);
    expect(await db().message.count({ where: { customerId: b.id } })).toBe(0);
    expect(await db().conversation.count({ where: { customerId: b.id } })).toBe(0);
    // AND A, with the secret, still reads their chat
    expect((await history(a)).messages.map((m) => m.text)).toEqual(["my address is 12 Elm St"]);
  });

  it("GIVEN a new visitor THEN only the hash of their secret is stored, and the same id with another secret is refused", async () => {
    const id = visitor();
    expect((await send(id, "hello")).status).toBe(201);
    const identity = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: id } },
    });
    expect(identity.secretHash).toBe(hashSecret(secretOf(id)));
    expect(JSON.stringify(identity)).not.toContain(secretOf(id));
    expect((await send(id, "me too", { secret: newSecretToken() })).status).toBe(403);
    expect((await read(id, undefined, { secret: newSecretToken() })).status).toBe(403);
    expect(await db().message.count({ where: { shopId, fromAddress: id } })).toBe(1);
  });

  it("GIVEN a visitor identity from before secrets (no hash) THEN no caller can claim it, and its chat does not move", async () => {
    const legacy = await db().customer.create({ data: { shopId } });
    const id = visitor();
    await db().customerIdentity.create({ data: { shopId, customerId: legacy.id, kind: "CHAT_VISITOR", value: id } });
    expect((await read(id)).status).toBe(403);
    expect((await send(id, "claim", { loggedInCustomerId: "7102" })).status).toBe(403);
    expect(
      (
        await db().customerIdentity.findUniqueOrThrow({
          where: { shopId_kind_value: { shopId, kind: "CHAT_VISITOR", value: id } },
        })
      ).secretHash,
    ).toBeNull();
    expect(await db().message.count({ where: { shopId, fromAddress: id } })).toBe(0);
  });

  it("GIVEN the old GET read with the visitor id in the query string THEN 405 and no messages", async () => {
    const id = visitor();
    await send(id, "private");
    const res = await loader(
      args(signedAppProxyRequest({ path: PATH, shop: TEST_SHOP_DOMAIN, query: { visitorId: id } })),
    );
    expect(res.status).toBe(405);
    expect(JSON.stringify(await res.json())).not.toContain("private");
  });
});

describe("flood limits that inventing visitor ids cannot reset (issue 10, item 6)", () => {
  it("GIVEN 50 fresh anonymous visitor ids in a few seconds THEN only the per-shop limit's 20 new chats are created, the rest answer 429 busy", async () => {
    const flooded = await createShop({ domain: "flooded-shop.myshopify.com" });
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await send(visitor(), `spam ${i}`, { shop: flooded.domain }));

    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    expect(await results[20]!.json()).toEqual({
      error: "We're receiving a lot of new chats right now. Please try again in a few minutes.",
      code: "busy",
    });
    expect(results[20]!.headers.get("Retry-After")).toBe("60");
    expect(await db().customer.count({ where: { shopId: flooded.id } })).toBe(20);
    expect(await db().conversation.count({ where: { shopId: flooded.id } })).toBe(20);
    expect(await db().message.count({ where: { shopId: flooded.id } })).toBe(20);
    // An existing chat is not new: it carries on while the shop's new-chat window is full.
    const first = await db().customerIdentity.findFirstOrThrow({ where: { shopId: flooded.id, kind: "CHAT_VISITOR" } });
    expect((await send(first.value, "still here", { shop: flooded.domain })).status).toBe(201);
  });

  it("GIVEN one client address (X-Forwarded-For from the app proxy) THEN it starts at most 5 new chats a minute, while other addresses still can", async () => {
    // (A shop of its own, so the per-shop window is not what fills.)
    const { domain: shop } = await createShop({ domain: "address-shop.myshopify.com" });
    const address = "203.0.113.7";
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await send(visitor(), `hi ${i}`, { shop, forwardedFor: address })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    // Another address, and the same shopper's existing chat, are unaffected.
    expect((await send(visitor(), "hello", { shop, forwardedFor: "198.51.100.20" })).status).toBe(201);
    const mine = visitor();
    expect((await send(mine, "first", { shop, forwardedFor: "192.0.2.44" })).status).toBe(201);
    for (let i = 0; i < 6; i++) await send(visitor(), `more ${i}`, { shop, forwardedFor: "192.0.2.44" });
    expect((await send(mine, "second", { shop, forwardedFor: "192.0.2.44" })).status).toBe(201);
  });

  it("GIVEN IPv6 shoppers THEN addresses in one /64 share a limit", async () => {
    const { domain: shop } = await createShop({ domain: "ipv6-shop.myshopify.com" });
    const statuses = [];
    for (let i = 1; i <= 6; i++)
      statuses.push(
        (await send(visitor(), `v6 ${i}`, { shop, forwardedFor: `2001:db8:aa:1:${i}::${i.toString(16)}` })).status,
      );
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});
