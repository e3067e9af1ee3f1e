// The Channels and Flows admin routes, called as Remix calls them (demo-mode admin
// context: the demo shop's offline session). Shop scoping, template validation on
// save, the live preview, test sends through the Twilio stand-in, and secrets that
// never reach the browser.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { encryptJson } from "../../app/lib/crypto.server";
import { startVendorFakes, type VendorFakes } from "../fakes";
import { createShop, storeOfflineSession } from "../support/factories";
import { newCaseInsensitiveToken, newSecretToken } from "../../app/lib/secret-token.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";

let vendors: VendorFakes;
let shopId: string;
let otherShopId: string;
let otherFlowId: string;

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
};

const BASE = "http://127.0.0.1:3999";

function formRequest(path: string, fields: Record<string, string>) {
  return new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

/** Runs a loader or action; a thrown Response (404…) is returned like an answered one. */
async function call(
  mod: RouteModule,
  kind: "loader" | "action",
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    return await mod[kind]!({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const channelsRoute = () => import("../../app/routes/app.channels") as Promise<RouteModule>;
const flowsRoute = () => import("../../app/routes/app.flows._index") as Promise<RouteModule>;
const editorRoute = () => import("../../app/routes/app.flows.$id") as Promise<RouteModule>;
const previewRoute = () => import("../../app/routes/app.flows.$id_.preview") as Promise<RouteModule>;
const logRoute = () => import("../../app/routes/app.flows.$id_.log") as Promise<RouteModule>;

beforeAll(async () => {
  vendors = await startVendorFakes();
  Object.assign(process.env, vendors.env, { THREADLINE_DEMO: "1" });
  // As `npm run demo` does: the variable alone no longer signs anyone in.
  markDemoRunner();
  resetConfigCache();
  const shop = await createShop();
  // Stored through the app's own (encrypting) session storage, as the demo installs itself.
  await storeOfflineSession();
  shopId = shop.id;
  const other = await createShop({ domain: "someone-else.myshopify.com" });
  otherShopId = other.id;
  const { ensureDefaultFlows } = await import("../../app/flows/ensure-default-flows.server");
  await ensureDefaultFlows(otherShopId);
  otherFlowId = (await db().flow.findFirstOrThrow({ where: { shopId: otherShopId, kind: "ORDER_CONFIRMATION" } })).id;
});

afterAll(async () => {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
  await vendors?.close();
});

describe("Flows page", () => {
  it("GIVEN a fresh shop WHEN the Flows page loads THEN the ten default flows exist, off, with zeroed figures and a no-channel note", async () => {
    const res = await call(await flowsRoute(), "loader", new Request(`${BASE}/app/flows`));
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.flows.map((f: { kind: string; flow: { name: string } }) => [f.kind, f.flow.name])).toEqual([
      ["CART_RECOVERY", "Cart recovery"],
      ["ORDER_CONFIRMATION", "Order confirmation"],
      ["SHIPPING_UPDATE", "Shipping updates"],
      ["REVIEW_REQUEST", "Review request"],
      ["WELCOME_SERIES", "Welcome series"],
      ["BROWSE_ABANDONMENT", "Browse abandonment"],
      ["CROSS_SELL", "Post-purchase cross-sell"],
      ["REPLENISHMENT", "Replenishment reminder"],
      ["WIN_BACK", "Win-back"],
      ["LOCATION_PROMOTION", "Location promotion"],
    ]);
    for (const f of data.flows) {
      expect(f.description, f.kind).toMatch(/^[A-Z].{20,110}\.$/);
      expect(f.flow.enabled).toBe(false);
      expect(f.steps.length).toBeGreaterThan(0);
      expect(f.figures).toMatchObject({ sent: 0, delivered: 0, clicked: 0, orders: 0 });
    }
    expect(data.connectedProviders).toEqual([]);
  });

  it("GIVEN a flow WHEN its switch is toggled THEN only this shop's flow changes, and another shop's id answers 404", async () => {
    const flow = await db().flow.findFirstOrThrow({ where: { shopId, kind: "ORDER_CONFIRMATION" } });
    const on = await call(
      await flowsRoute(),
      "action",
      formRequest("/app/flows", { intent: "toggle", flowId: flow.id, enabled: "true" }),
    );
    expect(on.status).toBe(200);
    expect((await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).enabled).toBe(true);

    const foreign = await call(
      await flowsRoute(),
      "action",
      formRequest("/app/flows", { intent: "toggle", flowId: otherFlowId, enabled: "true" }),
    );
    expect(foreign.status).toBe(404);
    expect((await db().flow.findUniqueOrThrow({ where: { id: otherFlowId } })).enabled).toBe(false);

    const off = await call(
      await flowsRoute(),
      "action",
      formRequest("/app/flows", { intent: "toggle", flowId: flow.id, enabled: "false" }),
    );
    expect(off.status).toBe(200);
    expect((await db().flow.findUniqueOrThrow({ where: { id: flow.id } })).enabled).toBe(false);
  });

  it("GIVEN flow messages and attributed orders WHEN the page loads THEN the 30-day figures count them by status", async () => {
    const flow = await db().flow.findFirstOrThrow({ where: { shopId, kind: "CART_RECOVERY" } });
    const customer = await db().customer.create({ data: { shopId, firstName: "Fig" } });
    const conversation = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId, customerId: customer.id, status: "RESOLVED" },
    });
    const statuses = ["SENT", "DELIVERED", "OPENED", "CLICKED", "FAILED", "PENDING"] as const;
    for (const [i, deliveryStatus] of statuses.entries()) {
      await db().message.create({
        data: {
          shopId,
          conversationId: conversation.id,
          customerId: customer.id,
          direction: "OUTBOUND",
          author: "FLOW",
          channel: "SMS",
          body: "hi",
          deliveryStatus,
          flowId: flow.id,
          idempotencyKey: `fig-${i}`,
        },
      });
    }
    // Too old to count.
    await db().message.create({
      data: {
        shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "OUTBOUND",
        author: "FLOW",
        channel: "SMS",
        body: "old",
        deliveryStatus: "DELIVERED",
        flowId: flow.id,
        idempotencyKey: "fig-old",
        createdAt: new Date(Date.now() - 40 * 86_400_000),
      },
    });
    await db().order.create({
      data: {
        shopId,
        shopifyOrderId: 9001n,
        customerId: customer.id,
        totalPrice: "42.50",
        processedAt: new Date(),
        attributedFlowId: flow.id,
      },
    });
    const data = await (await call(await flowsRoute(), "loader", new Request(`${BASE}/app/flows`))).json();
    const figures = data.flows.find((f: { kind: string }) => f.kind === "CART_RECOVERY").figures;
    expect(figures).toEqual({ sent: 4, delivered: 3, clicked: 1, failed: 1, orders: 1, revenue: "42.5" });
  });
});

describe("Flow editor", () => {
  const stepPayload = (body: string) => ({
    settings: { maxAgeDays: 5 },
    steps: [
      {
        delayMinutes: 30,
        channels: ["SMS"],
        templates: [{ channel: "SMS", locale: "en", body }],
      },
    ],
  });

  it("GIVEN a template with a Liquid error WHEN saved THEN the save is refused with the error and nothing changes", async () => {
    const flow = await db().flow.findFirstOrThrow({ where: { shopId, kind: "CART_RECOVERY" } });
    const before = await db().flowStepDefinition.findMany({ where: { flowId: flow.id }, include: { templates: true } });
    const res = await call(
      await editorRoute(),
      "action",
      formRequest(`/app/flows/${flow.id}`, {
        payload: JSON.stringify(stepPayload("Hi {{ customer.first_name }\nsecond line {% if %}")),
      }),
      { id: flow.id },
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.errors[0]).toMatchObject({ step: 0, channel: "SMS", locale: "en", field: "body" });
    expect(typeof body.errors[0].line).toBe("number");
    const after = await db().flowStepDefinition.findMany({ where: { flowId: flow.id }, include: { templates: true } });
    expect(after).toEqual(before);
  });

  it("GIVEN a valid flow WHEN saved THEN steps, templates and settings are replaced", async () => {
    const flow = await db().flow.findFirstOrThrow({ where: { shopId, kind: "CART_RECOVERY" } });
    const res = await call(
      await editorRoute(),
      "action",
      formRequest(`/app/flows/${flow.id}`, {
        payload: JSON.stringify(stepPayload("Hi {{ customer.first_name }}, your cart waits")),
      }),
      { id: flow.id },
    );
    expect(res.status).toBe(200);
    const saved = await db().flow.findUniqueOrThrow({
      where: { id: flow.id },
      include: { steps: { include: { templates: true } } },
    });
    expect(saved.settings).toMatchObject({ maxAgeDays: 5, attributionWindowDays: 5 });
    expect(saved.steps).toHaveLength(1);
    expect(saved.steps[0]).toMatchObject({ position: 0, delayMinutes: 30, channels: ["SMS"] });
    expect(saved.steps[0].templates.map((t) => [t.channel, t.locale, t.body])).toEqual([
      ["SMS", "en", "Hi {{ customer.first_name }}, your cart waits"],
    ]);
  });

  it("GIVEN another shop's flow WHEN opened, saved, previewed or logged THEN 404 and nothing changes", async () => {
    const params = { id: otherFlowId };
    expect((await call(await editorRoute(), "loader", new Request(`${BASE}/app/flows/x`), params)).status).toBe(404);
    expect((await call(await logRoute(), "loader", new Request(`${BASE}/app/flows/x/log`), params)).status).toBe(404);
    const save = await call(
      await editorRoute(),
      "action",
      formRequest(`/app/flows/x`, { payload: JSON.stringify(stepPayload("hi")) }),
      params,
    );
    expect(save.status).toBe(404);
    const customer = await db().customer.create({ data: { shopId, firstName: "Mine" } });
    const preview = await call(
      await previewRoute(),
      "action",
      formRequest(`/app/flows/x/preview`, { customerId: customer.id, channel: "SMS", body: "hi" }),
      params,
    );
    expect(preview.status).toBe(404);
    expect(await db().flowStepDefinition.count({ where: { flowId: otherFlowId } })).toBeGreaterThan(0);
  });

  it("GIVEN a real customer WHEN the preview renders THEN it uses their name, and a broken template answers line and column", async () => {
    const flow = await db().flow.findFirstOrThrow({ where: { shopId, kind: "ORDER_CONFIRMATION" } });
    const customer = await db().customer.create({ data: { shopId, firstName: "Ada", lastName: "Lovelace" } });
    const ok = await call(
      await previewRoute(),
      "action",
      formRequest(`/app/flows/${flow.id}/preview`, {
        customerId: customer.id,
        channel: "SMS",
        body: "Hello {{ customer.first_name }} from {{ shop.name }}",
      }),
      { id: flow.id },
    );
    expect(await ok.json()).toEqual({
      ok: true,
      subject: null,
      body: "Hello Ada from Threadline Demo",
      // She has no order yet: {{ order.* }} would render from a sample, and the preview says so.
      notice: "No order for Ada Lovelace; previewing with a sample order",
    });

    const broken = await call(
      await previewRoute(),
      "action",
      formRequest(`/app/flows/${flow.id}/preview`, {
        customerId: customer.id,
        channel: "SMS",
        body: "a\n{{ x | nope }}",
      }),
      { id: flow.id },
    );
    const error = await broken.json();
    expect(error).toMatchObject({ ok: false, field: "body" });
    expect(error.error.line).toBe(2);

    const foreignCustomer = await db().customer.create({ data: { shopId: otherShopId, firstName: "Eve" } });
    const foreign = await call(
      await previewRoute(),
      "action",
      formRequest(`/app/flows/${flow.id}/preview`, { customerId: foreignCustomer.id, channel: "SMS", body: "hi" }),
      { id: flow.id },
    );
    expect(foreign.status).toBe(404);
  });
});

describe("Channels page", () => {
  const SID = `AC${"1".repeat(32)}`;
  const TOKEN = "twilio-auth-token-very-secret";

  it("GIVEN invalid Twilio fields WHEN saved THEN each field gets its error and nothing is stored", async () => {
    const res = await call(
      await channelsRoute(),
      "action",
      formRequest("/app/channels", { intent: "save", provider: "TWILIO", accountSid: "nope", fromNumber: "12" }),
    );
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["accountSid", "authToken", "fromNumber"]);
    expect(await db().channelConnection.count({ where: { shopId } })).toBe(0);
  });

  it("GIVEN saved Twilio and SendGrid credentials WHEN the page loads THEN no secret reaches the loader data, and the webhook URLs do", async () => {
    const save = await call(
      await channelsRoute(),
      "action",
      formRequest("/app/channels", {
        intent: "save",
        provider: "TWILIO",
        accountSid: SID,
        authToken: TOKEN,
        fromNumber: "+14155550100",
      }),
    );
    expect(save.status).toBe(200);
    await call(
      await channelsRoute(),
      "action",
      formRequest("/app/channels", {
        intent: "save",
        provider: "SENDGRID",
        apiKey: "SG.super-secret-key",
        fromEmail: "Shop@Example.com",
      }),
    );
    const res = await call(await channelsRoute(), "loader", new Request(`${BASE}/app/channels`));
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("SG.super-secret-key");
    const row = await db().channelConnection.findUniqueOrThrow({
      where: { shopId_provider: { shopId, provider: "TWILIO" } },
    });
    expect(text).not.toContain(row.secretsCiphertext);
    const data = JSON.parse(text);
    const twilio = data.providers.find((p: { provider: string }) => p.provider === "TWILIO");
    expect(twilio.savedSecrets).toEqual(["authToken"]);
    expect(twilio.values).toMatchObject({ accountSid: SID, fromNumber: "+14155550100" });
    expect(twilio.webhookUrls.map((w: { url: string }) => w.url)).toEqual([
      `http://127.0.0.1:3999/webhooks/twilio/status/${row.webhookToken}`,
      `http://127.0.0.1:3999/webhooks/twilio/inbound/${row.webhookToken}`,
    ]);
    const sendgrid = data.providers.find((p: { provider: string }) => p.provider === "SENDGRID");
    expect(sendgrid.values.fromEmail).toBe("shop@example.com");
    expect(sendgrid.webhookUrls[0].url).toMatch(/\/webhooks\/sendgrid\/events\/[^/]+$/);
  });

  it("GIVEN a saved token WHEN the form is saved with the token left blank THEN the stored token is kept", async () => {
    const res = await call(
      await channelsRoute(),
      "action",
      formRequest("/app/channels", {
        intent: "save",
        provider: "TWILIO",
        accountSid: SID,
        authToken: "",
        fromNumber: "+14155550101",
      }),
    );
    expect(res.status).toBe(200);
    const { loadConnection } = await import("../../app/channels/credentials.server");
    const loaded = await loadConnection(shopId, "TWILIO");
    expect(loaded?.credentials).toMatchObject({ authToken: TOKEN, fromNumber: "+14155550101" });
  });

  it("GIVEN a connected Twilio WHEN a test is sent THEN it goes straight to Twilio and the provider id comes back; a provider error comes back as its reason", async () => {
    vendors.reset();
    const res = await call(
      await channelsRoute(),
      "action",
      formRequest("/app/channels", { intent: "test", provider: "TWILIO", channel: "SMS", to: "+14155550177" }),
    );
    const body = await res.json();
    expect(body.result.ok).toBe(true);
    expect(vendors.twilio.messages).toHaveLength(1);
    expect(vendors.twilio.messages[0]).toMatchObject({ to: "+14155550177", from: "+14155550101", accountSid: SID });
    expect(body.result.providerMessageId).toBe(vendors.twilio.messages[0].sid);
    expect(await db().message.count({ where: { shopId, toAddress: "+14155550177" } })).toBe(0);

    vendors.twilio.failNext(21211);
    const failed = await (
      await call(
        await channelsRoute(),
        "action",
        formRequest("/app/channels", { intent: "test", provider: "TWILIO", channel: "SMS", to: "+14155550178" }),
      )
    ).json();
    expect(failed.result).toMatchObject({ ok: false, errorCode: "21211" });
    expect(failed.result.reason).toBeTruthy();
  });

  it("GIVEN a connection WHEN disconnected THEN it is deleted for this shop only", async () => {
    await db().channelConnection.create({
      data: {
        webhookToken: newSecretToken(),
        shopId: otherShopId,
        provider: "TWILIO",
        secretsCiphertext: encryptJson({ authToken: "x" }),
      },
    });
    const res = await call(
      await channelsRoute(),
      "action",
      formRequest("/app/channels", { intent: "disconnect", provider: "TWILIO" }),
    );
    expect(res.status).toBe(200);
    expect(await db().channelConnection.count({ where: { shopId, provider: "TWILIO" } })).toBe(0);
    expect(await db().channelConnection.count({ where: { shopId: otherShopId, provider: "TWILIO" } })).toBe(1);
  });
});
