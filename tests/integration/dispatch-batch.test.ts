// The batched hot path (app/dispatch/): webhook receipts processed as one batch, set-based ingest,
// due-now steps and their sends in the same job. GIVEN/WHEN/THEN against real PostgreSQL, Redis
// and the Twilio stand-in; the per-order path is the reference the batch must match row for row.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { saveConnection } from "../../app/channels/credentials.server";
import { processReceiptBatch } from "../../app/dispatch/process-receipt-batch.server";
import { ingestNewOrders } from "../../app/dispatch/new-orders/ingest-new-orders.server";
import { newDispatchScope, runInDispatchScope } from "../../app/dispatch/scope.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { reconcileFlowSteps } from "../../app/flow-runs/reconcile-steps.server";
import { sendMessage } from "../../app/messages/send-message.server";
import { recordReceipt } from "../../app/webhooks/receipt-writer.server";
import { processWebhookReceipt, startAttempts } from "../../app/webhooks/process-receipt.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { resetConfigCache } from "../../app/config.server";
import { createShop } from "../support/factories";
import { ACCOUNT_SID, AUTH_TOKEN, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import {
  enableFlows,
  fulfillmentPayload,
  nextId,
  orderPayload,
  setStepChannels,
  setTemplate,
  waitFor,
} from "./flows-engine-support";

let env: SendingEnv;
let batchShop: { id: string; domain: string };
let referenceShop: { id: string; domain: string };
let phoneSeq = 0;
const newPhone = () => `+1415556${String(1000 + phoneSeq++).padStart(4, "0")}`;

async function prepareShop(shopId: string) {
  await enableFlows(shopId, ["ORDER_CONFIRMATION"]);
  await setStepChannels(shopId, "ORDER_CONFIRMATION", ["SMS"]);
  await setTemplate(
    shopId,
    "ORDER_CONFIRMATION",
    0,
    "SMS",
    "Hi {{ customer.first_name }}, {{ order.name }} is confirmed.",
  );
}

async function newShop(domain: string) {
  const shop = await createShop({ domain });
  await saveConnection(shop.id, "TWILIO", { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, fromNumber: SMS_FROM });
  await prepareShop(shop.id);
  return { id: shop.id, domain };
}

/** Stores a signed-equivalent receipt, as intake does, and returns its id. */
async function receive(shopDomain: string, topic: string, body: unknown): Promise<string> {
  const { receiptId } = await recordReceipt({
    shopDomain,
    topic,
    eventId: randomUUID(),
    webhookId: randomUUID(),
    apiVersion: "2026-10",
    triggeredAt: new Date(),
    payloadJson: JSON.stringify(body),
  });
  return receiptId!;
}

const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

beforeAll(async () => {
  env = await startSendingEnv();
  await prepareShop(env.shopId);
  batchShop = await newShop("batch-shop.myshopify.com");
  referenceShop = await newShop("reference-shop.myshopify.com");
});
afterAll(async () => {
  await env?.close();
});

/** What a shop's rows say, without ids, row order or clock times: comparable across shops. */
async function shopRows(shopId: string) {
  const customers = await db().customer.findMany({ where: { shopId }, include: { identities: true } });
  const byId = new Map(customers.map((c) => [c.id, c.shopifyCustomerId?.toString() ?? "guest"]));
  const who = (id: string | null) => (id ? byId.get(id) : null);
  const sort = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
  const orders = await db().order.findMany({ where: { shopId } });
  const events = await db().timelineEvent.findMany({ where: { shopId } });
  const runs = await db().flowRun.findMany({ where: { shopId }, include: { steps: true } });
  const messages = await db().message.findMany({ where: { shopId } });
  const conversations = await db().conversation.findMany({ where: { shopId } });
  const orderName = new Map(orders.map((o) => [o.id, o.name]));
  return {
    customers: sort(
      customers.map((c) => ({
        shopifyCustomerId: c.shopifyCustomerId?.toString(),
        firstName: c.firstName,
        lastName: c.lastName,
        email: c.email,
        phone: c.phone,
        locale: c.locale,
        countryCode: c.countryCode,
        ianaTimezone: c.ianaTimezone,
        ordersCount: c.ordersCount,
        totalSpent: c.totalSpent.toString(),
        shopifyCreatedAt: c.shopifyCreatedAt,
        shopifyUpdatedAt: c.shopifyUpdatedAt,
        identities: c.identities.map((i) => `${i.kind}:${i.value}`).sort(),
      })),
    ),
    orders: sort(
      orders.map(({ id: _id, shopId: _s, customerId, createdAt: _c, updatedAt: _u, ...o }) => ({
        ...o,
        shopifyOrderId: o.shopifyOrderId.toString(),
        totalPrice: o.totalPrice.toString(),
        customer: who(customerId),
      })),
    ),
    events: sort(
      events
        .filter((e) => e.type !== "MESSAGE")
        .map((e) => ({
          type: e.type,
          key: e.dedupeKey,
          title: e.title,
          data: e.data,
          at: e.occurredAt,
          customer: who(e.customerId),
        })),
    ),
    messageEvents: sort(
      events
        .filter((e) => e.type === "MESSAGE")
        .map((e) => {
          const {
            flowId: _f,
            flowRunId: _r,
            flowStepId: _s,
            providerMessageId,
            ...data
          } = e.data as Record<string, unknown>;
          return { title: e.title, data: { ...data, hasProviderId: !!providerMessageId }, customer: who(e.customerId) };
        }),
    ),
    runs: sort(
      runs.map((r) => {
        const context = r.context as { orderId?: string; email?: string; phone?: string };
        return {
          status: r.status,
          endReason: r.endReason,
          order: orderName.get(context.orderId ?? ""),
          email: context.email,
          phone: context.phone,
          customer: who(r.customerId),
          steps: r.steps.map((s) => ({
            position: s.position,
            state: s.state,
            channel: s.channel,
            attempts: s.attempts,
          })),
        };
      }),
    ),
    messages: sort(
      messages.map((m) => ({
        channel: m.channel,
        author: m.author,
        authorName: m.authorName,
        to: m.toAddress,
        from: m.fromAddress,
        body: m.body,
        status: m.deliveryStatus,
        sent: !!m.providerMessageId && !!m.sendAttemptedAt,
        metadata: m.metadata,
        customer: who(m.customerId),
      })),
    ),
    conversations: sort(
      conversations.map((c) => ({ status: c.status, customer: who(c.customerId), preview: c.lastMessagePreview })),
    ),
  };
}

/** The per-order path's steps and sends, run here rather than by their jobs. */
async function runEverythingWaiting(shopId: string) {
  const steps = await db().flowStep.findMany({ where: { shopId, state: "PENDING" } });
  for (const step of steps) await runFlowStep(step.id);
  const pending = await db().message.findMany({ where: { shopId, deliveryStatus: "PENDING" } });
  for (const message of pending) await sendMessage(message.id);
}

describe("a batch of new orders", () => {
  it("GIVEN a mix of orders (new and known customers, a shared phone, a guest, a cancelled order, one order delivered twice) WHEN one shop takes them as one batch and another one by one THEN both shops hold the same rows and every confirmation went out once", async () => {
    const known = nextId();
    const sharedPhone = newPhone();
    const payloads = [
      orderPayload({ shopifyCustomerId: nextId(), email: `a-${nextId()}@example.com`, phone: newPhone() }),
      orderPayload({ shopifyCustomerId: nextId(), email: `b-${nextId()}@example.com`, phone: sharedPhone }),
      orderPayload({ shopifyCustomerId: nextId(), email: `c-${nextId()}@example.com`, phone: sharedPhone }),
      orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone(), country: "US" }),
      orderPayload({ shopifyCustomerId: known, email: `known-${known}@example.com`, phone: newPhone() }),
      {
        ...orderPayload({ shopifyCustomerId: nextId(), email: `x-${nextId()}@example.com`, phone: newPhone() }),
        cancelled_at: new Date().toISOString(),
      },
      orderPayload({ email: `guest-${nextId()}@example.com`, phone: newPhone() }),
    ];
    const twice = orderPayload({ shopifyCustomerId: nextId(), email: `t-${nextId()}@example.com`, phone: newPhone() });
    payloads.push(twice, twice);
    // The known customer: an earlier order, with a first name Shopify has since changed.
    const earlier = orderPayload({
      shopifyCustomerId: known,
      email: `known-${known}@example.com`,
      phone: payloads[4].phone,
      firstName: "Old",
    });
    earlier.updated_at = new Date(Date.now() - 3600_000).toISOString();
    earlier.customer.updated_at = earlier.updated_at;

    for (const shop of [batchShop, referenceShop]) {
      await processWebhookReceipt(await receive(shop.domain, "orders/create", earlier));
      await runEverythingWaiting(shop.id);
    }

    // WHEN: the batch shop takes all of them in one batch, the reference shop one at a time.
    const batchIds: string[] = [];
    for (const p of payloads) batchIds.push(await receive(batchShop.domain, "orders/create", p));
    const failures = await processReceiptBatch(batchIds);
    expect([...failures.keys()]).toEqual([]);

    for (const p of payloads) await processWebhookReceipt(await receive(referenceShop.domain, "orders/create", p));
    await runEverythingWaiting(referenceShop.id);

    // THEN: the same rows.
    const [batch, reference] = await Promise.all([shopRows(batchShop.id), shopRows(referenceShop.id)]);
    expect(batch).toEqual(reference);
    expect(batch.orders).toHaveLength(9);
    const receipts = await db().webhookReceipt.findMany({ where: { id: { in: batchIds } } });
    expect(receipts.every((r) => r.status === "PROCESSED")).toBe(true);
    // One confirmation per order with a customer and not cancelled (the guest's is matched by its email, a new guest customer has none).
    const confirmed = batch.messages.map((m) => JSON.parse(m) as { to: string; status: string });
    expect(confirmed.every((m) => m.status === "QUEUED" || m.status === "SENT")).toBe(true);
    for (const p of [payloads[0], payloads[3], twice]) {
      expect(smsTo(p.phone).filter((m) => m.body?.includes(p.name))).toHaveLength(2); // once per shop
    }
  }, 60_000);

  it("GIVEN the same receipts WHEN two batches run them at the same moment THEN each customer gets one SMS and no message is left pending or in review", async () => {
    const payloads = Array.from({ length: 12 }, () =>
      orderPayload({ shopifyCustomerId: nextId(), email: `dup-${nextId()}@example.com`, phone: newPhone() }),
    );
    const ids: string[] = [];
    for (const p of payloads) ids.push(await receive(batchShop.domain, "orders/create", p));
    await Promise.all([processReceiptBatch(ids), processReceiptBatch(ids), processReceiptBatch(ids.slice(3, 9))]);
    for (const p of payloads) expect(smsTo(p.phone)).toHaveLength(1);
    const messages = await db().message.findMany({ where: { toAddress: { in: payloads.map((p) => p.phone) } } });
    expect(messages).toHaveLength(12);
    expect(new Set(messages.map((m) => m.deliveryStatus))).toEqual(new Set(["QUEUED"]));
  }, 60_000);

  it("GIVEN a customer who texted STOP WHEN their order comes in a batch THEN their step is skipped with the reason and the others are sent", async () => {
    const stopped = orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() });
    await processWebhookReceipt(
      await receive(batchShop.domain, "orders/create", { ...stopped, id: nextId(), name: "#first" }),
    );
    const customer = await db().customer.findFirstOrThrow({ where: { shopId: batchShop.id, phone: stopped.phone } });
    await db().consent.create({
      data: {
        shopId: batchShop.id,
        customerId: customer.id,
        channel: "SMS",
        purpose: "TRANSACTIONAL",
        state: "REVOKED",
        source: "KEYWORD",
        occurredAt: new Date(),
      },
    });
    await db().message.deleteMany({ where: { customerId: customer.id } });
    env.fakes.twilio.messages.splice(0);
    const other = orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() });

    await processReceiptBatch([
      await receive(batchShop.domain, "orders/create", stopped),
      await receive(batchShop.domain, "orders/create", other),
    ]);

    expect(smsTo(stopped.phone)).toHaveLength(0);
    expect(smsTo(other.phone)).toHaveLength(1);
    const run = await db().flowRun.findFirstOrThrow({
      where: {
        shopId: batchShop.id,
        customerId: customer.id,
        steps: { some: { state: "SKIPPED" } },
      },
      include: { steps: true },
    });
    expect(run.steps[0].lastError).toMatch(/opted out of all SMS messages/);
  }, 60_000);
});

describe("shipping updates in a batch", () => {
  it("GIVEN an order WHEN fulfillments/create and an in_transit update arrive, one shop taking them in batches and another one by one THEN both hold the same rows and the customer gets the shipped and in-transit SMS once each", async () => {
    // Shops of their own: the comparison is of everything the two shops hold.
    const batching = await newShop("batch-shipping.myshopify.com");
    const oneByOne = await newShop("reference-shipping.myshopify.com");
    for (const shop of [batching, oneByOne]) {
      await enableFlows(shop.id, ["ORDER_CONFIRMATION", "SHIPPING_UPDATE"]);
      await setStepChannels(shop.id, "SHIPPING_UPDATE", ["SMS"]);
      await setTemplate(
        shop.id,
        "SHIPPING_UPDATE",
        0,
        "SMS",
        "{{ order.name }}: {{ fulfillment.shipment_status | default: 'shipped' }} {{ fulfillment.tracking_url }}",
      );
    }
    const order = orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() });
    const shipped = fulfillmentPayload({ orderId: order.id });
    const inTransit = { ...shipped, shipment_status: "in_transit", updated_at: new Date().toISOString() };

    await processReceiptBatch([await receive(batching.domain, "orders/create", order)]);
    await processReceiptBatch([await receive(batching.domain, "fulfillments/create", shipped)]);
    await processReceiptBatch([await receive(batching.domain, "fulfillments/update", inTransit)]);
    for (const [topic, body] of [
      ["orders/create", order],
      ["fulfillments/create", shipped],
      ["fulfillments/update", inTransit],
    ] as const) {
      await processWebhookReceipt(await receive(oneByOne.domain, topic, body));
      await runEverythingWaiting(oneByOne.id);
    }

    const [batch, reference] = await Promise.all([shopRows(batching.id), shopRows(oneByOne.id)]);
    expect(batch).toEqual(reference);
    const bodies = smsTo(order.phone).map((m) => m.body);
    const url = `https://track.example.com/${shipped.tracking_number}`;
    expect(bodies.filter((b) => b === `${order.name}: shipped ${url}`)).toHaveLength(2); // once per shop
    expect(bodies.filter((b) => b === `${order.name}: in_transit ${url}`)).toHaveLength(2);
  }, 60_000);
});

describe("the claim before the provider call", () => {
  let recordingTwilio: Server;
  const seen: Array<{ to: string; status: string | undefined; attempted: boolean }> = [];

  beforeAll(async () => {
    // A Twilio that reads our database when the POST arrives: the claim must already be committed.
    recordingTwilio = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      const to = new URLSearchParams(body).get("To") ?? "";
      const row = await db().message.findFirst({ where: { toAddress: to, shopId: env.shopId } });
      seen.push({ to, status: row?.deliveryStatus, attempted: !!row?.sendAttemptedAt });
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ sid: `SM${randomUUID().replace(/-/g, "")}`, status: "queued", error_code: null, to }));
    });
    await new Promise<void>((resolve) => recordingTwilio.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => recordingTwilio.close());

  it("GIVEN a batch of orders WHEN each SMS reaches the provider THEN its message was already PENDING with the attempt committed", async () => {
    const previous = process.env.TWILIO_API_BASE_URL;
    process.env.TWILIO_API_BASE_URL = `http://127.0.0.1:${(recordingTwilio.address() as AddressInfo).port}`;
    resetConfigCache();
    try {
      const payloads = Array.from({ length: 8 }, () =>
        orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() }),
      );
      const ids: string[] = [];
      for (const p of payloads) ids.push(await receive("threadline-demo.myshopify.com", "orders/create", p));
      await processReceiptBatch(ids);
      expect(seen.map((s) => s.to).sort()).toEqual(payloads.map((p) => p.phone).sort());
      expect(seen.every((s) => s.status === "PENDING" && s.attempted)).toBe(true);
      const sent = await db().message.findMany({ where: { toAddress: { in: payloads.map((p) => p.phone) } } });
      expect(sent.every((m) => m.deliveryStatus === "QUEUED" && m.providerMessageId?.startsWith("SM"))).toBe(true);
    } finally {
      process.env.TWILIO_API_BASE_URL = previous;
      resetConfigCache();
    }
  }, 60_000);
});

describe("a crash between the batch's commit and its sends, and a Redis that forgot", () => {
  let workers: WorkerHandle | undefined;
  afterAll(async () => workers?.close());

  it("GIVEN orders ingested by a batch that died before running their steps WHEN Redis is flushed and the reconciler runs THEN every confirmation is sent exactly once", async () => {
    const payloads = Array.from({ length: 5 }, () =>
      orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() }),
    );
    const ids: string[] = [];
    for (const p of payloads) ids.push(await receive(batchShop.domain, "orders/create", p));
    // The batch commits its rows, then "dies": the scope holding its due steps is dropped.
    const started = await startAttempts(ids);
    await runInDispatchScope(newDispatchScope(), () =>
      ingestNewOrders(started, new Map([[batchShop.domain, batchShop.id]])),
    );
    const receipts = await db().webhookReceipt.findMany({ where: { id: { in: ids } } });
    expect(receipts.every((r) => r.status === "PROCESSED")).toBe(true);
    const waiting = await db().flowStep.findMany({ where: { shopId: batchShop.id, state: "PENDING" } });
    expect(waiting.length).toBeGreaterThanOrEqual(5);

    await getQueue(QUEUE.flowSteps).obliterate({ force: true });
    const repaired = await reconcileFlowSteps(new Date(Date.now() + 60_000));
    expect(repaired).toBeGreaterThanOrEqual(5);
    workers = await startWorkers({ queues: [QUEUE.flowSteps, QUEUE.sends], schedule: false, reconcileOnStart: false });
    for (const p of payloads)
      await waitFor(() => (smsTo(p.phone).length ? true : null), `the SMS to ${p.phone}`, 20_000);
    await reconcileFlowSteps(new Date(Date.now() + 60_000));
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of payloads) expect(smsTo(p.phone)).toHaveLength(1);
  }, 60_000);

  it("GIVEN the provider rate-limits one send of a batch WHEN the batch runs THEN that message gets its own send job and goes out once", async () => {
    workers ??= await startWorkers({
      queues: [QUEUE.flowSteps, QUEUE.sends],
      schedule: false,
      reconcileOnStart: false,
    });
    const payload = orderPayload({ shopifyCustomerId: nextId(), email: null, phone: newPhone() });
    env.fakes.twilio.failNext(20429);
    await processReceiptBatch([await receive(batchShop.domain, "orders/create", payload)]);
    const message = await db().message.findFirstOrThrow({ where: { toAddress: payload.phone } });
    expect(message.deliveryStatus).toBe("PENDING");
    expect(message.errorCode).toBe("20429");
    await waitFor(() => (smsTo(payload.phone).length ? true : null), "the retried SMS", 20_000);
    const sent = await waitFor(
      () => db().message.findFirst({ where: { id: message.id, deliveryStatus: "QUEUED" } }),
      "the message recorded as sent",
    );
    expect(sent.providerMessageId).toBe(smsTo(payload.phone)[0].sid);
    expect(smsTo(payload.phone)).toHaveLength(1);
  }, 60_000);
});
