// Tenant isolation, proved through the real route loaders and actions in demo mode
// (requireAdmin resolves the demo shop from its offline session): every id that
// belongs to another shop answers 404, and no list page shows another shop's rows.
// And customer-controlled text reaches server-rendered HTML escaped, never as markup.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { unsubscribeToken } from "../../app/consent/unsubscribe-link.server";
import { db } from "../../app/db/client.server";
import { createConversationWithMessage, createShop, storeOfflineSession } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { generateShopDataset, gidNumber } from "../fakes/shopify-admin/dataset";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../fakes/shopify-admin/server";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};

const BASE = "http://127.0.0.1:3999";
const SCRIPT = `<script>alert("xss")</script>`;

/** Runs a loader or action; a thrown Response (404…) is returned like an answered one. */
async function call(
  mod: RouteModule,
  kind: "loader" | "action",
  request: Request,
  params: Record<string, string> = {},
) {
  try {
    return await mod[kind]!({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const route = (name: string) => import(`../../app/routes/${name}.tsx`) as Promise<RouteModule>;

interface TenantRows {
  shopId: string;
  customerId: string;
  conversationId: string;
  messageId: string;
  messageBody: string;
  customerEmail: string;
  orderId: string;
  dataRequestId: string;
  flowId: string;
}

async function seedTenant(shopId: string, label: string, shopifyOrderId: bigint): Promise<TenantRows> {
  const customerEmail = `${label}-customer@example.com`;
  const customer = await db().customer.create({
    data: { shopId, firstName: `${label}-first`, lastName: `${label}-last`, email: customerEmail, phone: null },
  });
  const messageBody = `${label} secret message body`;
  const { conversation, message } = await createConversationWithMessage(shopId, customer.id, messageBody);
  await db().timelineEvent.create({
    data: {
      shopId,
      customerId: customer.id,
      type: "MESSAGE",
      occurredAt: message.createdAt,
      dedupeKey: `message:${message.id}`,
      title: "SMS received",
      messageId: message.id,
    },
  });
  const order = await db().order.create({
    data: {
      shopId,
      shopifyOrderId,
      customerId: customer.id,
      name: `#${label}-1`,
    },
  });
  const dataRequest = await db().dataRequest.create({
    data: { shopId, email: customerEmail, export: { customer: { email: customerEmail } } },
  });
  const { ensureDefaultFlows } = await import("../../app/flows/ensure-default-flows.server");
  await ensureDefaultFlows(shopId);
  const flow = await db().flow.findFirstOrThrow({ where: { shopId, kind: "ORDER_CONFIRMATION" } });
  return {
    shopId,
    customerId: customer.id,
    conversationId: conversation.id,
    messageId: message.id,
    messageBody,
    customerEmail,
    orderId: order.id,
    dataRequestId: dataRequest.id,
    flowId: flow.id,
  };
}

let mine: TenantRows;
let theirs: TenantRows;
// The order page asks Shopify's Admin API for the order: this shop's order lives in the stand-in.
let admin: FakeShopifyAdmin;

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    dataset: generateShopDataset({ seed: 7, customers: 1, ordersPerCustomer: 1, shopDomain: TEST_SHOP_DOMAIN }),
  });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = admin.url;
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  // As `npm run demo` does: the variable alone no longer signs anyone in.
  markDemoRunner();
  resetConfigCache();
  const shop = await createShop();
  await storeOfflineSession();
  const other = await createShop({ domain: "someone-else.myshopify.com" });
  mine = await seedTenant(shop.id, "mine", gidNumber(admin.dataset.orders[0].id));
  theirs = await seedTenant(other.id, "theirs", 6001n);
});

afterAll(async () => {
  await admin?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

describe("another shop's ids answer 404 through the real routes", () => {
  const cases: Array<[string, string, (t: TenantRows) => Record<string, string>, (t: TenantRows) => string]> = [
    ["app.inbox.$id", "conversation", (t) => ({ id: t.conversationId }), (t) => `/app/inbox/${t.conversationId}`],
    ["app.customers.$id", "customer", (t) => ({ id: t.customerId }), (t) => `/app/customers/${t.customerId}`],
    [
      "app.customers.$id.orders.$orderId",
      "customer's order",
      (t) => ({ id: t.customerId, orderId: t.orderId }),
      (t) => `/app/customers/${t.customerId}/orders/${t.orderId}`,
    ],
    [
      "app.customers.data-requests.$id",
      "data request",
      (t) => ({ id: t.dataRequestId }),
      (t) => `/app/customers/data-requests/${t.dataRequestId}`,
    ],
    ["app.flows.$id", "flow", (t) => ({ id: t.flowId }), (t) => `/app/flows/${t.flowId}`],
    ["app.flows.$id_.log", "flow log", (t) => ({ id: t.flowId }), (t) => `/app/flows/${t.flowId}/log`],
  ];

  for (const [name, what, params, path] of cases) {
    it(`GIVEN a ${what} of each shop WHEN ${name} loads THEN this shop's answers 200 and the other shop's 404`, async () => {
      const mod = await route(name);
      const own = await call(mod, "loader", new Request(`${BASE}${path(mine)}`), params(mine));
      expect(own.status).toBe(200);
      const foreign = await call(mod, "loader", new Request(`${BASE}${path(theirs)}`), params(theirs));
      expect(foreign.status).toBe(404);
      const body = await foreign.text();
      expect(body).not.toContain(theirs.messageBody);
      expect(body).not.toContain(theirs.customerEmail);
    });
  }

  it("GIVEN another shop's message id used as a conversation or customer id THEN both answer 404", async () => {
    for (const name of ["app.inbox.$id", "app.customers.$id"]) {
      const res = await call(await route(name), "loader", new Request(`${BASE}/x/${theirs.messageId}`), {
        id: theirs.messageId,
      });
      expect(res.status).toBe(404);
    }
  });

  it("GIVEN the flow preview WHEN asked with another shop's flow or another shop's customer THEN 404 and nothing rendered", async () => {
    const preview = await route("app.flows.$id_.preview");
    const form = (customerId: string) =>
      new Request(`${BASE}/app/flows/x/preview`, {
        method: "POST",
        body: new URLSearchParams({ customerId, channel: "SMS", body: "Hi {{ customer.first_name }}" }),
      });
    const own = await call(preview, "action", form(mine.customerId), { id: mine.flowId });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ ok: true, body: "Hi mine-first" });
    const foreignFlow = await call(preview, "action", form(mine.customerId), { id: theirs.flowId });
    expect(foreignFlow.status).toBe(404);
    const foreignCustomer = await call(preview, "action", form(theirs.customerId), { id: mine.flowId });
    expect(foreignCustomer.status).toBe(404);
    expect(await foreignCustomer.text()).not.toContain("theirs-first");
  });

  it("GIVEN a route with actions WHEN posted another shop's id THEN it is refused and the row is unchanged", async () => {
    // Every action that takes a conversation id in the URL: whatever the intent,
    // another shop's conversation must not be touched.
    const mod = await route("app.inbox.$id");
    if (!mod.action) return;
    const before = await db().conversation.findUniqueOrThrow({ where: { id: theirs.conversationId } });
    for (const intent of ["reply", "note", "status", "assign", "tags", "priority", "read", "resolve"]) {
      const res = await call(
        mod,
        "action",
        new Request(`${BASE}/app/inbox/${theirs.conversationId}`, {
          method: "POST",
          body: new URLSearchParams({ intent, body: "hello", status: "RESOLVED", channel: "SMS", tags: "x" }),
        }),
        { id: theirs.conversationId },
      );
      expect(res.status, `intent ${intent}`).toBeGreaterThanOrEqual(400);
    }
    const after = await db().conversation.findUniqueOrThrow({ where: { id: theirs.conversationId } });
    expect(after).toEqual(before);
    expect(await db().message.count({ where: { conversationId: theirs.conversationId } })).toBe(1);
  });
});

describe("list pages show only this shop's rows", () => {
  const lists: Array<[string, string]> = [
    ["app.inbox._index", "/app/inbox"],
    ["app.customers._index", "/app/customers"],
    ["app.customers.data-requests", "/app/customers/data-requests"],
    ["app.flows._index", "/app/flows"],
  ];
  for (const [name, path] of lists) {
    it(`GIVEN rows in two shops WHEN ${name} loads THEN none of the other shop's ids or text appear`, async () => {
      const res = await call(await route(name), "loader", new Request(`${BASE}${path}`));
      expect(res.status).toBe(200);
      const body = await res.text();
      for (const value of [
        theirs.customerId,
        theirs.conversationId,
        theirs.messageId,
        theirs.dataRequestId,
        theirs.flowId,
        theirs.messageBody,
        theirs.customerEmail,
        "theirs-first",
      ]) {
        expect(body).not.toContain(value);
      }
    });
  }

  it("GIVEN rows in two shops WHEN the inbox and customer list load THEN this shop's rows are there", async () => {
    const inbox = await (
      await call(await route("app.inbox._index"), "loader", new Request(`${BASE}/app/inbox`))
    ).text();
    expect(inbox).toContain(mine.conversationId);
    const customers = await (
      await call(await route("app.customers._index"), "loader", new Request(`${BASE}/app/customers`))
    ).text();
    expect(customers).toContain(mine.customerId);
  });

  it("GIVEN a search for the other shop's customer WHEN the lists are searched THEN nothing is found", async () => {
    for (const [name, path] of [
      ["app.customers._index", "/app/customers"],
      ["app.inbox._index", "/app/inbox"],
    ]) {
      for (const q of [theirs.customerEmail, "theirs-first", theirs.messageBody]) {
        const res = await call(await route(name), "loader", new Request(`${BASE}${path}?q=${encodeURIComponent(q)}`));
        expect(res.status).toBe(200);
        const body = await res.text();
        expect(body).not.toContain(theirs.customerId);
        expect(body).not.toContain(theirs.conversationId);
      }
    }
  });
});

describe("customer-controlled text is escaped in server-rendered HTML", () => {
  it("GIVEN a shop name carrying a script payload WHEN the unsubscribe page renders through its real loader THEN the payload is text, not markup", async () => {
    const shop = await createShop({ domain: "script-shop.myshopify.com" });
    await db().shop.update({ where: { id: shop.id }, data: { name: SCRIPT } });
    const customer = await db().customer.create({ data: { shopId: shop.id, email: "x@example.com" } });
    const mod = (await import("../../app/routes/unsubscribe.$token")) as unknown as RouteModule & {
      UnsubscribePage: (props: { view: unknown }) => JSX.Element;
    };
    const token = unsubscribeToken({ shopId: shop.id, customerId: customer.id, channel: "EMAIL" });
    const res = await call(mod, "loader", new Request(`${BASE}/unsubscribe/${token}`), { token });
    expect(res.status).toBe(200);
    const view = await res.json();
    expect(view.shopName).toBe(SCRIPT);
    const html = renderToStaticMarkup(createElement(mod.UnsubscribePage, { view }));
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
  });

  it("GIVEN a customer message with a script payload WHEN the conversation loads THEN it is served as JSON data, never as HTML", async () => {
    const customer = await db().customer.create({ data: { shopId: mine.shopId, firstName: SCRIPT } });
    const { conversation } = await createConversationWithMessage(mine.shopId, customer.id, SCRIPT);
    const res = await call(
      await route("app.inbox.$id"),
      "loader",
      new Request(`${BASE}/app/inbox/${conversation.id}`),
      {
        id: conversation.id,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await res.text()).toContain(JSON.stringify(SCRIPT).slice(1, -1));
  });

  it("GIVEN a data request export WHEN downloaded THEN it is a JSON attachment the browser will not sniff as HTML", async () => {
    const res = await call(
      await route("app.customers.data-requests.$id"),
      "loader",
      new Request(`${BASE}/app/customers/data-requests/${mine.dataRequestId}`),
      { id: mine.dataRequestId },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
