// The admin UI extension's API (app/routes/api.extension.*): real Shopify session tokens (HS256,
// signed here as Shopify signs them) through authenticate.admin and Remix's own request handling
// (OPTIONS preflight reaches the loader there), shop scoping, { customer: null } for unknown ids,
// and staff replies into the durable send pipeline with one row per clientMessageId.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Session } from "@shopify/shopify-api";
import { db } from "../../app/db/client.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { sessionStorage } from "../../app/shopify.server";
import * as orderRoute from "../../app/routes/api.extension.order.$orderId";
import * as customerRoute from "../../app/routes/api.extension.customer.$customerId";
import * as checkoutRoute from "../../app/routes/api.extension.checkout.$checkoutId";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { signSessionToken } from "../support/session-token";
import { createCustomer, startSendingEnv, type SendingEnv } from "./sending-helpers";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";

const OTHER_SHOP = "other-threadline.myshopify.com";
const ADMIN_ORIGIN = "https://admin.shopify.com";

let env: SendingEnv;
let handle: (request: Request) => Promise<Response>;
let customerId: string;
let orderId: string;
let conversationId: string;
const ids = { order: 5_550_001n, customer: 6_660_001n, checkout: 7_770_001n };

function buildFor(): ServerBuild {
  const route = (id: string, path: string, module: object) => ({
    id,
    parentId: "root",
    path,
    index: undefined,
    caseSensitive: undefined,
    module,
  });
  return {
    mode: "production",
    entry: { module: { default: () => new Response("document", { status: 500 }) } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      "routes/api.extension.order.$orderId": route(
        "routes/api.extension.order.$orderId",
        "api/extension/order/:orderId",
        orderRoute,
      ),
      "routes/api.extension.customer.$customerId": route(
        "routes/api.extension.customer.$customerId",
        "api/extension/customer/:customerId",
        customerRoute,
      ),
      "routes/api.extension.checkout.$checkoutId": route(
        "routes/api.extension.checkout.$checkoutId",
        "api/extension/checkout/:checkoutId",
        checkoutRoute,
      ),
    },
    assets: { routes: {}, entry: { imports: [], module: "" }, url: "", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild;
}

async function storeOfflineSession(shop: string) {
  await sessionStorage.storeSession(
    new Session({ id: `offline_${shop}`, shop, state: randomUUID(), isOnline: false, accessToken: "shpat_test" }),
  );
}

function call(
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers = new Headers({ Origin: ADMIN_ORIGIN, ...init.headers });
  const token = init.token === undefined ? signSessionToken({ shop: TEST_SHOP_DOMAIN }) : init.token;
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (init.body !== undefined) headers.set("Content-Type", "application/json");
  return handle(
    new Request(`http://127.0.0.1:3999${path}`, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
}

const orderPath = (id: bigint | string = ids.order) =>
  `/api/extension/order/${encodeURIComponent(typeof id === "bigint" ? `gid://shopify/Order/${id}` : id)}`;

beforeAll(async () => {
  env = await startSendingEnv();
  handle = createRequestHandler(buildFor(), "production");
  await storeOfflineSession(TEST_SHOP_DOMAIN);
  await createShop({ domain: OTHER_SHOP });
  await storeOfflineSession(OTHER_SHOP);

  const customer = await createCustomer(env.shopId, { phone: "+14155550999", email: "ext@example.com" });
  customerId = customer.id;
  await db().customer.update({ where: { id: customerId }, data: { shopifyCustomerId: ids.customer } });
  await db().customerIdentity.create({
    data: { shopId: env.shopId, customerId, kind: "SHOPIFY_CUSTOMER", value: ids.customer.toString() },
  });
  const order = await db().order.create({
    data: { shopId: env.shopId, shopifyOrderId: ids.order, customerId, name: "#1001" },
  });
  orderId = order.id;
  const other = await db().order.create({ data: { shopId: env.shopId, shopifyOrderId: 5_550_002n, customerId } });
  await db().checkout.create({
    data: { shopId: env.shopId, token: "tok-ext", shopifyCheckoutId: ids.checkout, customerId },
  });
  const fulfillment = await db().fulfillment.create({
    data: { shopId: env.shopId, shopifyFulfillmentId: 8_880_001n, shopifyOrderId: ids.order },
  });
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId: env.shopId,
      customerId,
      openCustomerId: customerId,
      lastInboundChannel: "SMS",
      lastInboundAt: new Date(),
    },
  });
  conversationId = conversation.id;
  const message = (over: Record<string, unknown>) =>
    db().message.create({
      data: {
        shopId: env.shopId,
        conversationId,
        customerId,
        direction: "OUTBOUND",
        channel: "SMS",
        author: "FLOW",
        body: "x",
        deliveryStatus: "DELIVERED",
        idempotencyKey: `t:${randomUUID()}`,
        ...over,
      },
    });
  await message({
    direction: "INBOUND",
    author: "CUSTOMER",
    body: "Where is my <b>order</b>?",
    deliveryStatus: "RECEIVED",
  });
  await message({ author: "STAFF", internal: true, body: "Checked with the warehouse", deliveryStatus: "DELIVERED" });
  const flow = async (kind: "ORDER_CONFIRMATION" | "SHIPPING_UPDATE", name: string) =>
    db().flow.create({ data: { shopId: env.shopId, kind, name } });
  const confirmation = await flow("ORDER_CONFIRMATION", "Order confirmation");
  const shipping = await flow("SHIPPING_UPDATE", "Shipping updates");
  const run = (flowId: string, triggerKey: string) =>
    db().flowRun.create({ data: { shopId: env.shopId, flowId, customerId, triggerKey } });
  const r1 = await run(confirmation.id, `order:${orderId}`);
  const r2 = await run(shipping.id, `fulfillment:${fulfillment.id}:shipped`);
  const r3 = await run(confirmation.id, `order:${other.id}`);
  await message({ flowId: confirmation.id, flowRunId: r1.id, body: "Thanks for order #1001" });
  await message({ flowId: shipping.id, flowRunId: r2.id, body: "#1001 shipped" });
  await message({ flowId: confirmation.id, flowRunId: r3.id, body: "Thanks for your other order" });
  await db().savedReply.create({
    data: { shopId: env.shopId, name: "Thanks", body: "Thanks {{ customer.first_name }}" },
  });
  await db().savedReply.create({
    data: { shopId: env.shopId, name: "Broken", body: "{% if %}" },
  });
});

afterAll(async () => {
  await env?.close();
});

describe("extension API authentication and CORS", () => {
  it("GIVEN a preflight from the Shopify admin WHEN OPTIONS THEN 204 with the CORS headers and no token needed", async () => {
    const res = await call(orderPath(), {
      method: "OPTIONS",
      token: null,
      headers: {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Allow-Headers")).toMatch(/Authorization/);
    expect(res.headers.get("Access-Control-Allow-Headers")).toMatch(/Content-Type/);
  });

  it("GIVEN a token signed with the wrong secret WHEN GET THEN 401 with CORS headers and the retry header", async () => {
    const res = await call(orderPath(), {
      token: signSessionToken({ shop: TEST_SHOP_DOMAIN, secret: "not-the-secret" }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("X-Shopify-Retry-Invalid-Session-Request")).toBe("1");
  });

  it("GIVEN an expired token WHEN GET THEN 401", async () => {
    const res = await call(orderPath(), { token: signSessionToken({ shop: TEST_SHOP_DOMAIN, expiresIn: -120 }) });
    expect(res.status).toBe(401);
  });

  it("GIVEN a token for another app (wrong aud) WHEN GET THEN 401", async () => {
    const res = await call(orderPath(), {
      token: signSessionToken({ shop: TEST_SHOP_DOMAIN, apiKey: "someone-else" }),
    });
    expect(res.status).toBe(401);
  });

  // Correctly signed with our secret, so only what the token claims is wrong: these used to answer 500.
  const wellSignedButRefused: Array<[string, () => string]> = [
    ["a shop that never installed the app", () => signSessionToken({ shop: "never-installed.myshopify.com" })],
    [
      "a dest that does not match iss",
      () => signSessionToken({ shop: TEST_SHOP_DOMAIN, dest: "https://never-installed.myshopify.com" }),
    ],
    [
      "a foreign dest (not a myshopify.com shop)",
      () =>
        signSessionToken({ shop: TEST_SHOP_DOMAIN, iss: "https://evil.example/admin", dest: "https://evil.example" }),
    ],
  ];
  it.each(wellSignedButRefused)(
    "GIVEN a validly signed token for %s WHEN GET or POST THEN 401 JSON with CORS headers, nothing stored; OPTIONS stays a 204 preflight",
    async (_label, token) => {
      const before = await db().message.count();
      for (const method of ["GET", "POST"]) {
        const res = await call(orderPath(), {
          method,
          token: token(),
          body: method === "POST" ? { channel: "SMS", body: "hi", clientMessageId: randomUUID() } : undefined,
        });
        expect(res.status, method).toBe(401);
        expect(res.headers.get("Content-Type"), method).toMatch(/application\/json/);
        expect(await res.json(), method).toEqual({ error: "Unauthorized" });
        expect(res.headers.get("Access-Control-Allow-Origin"), method).toBe("*");
      }
      // A preflight carries no credentials; one that does still only learns the CORS policy.
      const preflight = await call(orderPath(), {
        method: "OPTIONS",
        token: token(),
        headers: { "Access-Control-Request-Method": "POST" },
      });
      expect(preflight.status).toBe(204);
      expect(await db().message.count()).toBe(before);
    },
  );
});

describe("extension API reads", () => {
  it("GIVEN a valid token WHEN GET the order THEN its customer's thread, notes, flow messages of this order, reply options and saved replies", async () => {
    const res = await call(orderPath());
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = await res.json();
    expect(body.customer).toMatchObject({ id: customerId, email: "ext@example.com" });
    expect(body.conversation).toMatchObject({ id: conversationId, appPath: `/app/inbox/${conversationId}` });
    const texts = body.messages.map((m: { body: string }) => m.body);
    expect(texts).toContain("Where is my <b>order</b>?");
    expect(body.messages.find((m: { internal: boolean }) => m.internal)).toMatchObject({
      body: "Checked with the warehouse",
      deliveryStatus: "DELIVERED",
    });
    expect(body.flowMessages.map((m: { body: string }) => m.body).sort()).toEqual([
      "#1001 shipped",
      "Thanks for order #1001",
    ]);
    expect(body.flowMessages[0].flowName).toMatch(/Order confirmation|Shipping updates/);
    expect(body.reply.defaultChannel).toBe("SMS");
    expect(body.reply.options.find((o: { channel: string }) => o.channel === "SMS")).toMatchObject({ allowed: true });
    // Rendered for this customer, ready to insert; a reply whose Liquid fails carries no text.
    expect(body.savedReplies).toEqual([
      { id: expect.any(String), name: "Broken", text: null },
      { id: expect.any(String), name: "Thanks", text: "Thanks Ada" },
    ]);
  });

  it("GIVEN the bare numeric order id WHEN GET THEN the same customer", async () => {
    const body = await (await call(orderPath(ids.order.toString()))).json();
    expect(body.customer.id).toBe(customerId);
  });

  it("GIVEN a customer GID WHEN GET THEN the thread via the SHOPIFY_CUSTOMER identity", async () => {
    const res = await call(`/api/extension/customer/${encodeURIComponent(`gid://shopify/Customer/${ids.customer}`)}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.customer.id).toBe(customerId);
    expect(body.flowMessages).toEqual([]);
    expect(body.messages.length).toBeGreaterThanOrEqual(5);
  });

  it("GIVEN an abandoned checkout GID WHEN GET THEN its customer's thread", async () => {
    const res = await call(
      `/api/extension/checkout/${encodeURIComponent(`gid://shopify/AbandonedCheckout/${ids.checkout}`)}`,
    );
    expect(res.status).toBe(200);
    expect((await res.json()).customer.id).toBe(customerId);
  });

  it("GIVEN an order, customer or checkout we do not know WHEN GET THEN 200 { customer: null }", async () => {
    for (const path of [
      orderPath(999n),
      `/api/extension/customer/${encodeURIComponent("gid://shopify/Customer/999")}`,
      `/api/extension/checkout/${encodeURIComponent("gid://shopify/AbandonedCheckout/999")}`,
    ]) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
      expect((await res.json()).customer).toBeNull();
    }
  });

  it("GIVEN a malformed id WHEN GET THEN 400 with CORS headers", async () => {
    const res = await call(orderPath("gid://shopify/Product/1"));
    expect(res.status).toBe(400);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("GIVEN another installed shop's valid token WHEN it asks for this shop's order THEN it sees nothing of it", async () => {
    const token = signSessionToken({ shop: OTHER_SHOP });
    const res = await call(orderPath(), { token });
    expect(res.status).toBe(200);
    expect((await res.json()).customer).toBeNull();
  });
});

describe("extension API replies", () => {
  it("GIVEN a valid token WHEN POST a reply THEN a STAFF PENDING message is claimed and its send job queued; a second POST with the same clientMessageId creates nothing", async () => {
    const clientMessageId = randomUUID();
    const post = () =>
      call(orderPath(), { method: "POST", body: { channel: "SMS", body: "  On its way today.  ", clientMessageId } });
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const sent = await first.json();
    expect(sent).toMatchObject({
      ok: true,
      created: true,
      conversationId,
      message: { author: "STAFF", body: "On its way today." },
    });
    const row = await db().message.findUniqueOrThrow({ where: { id: sent.message.id } });
    expect(row).toMatchObject({ author: "STAFF", direction: "OUTBOUND", channel: "SMS", toAddress: "+14155550999" });
    expect(row.idempotencyKey).toBe(`staff:${conversationId}:${clientMessageId}`);
    expect(["PENDING", "QUEUED", "SENT", "DELIVERED"]).toContain(row.deliveryStatus);
    expect(await getQueue(QUEUE.sends).getJob(`send-${row.id}`)).toBeTruthy();

    const [again, racing] = await Promise.all([post(), post()]);
    expect(again.status).toBe(200);
    expect(racing.status).toBe(200);
    expect((await again.json()).message.id).toBe(row.id);
    expect(await db().message.count({ where: { idempotencyKey: { endsWith: clientMessageId } } })).toBe(1);
  });

  it("GIVEN a customer with no conversation yet WHEN two identical POSTs race THEN one conversation and one message", async () => {
    const customer = await createCustomer(env.shopId, { phone: "+14155550777", email: "new@example.com" });
    await db().customerIdentity.create({
      data: { shopId: env.shopId, customerId: customer.id, kind: "SHOPIFY_CUSTOMER", value: "6660002" },
    });
    const clientMessageId = randomUUID();
    const post = () =>
      call("/api/extension/customer/6660002", {
        method: "POST",
        body: { channel: "EMAIL", subject: "Your order", body: "Hello!", clientMessageId },
      });
    const statuses = (await Promise.all([post(), post()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 201]);
    expect(await db().conversation.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await db().message.count({ where: { customerId: customer.id, author: "STAFF" } })).toBe(1);
  });

  it("GIVEN invalid input WHEN POST THEN 400 or 422 with the reason, nothing stored", async () => {
    const before = await db().message.count();
    const missing = await call(orderPath(), { method: "POST", body: { channel: "SMS", body: "hi" } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).field).toBe("clientMessageId");
    const empty = await call(orderPath(), {
      method: "POST",
      body: { channel: "SMS", body: "   ", clientMessageId: randomUUID() },
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ ok: false, field: "body" });
    const noWindow = await call(orderPath(), {
      method: "POST",
      body: { channel: "INSTAGRAM", body: "hi", clientMessageId: randomUUID() },
    });
    expect(noWindow.status).toBe(422);
    expect(await db().message.count()).toBe(before);
  });

  it("GIVEN another shop's token WHEN it POSTs to this shop's order THEN 404 with CORS headers and nothing stored", async () => {
    const before = await db().message.count();
    const res = await call(orderPath(), {
      method: "POST",
      token: signSessionToken({ shop: OTHER_SHOP }),
      body: { channel: "SMS", body: "sneaky", clientMessageId: randomUUID() },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(await db().message.count()).toBe(before);
  });

  it("GIVEN an unknown order WHEN POST THEN 404", async () => {
    const res = await call(orderPath(999n), {
      method: "POST",
      body: { channel: "SMS", body: "hi", clientMessageId: randomUUID() },
    });
    expect(res.status).toBe(404);
  });
});
