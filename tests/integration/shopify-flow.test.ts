// Shopify Flow (app/shopify-flow/, decision 0041), end to end: triggers written in the transaction
// of their event (a signed Twilio inbound, a resolve, an automatic hand-off, a cart-recovery
// attribution), sent by the real shopify-writes worker through the throttle-aware Admin API client
// to the Admin API stand-in; actions posted through the real route, signed as Flow signs them.
import { createHmac, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config, resetConfigCache } from "../../app/config.server";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { redactCustomer } from "../../app/compliance/redact-customer.server";
import { setConversationStatus } from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import { ensureDefaultFlows } from "../../app/flows/ensure-default-flows.server";
import { attributeOrder } from "../../app/flow-runs/attribution.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { action as flowAction } from "../../app/routes/flow.actions.$action";
import { csatReceivedTrigger, slaBreachedTrigger } from "../../app/shopify-flow/events.server";
import { TRIGGER_KEYS, conversationAdminUrl, type FlowTriggerHandle } from "../../app/shopify-flow/triggers";
import {
  generateShopDataset,
  seedOfflineSession,
  startFakeShopifyAdmin,
  type FakeShopifyAdmin,
} from "../fakes/shopify-admin";
import { createShop } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import {
  SMS_FROM,
  createCustomer,
  inboundSms,
  postTwilioSigned,
  startSendingEnv,
  type SendingEnv,
} from "./sending-helpers";

let env: SendingEnv;
let admin: FakeShopifyAdmin;
let workers: WorkerHandle;
let phoneN = 0;
const newPhone = () => `+1415556${String(1000 + phoneN++).padStart(4, "0")}`;
/** Each customer has their own address: identities are unique per shop. */
const emailOf = (phone: string) => `flow-${phone.slice(-4)}@example.com`;
const newCustomer = (phone: string) => createCustomer(env.shopId, { phone, email: emailOf(phone) });

beforeAll(async () => {
  env = await startSendingEnv();
  admin = await startFakeShopifyAdmin({
    dataset: generateShopDataset({
      seed: 13,
      customers: 0,
      ordersPerCustomer: { min: 0, max: 0 },
      abandonedCheckouts: 0,
      now: new Date(),
      shopDomain: TEST_SHOP_DOMAIN,
    }),
  });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = admin.url;
  resetConfigCache();
  await seedOfflineSession(TEST_SHOP_DOMAIN);
  workers = await startWorkers({
    queues: [QUEUE.shopifyWrites, QUEUE.sends, QUEUE.answers],
    schedule: false,
    reconcileOnStart: false,
  });
});
afterAll(async () => {
  await workers?.close();
  await admin?.close();
  await env?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});
beforeEach(() => {
  env.fakes.reset();
  admin.requests.length = 0;
});

async function waitFor<T>(probe: () => T | Promise<T>, what: string, ms = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const triggersOf = (handle: string, conversationId: string) =>
  db().flowTriggerEvent.findMany({
    where: { handle, payload: { path: ["Conversation ID"], equals: conversationId } },
  });
const receivedFor = (handle: FlowTriggerHandle) =>
  admin
    .requestsFor("FlowTriggerReceive")
    .filter((r) => r.outcome === "ok" && r.body?.variables?.handle === handle)
    .map((r) => r.body?.variables)
    .map((variables) => {
      // Exactly the keys the extension declares (tests/extension/flow-extensions.test.ts checks the TOML side).
      expect(Object.keys(variables?.payload as object).sort()).toEqual([...TRIGGER_KEYS[handle]].sort());
      return variables;
    });
const sent = async (id: string) => (await db().flowTriggerEvent.findUniqueOrThrow({ where: { id } })).state === "SENT";

function customerFields(conversationId: string, phone: string, channel = "SMS") {
  return {
    "Conversation ID": conversationId,
    Channel: channel,
    "Conversation URL": `https://admin.shopify.com/store/threadline-demo/apps/threadline/app/inbox/${conversationId}`,
    "Customer name": "Ada",
    "Customer email": emailOf(phone),
    "Customer phone": phone,
    "Shopify customer ID": "",
  };
}

/** A customer with an open conversation that has one inbound SMS. */
async function givenConversation() {
  const phone = newPhone();
  const customer = await newCustomer(phone);
  const response = await postTwilioSigned(
    `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`,
    inboundSms(phone, "Hello, is my parcel on its way?"),
  );
  expect(response.status).toBe(200);
  const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: customer.id } });
  return { phone, customer, conversation };
}

describe("triggers", () => {
  it("GIVEN a customer's first SMS WHEN it arrives THEN one conversation-created trigger with the exact payload reaches flowTriggerReceive; a second SMS adds none", async () => {
    const { phone, conversation } = await givenConversation();
    const [row] = await triggersOf("conversation-created", conversation.id);
    const payload = { ...customerFields(conversation.id, phone), "Message preview": "Hello, is my parcel on its way?" };
    expect(row.payload).toEqual(payload);
    expect(row.idempotencyKey).toBe(`conversation-created:${conversation.id}`);
    await waitFor(() => sent(row.id), "the trigger to be sent");
    expect(receivedFor("conversation-created")).toEqual([{ handle: "conversation-created", payload }]);

    await postTwilioSigned(`${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`, inboundSms(phone, "Any news?"));
    expect(await triggersOf("conversation-created", conversation.id)).toHaveLength(1);
    expect(conversationAdminUrl(TEST_SHOP_DOMAIN, "c1")).toBe(
      "https://admin.shopify.com/store/threadline-demo/apps/threadline/app/inbox/c1",
    );
  });

  it("GIVEN an open conversation WHEN staff resolve it (twice) THEN one conversation-resolved trigger with assignee and tags is sent", async () => {
    const { phone, conversation } = await givenConversation();
    await db().conversation.update({
      where: { id: conversation.id },
      data: { tags: ["vip", "returns"], assigneeName: "Grace" },
    });
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED");
    await setConversationStatus(env.shopId, conversation.id, "RESOLVED");
    const rows = await triggersOf("conversation-resolved", conversation.id);
    expect(rows).toHaveLength(1);
    const payload = { ...customerFields(conversation.id, phone), Assignee: "Grace", Tags: "vip, returns" };
    expect(rows[0].payload).toEqual(payload);
    await waitFor(() => sent(rows[0].id), "the trigger to be sent");
    expect(receivedFor("conversation-resolved")).toEqual([{ handle: "conversation-resolved", payload }]);
  });

  it("GIVEN automatic answers on SMS WHEN a customer threatens legal action THEN one conversation-handed-off trigger names the reason and the raised priority", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { ...(shop.settings as object), autoAnswers: { channels: { SMS: "always" }, maxInARow: 2 } } },
    });
    try {
      const phone = newPhone();
      const customer = await newCustomer(phone);
      await postTwilioSigned(
        `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`,
        inboundSms(phone, "I will ask my lawyer to take this to court"),
      );
      const conversation = await waitFor(
        () => db().conversation.findFirst({ where: { customerId: customer.id, waitingForPersonSince: { not: null } } }),
        "the hand-off",
      );
      const [row] = await waitFor(async () => {
        const rows = await triggersOf("conversation-handed-off", conversation.id);
        return rows.length ? rows : null;
      }, "the hand-off trigger");
      const payload = {
        ...customerFields(conversation.id, phone),
        Reason: conversation.handoffReason,
        Priority: "HIGH",
      };
      expect(conversation.handoffReason).toBeTruthy();
      expect(row.payload).toEqual(payload);
      expect(row.idempotencyKey).toBe(
        `conversation-handed-off:${conversation.id}:${conversation.waitingForPersonSince!.getTime()}`,
      );
      await waitFor(() => sent(row.id), "the trigger to be sent");
      expect(receivedFor("conversation-handed-off")).toEqual([{ handle: "conversation-handed-off", payload }]);
    } finally {
      await db().shop.update({ where: { id: env.shopId }, data: { settings: shop.settings as object } });
    }
  });

  it("GIVEN a cart-recovery SMS WHEN the customer's order is credited to it THEN one cart-recovered trigger carries Flow's customer and order references", async () => {
    await ensureDefaultFlows(env.shopId);
    const flow = await db().flow.findFirstOrThrow({ where: { shopId: env.shopId, kind: "CART_RECOVERY" } });
    const phone = newPhone();
    const customer = await newCustomer(phone);
    await db().customer.update({ where: { id: customer.id }, data: { shopifyCustomerId: 7_300_000_000_001n } });
    const conversation = await db().conversation.create({
      data: { shopId: env.shopId, customerId: customer.id, replyToken: randomUUID(), status: "RESOLVED" },
    });
    const message = await db().message.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "OUTBOUND",
        channel: "SMS",
        author: "FLOW",
        body: "You left something in your cart",
        deliveryStatus: "DELIVERED",
        idempotencyKey: `test:${randomUUID()}`,
        flowId: flow.id,
        sentAt: new Date(Date.now() - 3_600_000),
      },
    });
    const order = await db().order.create({
      data: {
        shopId: env.shopId,
        shopifyOrderId: 5_400_000_000_002n,
        customerId: customer.id,
        currency: "EUR",
        totalPrice: "84.50",
        processedAt: new Date(),
      },
    });
    expect(await attributeOrder(env.shopId, order, flow)).toEqual({ messageId: message.id, flowId: flow.id });
    expect(await attributeOrder(env.shopId, { ...order, attributedMessageId: null }, flow)).toBeNull();

    const rows = await db().flowTriggerEvent.findMany({ where: { idempotencyKey: `cart-recovered:${order.id}` } });
    expect(rows).toHaveLength(1);
    const payload = {
      customer_id: 7_300_000_000_001,
      order_id: 5_400_000_000_002,
      "Conversation ID": conversation.id,
      Channel: "SMS",
      "Recovered amount": 84.5,
      Currency: "EUR",
      "Flow name": flow.name,
    };
    expect(rows[0].payload).toEqual(payload);
    await waitFor(() => sent(rows[0].id), "the trigger to be sent");
    expect(receivedFor("cart-recovered")).toEqual([{ handle: "cart-recovered", payload }]);
  });

  it("GIVEN the CSAT and SLA helpers WHEN called in a transaction THEN each writes one trigger that is sent (ready for those features)", async () => {
    const { phone, conversation } = await givenConversation();
    const dueAt = new Date("2026-12-01T10:00:00.000Z");
    const ids = await inRetryingTransaction(async (tx) => [
      await csatReceivedTrigger(tx, {
        shopId: env.shopId,
        conversationId: conversation.id,
        surveyId: `survey-${conversation.id}`,
        score: 4,
        comment: "Quick and kind",
      }),
      await slaBreachedTrigger(tx, {
        shopId: env.shopId,
        conversationId: conversation.id,
        target: "first_response",
        dueAt,
      }),
    ]);
    const base = customerFields(conversation.id, phone);
    const csat = await db().flowTriggerEvent.findUniqueOrThrow({ where: { id: ids[0]! } });
    const sla = await db().flowTriggerEvent.findUniqueOrThrow({ where: { id: ids[1]! } });
    expect(csat.payload).toEqual({ ...base, Score: 4, Comment: "Quick and kind" });
    expect(sla.payload).toEqual({ ...base, Target: "first_response", "Due at": "2026-12-01T10:00:00.000Z" });
    await waitFor(async () => (await sent(csat.id)) && (await sent(sla.id)), "both triggers to be sent");
    expect(receivedFor("csat-received")).toHaveLength(1);
    expect(receivedFor("sla-breached")).toHaveLength(1);
  });

  it("GIVEN a customer with triggers WHEN Shopify asks to redact them THEN their trigger rows are gone and others stay", async () => {
    const { phone, customer, conversation } = await givenConversation();
    const other = await givenConversation();
    await db().customer.update({ where: { id: customer.id }, data: { shopifyCustomerId: 7_300_000_000_099n } });
    expect(await triggersOf("conversation-created", conversation.id)).toHaveLength(1);
    await redactCustomer(TEST_SHOP_DOMAIN, { shopifyCustomerId: 7_300_000_000_099n, phone, email: emailOf(phone) });
    expect(await db().flowTriggerEvent.count({ where: { payload: { string_contains: phone } } })).toBe(0);
    expect(await triggersOf("conversation-created", conversation.id)).toHaveLength(0);
    expect(await triggersOf("conversation-created", other.conversation.id)).toHaveLength(1);
  });

  it("GIVEN a trigger whose job Redis lost WHEN the reconciler runs THEN it is sent exactly once", async () => {
    await workers.close();
    try {
      const { conversation } = await givenConversation();
      const [row] = await triggersOf("conversation-created", conversation.id);
      const redis = new Redis(config().REDIS_URL);
      try {
        const keys = await redis.keys(`${config().QUEUE_PREFIX}:${QUEUE.shopifyWrites}:*`);
        if (keys.length) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
      expect(await getQueue(QUEUE.shopifyWrites).getJob(`flow-trigger-${row.id}`)).toBeUndefined();
      const repaired = await reconcile();
      expect(repaired.flowTriggers).toBeGreaterThanOrEqual(1);
      expect(await getQueue(QUEUE.shopifyWrites).getJob(`flow-trigger-${row.id}`)).toBeDefined();
    } finally {
      workers = await startWorkers({
        queues: [QUEUE.shopifyWrites, QUEUE.sends, QUEUE.answers],
        schedule: false,
        reconcileOnStart: false,
      });
    }
    const rows = await db().flowTriggerEvent.findMany({ where: { state: "PENDING" } });
    for (const r of rows) await waitFor(() => sent(r.id), "the reconciled trigger to be sent");
    await reconcile();
    await new Promise((r) => setTimeout(r, 1500));
    const ids = new Set(rows.map((r) => r.id));
    const handles = admin.requestsFor("FlowTriggerReceive").filter((r) => r.outcome === "ok");
    expect(handles.length).toBe(ids.size);
  });
});

// ---------------------------------------------------------------------------------------------
// Actions

function flowRequest(
  path: string,
  body: Record<string, unknown>,
  options: { secret?: string; shopDomain?: string } = {},
): Request {
  const raw = JSON.stringify({
    shop_id: 1,
    shopify_domain: options.shopDomain ?? TEST_SHOP_DOMAIN,
    action_run_id: randomUUID(),
    action_definition_id: "threadline-action",
    handle: path,
    ...body,
  });
  const hmac = createHmac("sha256", options.secret ?? process.env.SHOPIFY_API_SECRET ?? "")
    .update(raw, "utf8")
    .digest("base64");
  return new Request(`http://127.0.0.1:3999/flow/actions/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-shopify-hmac-sha256": hmac },
    body: raw,
  });
}

async function post(path: string, body: Record<string, unknown>, options?: { secret?: string }) {
  const response = await flowAction({
    request: flowRequest(path, body, options),
    params: { action: path },
    context: {},
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("actions", () => {
  it("GIVEN a saved reply WHEN Flow runs send-saved-reply (and retries the same run) THEN the customer gets exactly one SMS with the rendered text", async () => {
    const { phone, conversation } = await givenConversation();
    await db().savedReply.create({
      data: {
        shopId: env.shopId,
        name: `Thanks ${conversation.id}`,
        body: "Hi {{ customer.first_name }}, thanks for waiting!",
      },
    });
    const body = {
      action_run_id: randomUUID(),
      properties: { conversation_id: conversation.id, saved_reply_name: `Thanks ${conversation.id}` },
    };
    const first = await post("send-saved-reply", body);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ok: true, created: true, channel: "SMS" });
    const sms = await waitFor(() => env.fakes.twilio.messages.find((m) => m.to === phone), "the SMS");
    expect(sms.body).toBe("Hi Ada, thanks for waiting!");
    expect(sms.from).toBe(SMS_FROM);

    const retry = await post("send-saved-reply", body);
    expect(retry.status).toBe(200);
    expect(retry.json).toMatchObject({ ok: true, created: false, messageId: first.json.messageId });
    await new Promise((r) => setTimeout(r, 800));
    expect(env.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    const message = await db().message.findUniqueOrThrow({ where: { id: first.json.messageId as string } });
    expect(message.authorName).toBe("Shopify Flow");
    expect(message.idempotencyKey).toBe(`staff:${conversation.id}:flow-action-${body.action_run_id}`);
  });

  it("GIVEN a conversation WHEN Flow assigns and tags it THEN the assignee is set and tags are added to the existing ones", async () => {
    const { conversation } = await givenConversation();
    await db().conversation.update({ where: { id: conversation.id }, data: { tags: ["vip"] } });
    const assigned = await post("assign", {
      properties: { conversation_id: conversation.id, assignee_name: "Grace Hopper", assignee_id: "" },
    });
    expect(assigned).toEqual({
      status: 200,
      json: { ok: true, assigneeId: "flow:Grace Hopper", assigneeName: "Grace Hopper" },
    });
    const tagged = await post("tag", {
      properties: { conversation_id: conversation.id, tags: "Refund,  late parcel ,vip" },
    });
    expect(tagged).toEqual({ status: 200, json: { ok: true, tags: ["vip", "refund", "late parcel"] } });
    const row = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(row.assigneeName).toBe("Grace Hopper");
    expect(row.tags).toEqual(["vip", "refund", "late parcel"]);
  });

  it("GIVEN a wrong signature THEN 401 and nothing changes", async () => {
    const { conversation } = await givenConversation();
    const response = await post(
      "tag",
      { properties: { conversation_id: conversation.id, tags: "x" } },
      { secret: "not-the-app-secret" },
    );
    expect(response.status).toBe(401);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).tags).toEqual([]);
  });

  it("GIVEN missing or bad properties THEN 400 naming the field", async () => {
    const { conversation } = await givenConversation();
    expect(await post("send-saved-reply", { properties: { conversation_id: conversation.id } })).toEqual({
      status: 400,
      json: { error: "properties.saved_reply_name is required", field: "properties.saved_reply_name" },
    });
    const badChannel = await post("send-saved-reply", {
      properties: { conversation_id: conversation.id, saved_reply_name: "x", channel: "FAX" },
    });
    expect(badChannel.status).toBe(400);
    expect(badChannel.json.field).toBe("properties.channel");
    const badRun = await post("assign", { action_run_id: "x", properties: {} });
    expect(badRun.status).toBe(400);
    expect(badRun.json.field).toBe("action_run_id");
  });

  it("GIVEN another shop's conversation id THEN 404 and it is left alone", async () => {
    const other = await createShop({ domain: `flow-other-${randomUUID().slice(0, 8)}.myshopify.com` });
    const customer = await db().customer.create({ data: { shopId: other.id, firstName: "Eve" } });
    const foreign = await db().conversation.create({
      data: { shopId: other.id, customerId: customer.id, replyToken: randomUUID() },
    });
    for (const [path, properties] of [
      ["assign", { conversation_id: foreign.id, assignee_name: "Mallory" }],
      ["tag", { conversation_id: foreign.id, tags: "pwned" }],
      ["send-saved-reply", { conversation_id: foreign.id, saved_reply_name: "anything" }],
    ] as const) {
      const response = await post(path, { properties });
      expect(response).toEqual({
        status: 404,
        json: { error: "No such conversation.", field: "properties.conversation_id" },
      });
    }
    const row = await db().conversation.findUniqueOrThrow({ where: { id: foreign.id } });
    expect(row.tags).toEqual([]);
    expect(row.assigneeName).toBeNull();
  });
});
