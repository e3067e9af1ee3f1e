// Order confirmation, shipping updates and review requests end to end: signed
// order/fulfillment webhooks → the engine → real Redis → the provider stand-ins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { runFlowStep } from "../../app/flow-runs/run-flow-step.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { deliverAndProcess } from "../support/shopify-webhook";
import { saveConnection } from "../../app/channels/credentials.server";
import { eventKeys, FROM_EMAIL, SENDGRID_KEY, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";
import {
  daytimeCountry,
  enableFlows,
  fulfillmentPayload,
  nextId,
  nightCountry,
  orderPayload,
  setTemplate,
  settle,
  waitFor,
} from "./flows-engine-support";

let env: SendingEnv;
let workers: WorkerHandle;
let phoneSeq = 10;
const newPhone = () => `+1415555${String(600 + phoneSeq++).padStart(4, "0")}`;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  env = await startSendingEnv();
  // With an Inbound Parse domain, automated emails carry the conversation's reply-to address.
  await saveConnection(env.shopId, "SENDGRID", {
    apiKey: SENDGRID_KEY,
    fromEmail: FROM_EMAIL,
    eventWebhookPublicKey: eventKeys.publicKey,
    replyToDomain: "reply.shop.example.com",
  });
  await enableFlows(env.shopId, ["ORDER_CONFIRMATION", "SHIPPING_UPDATE", "REVIEW_REQUEST"]);
  await setTemplate(
    env.shopId,
    "ORDER_CONFIRMATION",
    0,
    "EMAIL",
    "Thanks {{ customer.first_name }}! {{ order.order_status_url }}",
    "Order {{ order.name }} confirmed",
  );
  await setTemplate(
    env.shopId,
    "SHIPPING_UPDATE",
    0,
    "SMS",
    "{{ order.name }}: {{ fulfillment.shipment_status | default: 'shipped' }} {{ fulfillment.tracking_url }}",
  );
  await setTemplate(env.shopId, "REVIEW_REQUEST", 0, "EMAIL", "Review: {{ review_url }}", "How was {{ order.name }}?");
  workers = await startWorkers({
    queues: [QUEUE.webhooks, QUEUE.flowSteps, QUEUE.sends],
    schedule: false,
    reconcileOnStart: false,
  });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
});

const mailsTo = (email: string) =>
  env.fakes.sendgrid.mails.filter((m) => m.body.personalizations?.[0]?.to?.[0]?.email === email);
const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);
/** Shipping-update SMS only (the order confirmation goes by SMS too for a phone-only customer). */
const shippingSms = (phone: string, orderName: string) =>
  smsTo(phone).filter((m) => m.body?.startsWith(`${orderName}: `));

describe("order confirmation", () => {
  it("GIVEN orders/create delivered twice (new event id) and then orders/updated THEN one confirmation email, sent at once even at night (transactional)", async () => {
    const email = `order-${nextId()}@example.com`;
    const order = orderPayload({ email, phone: null, country: nightCountry().country, shopifyCustomerId: nextId() });
    await deliverAndProcess("orders/create", order);
    await deliverAndProcess("orders/create", order);
    await deliverAndProcess("orders/updated", { ...order, updated_at: new Date().toISOString() });
    await waitFor(() => mailsTo(email).length >= 1, "the confirmation");
    await settle(1000);
    const mails = mailsTo(email);
    expect(mails).toHaveLength(1);
    const body = mails[0].body;
    expect(body.from?.email).toBe(FROM_EMAIL);
    expect(body.personalizations?.[0]?.subject ?? body.subject).toBe(`Order ${order.name} confirmed`);
    expect(body.content?.find((c) => c.type === "text/plain")?.value).toBe(`Thanks Ada! ${order.order_status_url}`);
    expect(body.headers?.["List-Unsubscribe"]).toBeUndefined();
    const runs = await db().flowRun.findMany({ where: { shopId: env.shopId, flow: { kind: "ORDER_CONFIRMATION" } } });
    const stored = await db().order.findFirstOrThrow({ where: { shopifyOrderId: BigInt(order.id) } });
    expect(runs.filter((r) => r.triggerKey === `order:${stored.id}`)).toHaveLength(1);
    const message = await db().message.findFirstOrThrow({ where: { toAddress: email } });
    expect(message.metadata).toMatchObject({ purpose: "TRANSACTIONAL" });
    // Threaded like a staff email: our Message-ID, and the customer's answer comes back to this
    // conversation through its reply-to address.
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
    expect(body.headers?.["Message-ID"]).toMatch(/^<tl-[0-9a-f]{32}@reply\.shop\.example\.com>$/);
    expect(body.reply_to?.email).toBe(`${conversation.replyToken}@reply.shop.example.com`);
  });
});

describe("shipping updates", () => {
  it("GIVEN fulfillments/create with tracking, in_transit twice and delivered THEN exactly three SMS: shipped, in_transit, delivered", async () => {
    const phone = newPhone();
    const order = orderPayload({ phone, email: null, country: daytimeCountry().country, shopifyCustomerId: nextId() });
    await deliverAndProcess("orders/create", order);
    const t0 = Date.now() - 10 * 60_000;
    const f = fulfillmentPayload({ orderId: order.id, createdAt: new Date(t0) });
    await deliverAndProcess("fulfillments/create", f);
    await waitFor(() => shippingSms(phone, order.name).length >= 1, "the shipped SMS");

    const inTransit = { ...f, shipment_status: "in_transit", updated_at: new Date(t0 + 60_000).toISOString() };
    await deliverAndProcess("fulfillments/update", inTransit);
    await deliverAndProcess("fulfillments/update", inTransit); // Shopify repeating itself
    await deliverAndProcess("fulfillments/update", { ...inTransit, updated_at: new Date(t0 + 90_000).toISOString() });
    await waitFor(() => shippingSms(phone, order.name).length >= 2, "the in_transit SMS");
    await deliverAndProcess("fulfillments/update", {
      ...f,
      shipment_status: "delivered",
      updated_at: new Date(t0 + 120_000).toISOString(),
    });
    await waitFor(() => shippingSms(phone, order.name).length >= 3, "the delivered SMS");
    await deliverAndProcess("fulfillments/update", {
      ...f,
      shipment_status: "delivered",
      updated_at: new Date(t0 + 180_000).toISOString(),
    });
    await settle(1000);
    expect(shippingSms(phone, order.name).map((m) => [m.from, m.body])).toEqual([
      [SMS_FROM, `${order.name}: shipped ${f.tracking_url}`],
      [SMS_FROM, `${order.name}: in_transit ${f.tracking_url}`],
      [SMS_FROM, `${order.name}: delivered ${f.tracking_url}`],
    ]);
  });

  it("GIVEN fulfillments/create arriving before its orders/create THEN the shipped SMS goes once the order arrives, and only once", async () => {
    const phone = newPhone();
    const order = orderPayload({ phone, email: null, country: daytimeCountry().country, shopifyCustomerId: nextId() });
    const f = fulfillmentPayload({ orderId: order.id });
    await deliverAndProcess("fulfillments/create", f);
    await settle(500);
    expect(shippingSms(phone, order.name)).toHaveLength(0);

    await deliverAndProcess("orders/create", order);
    await waitFor(() => shippingSms(phone, order.name).length >= 1, "the shipped SMS");
    await deliverAndProcess("fulfillments/update", { ...f, updated_at: new Date().toISOString() });
    await settle(1000);
    expect(shippingSms(phone, order.name).map((m) => m.body)).toEqual([`${order.name}: shipped ${f.tracking_url}`]);
  });

  it("GIVEN a fulfillment without tracking THEN no message until tracking is added", async () => {
    const phone = newPhone();
    const order = orderPayload({ phone, email: null, country: daytimeCountry().country, shopifyCustomerId: nextId() });
    await deliverAndProcess("orders/create", order);
    const t0 = Date.now() - 10 * 60_000;
    const f = fulfillmentPayload({ orderId: order.id, trackingNumber: null, createdAt: new Date(t0) });
    await deliverAndProcess("fulfillments/create", f);
    await settle();
    expect(shippingSms(phone, order.name)).toHaveLength(0);
    const tracked = {
      ...f,
      tracking_number: "TRACK-1",
      tracking_url: "https://track.example.com/TRACK-1",
      updated_at: new Date(t0 + 60_000).toISOString(),
    };
    await deliverAndProcess("fulfillments/update", tracked);
    await waitFor(() => shippingSms(phone, order.name).length >= 1, "the shipped SMS");
    expect(shippingSms(phone, order.name)[0].body).toBe(`${order.name}: shipped https://track.example.com/TRACK-1`);
  });
});

describe("review request", () => {
  it("GIVEN a fulfillment THEN a review request waits 14 days; WHEN delivered THEN it moves to delivery + 7 days, and at that time the email goes with the review link", async () => {
    const email = `review-${nextId()}@example.com`;
    const order = orderPayload({ email, phone: null, country: daytimeCountry().country, shopifyCustomerId: nextId() });
    await deliverAndProcess("customers/email_marketing_consent_update", {
      customer_id: order.customer.id,
      email_address: email,
      email_marketing_consent: {
        state: "subscribed",
        opt_in_level: "single_opt_in",
        consent_updated_at: new Date(Date.now() - DAY).toISOString(),
      },
    });
    await deliverAndProcess("orders/create", order);
    await waitFor(() => mailsTo(email).length >= 1, "the order confirmation"); // the confirmation flow is on too
    const created = new Date(Date.now() - 3 * DAY);
    const f = fulfillmentPayload({ orderId: order.id, createdAt: created });
    await deliverAndProcess("fulfillments/create", f);
    const stored = await db().order.findFirstOrThrow({ where: { shopifyOrderId: BigInt(order.id) } });
    const runOf = () =>
      db().flowRun.findFirstOrThrow({ where: { triggerKey: `review:${stored.id}` }, include: { steps: true } });
    let run = await runOf();
    expect(run.steps[0].dueAt.getTime()).toBe(created.getTime() + 14 * DAY);

    const deliveredAt = new Date(Date.now() - 2 * DAY);
    await deliverAndProcess("fulfillments/update", {
      ...f,
      shipment_status: "delivered",
      updated_at: deliveredAt.toISOString(),
    });
    run = await runOf();
    expect(run.steps[0]).toMatchObject({ state: "PENDING", dueAt: new Date(deliveredAt.getTime() + 7 * DAY) });
    const job = await getQueue(QUEUE.flowSteps).getJob(run.steps[0].id);
    expect(Math.abs(job!.timestamp + job!.delay - run.steps[0].dueAt.getTime())).toBeLessThan(2000);

    // Five days later (through the engine's own clock parameter).
    expect(await runFlowStep(run.steps[0].id, { now: run.steps[0].dueAt })).toBe("claimed");
    await waitFor(() => mailsTo(email).length >= 2, "the review request");
    const mail = mailsTo(email)[1].body;
    expect(mail.personalizations?.[0]?.subject ?? mail.subject).toBe(`How was ${order.name}?`);
    const text = mail.content?.find((c) => c.type === "text/plain")?.value ?? "";
    expect(text).toMatch(/^Review: https:\/\/threadline-demo\.myshopify\.com\/products\/.+#reviews$/);
    expect(mail.headers?.["List-Unsubscribe"]).toMatch(/^<.+\/unsubscribe\/.+>$/);
  });
});
