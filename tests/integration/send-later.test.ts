// Send later (app/send-later/, decision 0059) through the real routes (demo sign-in), a real BullMQ
// worker on the sends queue and the Twilio stand-in, which records exactly what went out: a reply
// scheduled from the composer's route waits as a delayed job, goes out once when its time comes as
// a staff reply (scheduled-reply:<id>), a cancel before then wins, the reconciler rebuilds a job
// Redis lost, a duplicate run sends nothing more, bad times answer 400 and other shops' ids 404.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache, config } from "../../app/config.server";
import { revokeConsent } from "../../app/consent/revoke-consent.server";
import { db } from "../../app/db/client.server";
import { createRedisConnection } from "../../app/jobs/connection.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { JOB, QUEUE, QUEUE_OF } from "../../app/jobs/queues.server";
import { reconcile } from "../../app/jobs/reconciler.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { runScheduledReply } from "../../app/send-later/run-scheduled-reply.server";
import type { ScheduledReplyView } from "../../app/send-later/contracts";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { createShop, storeOfflineSession } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { settle, waitFor } from "./flows-engine-support";
import { createCustomer, FROM_EMAIL, SMS_FROM, startSendingEnv, type SendingEnv } from "./sending-helpers";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};

const BASE = "http://127.0.0.1:3999";
const scheduledRoute = () => import("../../app/routes/app.inbox.$id.scheduled") as Promise<RouteModule>;
const cancelRoute = () =>
  import("../../app/routes/app.inbox.$id.scheduled.$scheduledId.cancel") as Promise<RouteModule>;

let env: SendingEnv;
let workers: WorkerHandle;
let otherShopId: string;
let phoneN = 0;

async function call(mod: RouteModule, kind: "loader" | "action", request: Request, params: Record<string, string>) {
  try {
    return await mod[kind]!({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** JSON answers parsed; a thrown 404 ("Not found") reads as an empty body. */
async function bodyOf(res: Response): Promise<Record<string, unknown>> {
  return res.headers.get("content-type")?.includes("json") ? ((await res.json()) as Record<string, unknown>) : {};
}

async function schedule(conversationId: string, fields: Record<string, string>) {
  const res = await call(
    await scheduledRoute(),
    "action",
    new Request(`${BASE}/app/inbox/${conversationId}/scheduled`, {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    { id: conversationId },
  );
  return { status: res.status, body: await bodyOf(res) };
}

async function cancel(conversationId: string, scheduledId: string) {
  const res = await call(
    await cancelRoute(),
    "action",
    new Request(`${BASE}/app/inbox/${conversationId}/scheduled/${scheduledId}/cancel`, { method: "POST" }),
    { id: conversationId, scheduledId },
  );
  return { status: res.status, body: await bodyOf(res) };
}

async function listed(conversationId: string): Promise<ScheduledReplyView[]> {
  const res = await call(
    await scheduledRoute(),
    "loader",
    new Request(`${BASE}/app/inbox/${conversationId}/scheduled`),
    { id: conversationId },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { scheduledReplies: ScheduledReplyView[] }).scheduledReplies;
}

/** A customer with a phone, an open SMS conversation and their message a minute ago. */
async function thread(shopId = env.shopId) {
  const phone = `+1415557${String(1000 + phoneN++)}`;
  const customer = await createCustomer(shopId, { phone, email: `later${phoneN}@example.com` });
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      status: "OPEN",
      lastInboundChannel: "SMS",
      lastInboundAt: new Date(Date.now() - 60_000),
    },
  });
  await db().message.create({
    data: {
      shopId,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "INBOUND",
      channel: "SMS",
      author: "CUSTOMER",
      body: "Can you tell me tomorrow?",
      fromAddress: phone,
      deliveryStatus: "RECEIVED",
      idempotencyKey: `in:${randomUUID()}`,
      createdAt: new Date(Date.now() - 60_000),
    },
  });
  return { customer, conversation, phone };
}

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const sentTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);
const jobOf = (id: string) => getQueue(QUEUE_OF[JOB.sendScheduledReply]).getJob(`scheduled-reply-${id}`);

/** The clock reaches the reply's time: its row says due now and its delayed job is promoted. */
async function timeComes(id: string) {
  await db().scheduledReply.update({ where: { id }, data: { sendAt: new Date(Date.now() - 1000) } });
  const job = await jobOf(id);
  expect(job).toBeTruthy();
  if ((await job!.getState()) === "delayed") await job!.promote();
}

beforeAll(async () => {
  env = await startSendingEnv();
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  await storeOfflineSession(TEST_SHOP_DOMAIN);
  await db().shop.update({ where: { id: env.shopId }, data: { ianaTimezone: "Europe/Paris" } });
  otherShopId = (await createShop({ domain: "someone-else.myshopify.com" })).id;
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});

afterAll(async () => {
  await workers?.close();
  await env?.close();
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

describe("send later", () => {
  it("GIVEN a reply scheduled from the composer WHEN its time comes THEN the Twilio stand-in gets exactly that SMS once, one staff Message exists and the list no longer shows it", async () => {
    const { conversation, phone } = await thread();
    const sendAt = inMinutes(90);
    const res = await schedule(conversation.id, { channel: "SMS", body: "  Your parcel leaves tomorrow.  ", sendAt });
    expect(res.status).toBe(201);
    const view = res.body.scheduledReply as ScheduledReplyView;
    expect(view).toMatchObject({
      channel: "SMS",
      preview: "Your parcel leaves tomorrow.",
      sendAt,
      state: "SCHEDULED",
      staffName: "Demo Staff",
      error: null,
    });
    const row = await db().scheduledReply.findUniqueOrThrow({ where: { id: view.id } });
    expect(row).toMatchObject({ shopId: env.shopId, state: "SCHEDULED", staffUserId: "demo-staff", messageId: null });
    // A delayed job that holds only the id, due at the row's time.
    const job = await jobOf(view.id);
    expect(await job!.getState()).toBe("delayed");
    expect(job!.data).toEqual({ scheduledReplyId: view.id });
    expect(Math.abs(job!.timestamp + job!.opts.delay! - new Date(sendAt).getTime())).toBeLessThan(5_000);
    expect(await listed(conversation.id)).toEqual([view]);
    await settle(300);
    expect(sentTo(phone)).toHaveLength(0);

    await timeComes(view.id);
    const sent = await waitFor(() => sentTo(phone)[0], "the Twilio send");
    expect({ to: sent.to, from: sent.from, body: sent.body }).toEqual({
      to: phone,
      from: SMS_FROM,
      body: "Your parcel leaves tomorrow.",
    });
    const done = await waitFor(async () => {
      const r = await db().scheduledReply.findUniqueOrThrow({ where: { id: view.id } });
      return r.state === "SENT" ? r : null;
    }, "the row SENT");
    const messages = await db().message.findMany({ where: { conversationId: conversation.id, direction: "OUTBOUND" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      id: done.messageId,
      author: "STAFF",
      authorName: "Demo Staff",
      staffUserId: "demo-staff",
      channel: "SMS",
      body: "Your parcel leaves tomorrow.",
      idempotencyKey: `scheduled-reply:${view.id}`,
    });
    expect(await listed(conversation.id)).toEqual([]);
    await settle(500);
    expect(sentTo(phone)).toHaveLength(1);
  });

  it("GIVEN a scheduled reply WHEN staff cancel it before its time THEN nothing is ever sent, the job is gone, and a second cancel answers 409", async () => {
    const { conversation, phone } = await thread();
    const res = await schedule(conversation.id, { channel: "SMS", body: "Never mind this one.", preset: "in-1h" });
    expect(res.status).toBe(201);
    const id = (res.body.scheduledReply as ScheduledReplyView).id;
    expect(await cancel(conversation.id, id)).toEqual({ status: 200, body: { ok: true, state: "CANCELLED" } });
    const row = await db().scheduledReply.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("CANCELLED");
    expect(row.cancelledAt).toBeInstanceOf(Date);
    expect(await jobOf(id)).toBeUndefined();
    expect(await listed(conversation.id)).toEqual([]);
    // Even a job that survived somewhere finds the row cancelled, past its time.
    await db().scheduledReply.update({ where: { id }, data: { sendAt: new Date(Date.now() - 1000) } });
    expect(await runScheduledReply(id)).toBe("not sent: cancelled");
    await settle(500);
    expect(sentTo(phone)).toHaveLength(0);
    expect(await db().message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
    expect(await cancel(conversation.id, id)).toEqual({
      status: 409,
      body: { ok: false, error: "This reply was already cancelled." },
    });
  });

  it("GIVEN a scheduled reply WHEN Redis loses every job of ours THEN the reconciler re-enqueues it at its own time, and it is sent once when due", async () => {
    const { conversation, phone } = await thread();
    const sendAt = inMinutes(45);
    const res = await schedule(conversation.id, { channel: "SMS", body: "Back after the flush.", sendAt });
    const id = (res.body.scheduledReply as ScheduledReplyView).id;
    // Past the reconciler's grace for rows being enqueued right now.
    await db().scheduledReply.update({ where: { id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    // Every key under this test file's prefix, as a FLUSHALL would (other files share this Redis).
    const redis = createRedisConnection();
    const keys = await redis.keys(`${config().QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    expect(await jobOf(id)).toBeUndefined();

    const result = await reconcile();
    expect(result.scheduledReplies).toBe(1);
    const job = await jobOf(id);
    expect(await job!.getState()).toBe("delayed");
    expect(Math.abs(job!.timestamp + job!.opts.delay! - new Date(sendAt).getTime())).toBeLessThan(5_000);
    // A second pass finds the job live and adds nothing.
    expect((await reconcile()).scheduledReplies).toBe(0);

    await timeComes(id);
    await waitFor(() => sentTo(phone)[0], "the send after the flush");
    await settle(500);
    expect(sentTo(phone).map((m) => m.body)).toEqual(["Back after the flush."]);
  });

  it("GIVEN a due reply WHEN its job runs three times at once and once more afterwards THEN one message is claimed and sent", async () => {
    const { conversation, phone } = await thread();
    const res = await schedule(conversation.id, { channel: "SMS", body: "Exactly once.", preset: "in-3h" });
    const id = (res.body.scheduledReply as ScheduledReplyView).id;
    await getQueue(QUEUE_OF[JOB.sendScheduledReply]).remove(`scheduled-reply-${id}`);
    await db().scheduledReply.update({ where: { id }, data: { sendAt: new Date(Date.now() - 1000) } });
    const outcomes = await Promise.all([runScheduledReply(id), runScheduledReply(id), runScheduledReply(id)]);
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    expect(await runScheduledReply(id)).toBe("already sent");
    await waitFor(() => sentTo(phone)[0], "the send");
    await settle(700);
    expect(sentTo(phone)).toHaveLength(1);
    expect(await db().message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(1);
    const row = await db().scheduledReply.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("SENT");
    expect(row.messageId).toBeTruthy();
  });

  it("GIVEN a crash after the claim committed and before its send was queued WHEN the job runs again THEN it only queues the send: one message, sent once", async () => {
    const { conversation, customer, phone } = await thread();
    const res = await schedule(conversation.id, { channel: "SMS", body: "After the crash.", preset: "in-1h" });
    const id = (res.body.scheduledReply as ScheduledReplyView).id;
    await getQueue(QUEUE_OF[JOB.sendScheduledReply]).remove(`scheduled-reply-${id}`);
    // What the job's claim commits (message + row SENT in one transaction), then the process died.
    await claimOutboundMessage({
      shopId: env.shopId,
      customerId: customer.id,
      channel: "SMS",
      toAddress: phone,
      body: "After the crash.",
      author: "STAFF",
      authorName: "Demo Staff",
      staffUserId: "demo-staff",
      idempotencyKey: `scheduled-reply:${id}`,
      metadata: { purpose: "TRANSACTIONAL" },
      onClaimed: async (tx, messageId) => {
        await tx.scheduledReply.update({ where: { id }, data: { state: "SENT", messageId } });
      },
    });
    await settle(300);
    expect(sentTo(phone)).toHaveLength(0);
    expect(await runScheduledReply(id)).toBe("already sent");
    await waitFor(() => sentTo(phone)[0], "the send after the crash");
    expect(await runScheduledReply(id)).toBe("already sent");
    await settle(500);
    expect(sentTo(phone).map((m) => m.body)).toEqual(["After the crash."]);
    expect(await db().message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(1);
  });

  it("GIVEN an email reply scheduled with a subject WHEN its time comes THEN SendGrid receives that subject and body from the shop's sender, as a person's reply (no Auto-Submitted)", async () => {
    const { conversation, customer } = await thread();
    await db().message.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "INBOUND",
        channel: "EMAIL",
        author: "CUSTOMER",
        subject: "My order",
        body: "Where is it?",
        fromAddress: customer.email,
        deliveryStatus: "RECEIVED",
        providerMessageId: `<m-${randomUUID()}@mail.example>`,
        idempotencyKey: `in:${randomUUID()}`,
      },
    });
    const res = await schedule(conversation.id, {
      channel: "EMAIL",
      subject: "Re: My order",
      body: "It ships on Monday.",
      preset: "tomorrow-9",
    });
    expect(res.status).toBe(201);
    const id = (res.body.scheduledReply as ScheduledReplyView).id;
    await timeComes(id);
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => m.body.personalizations?.[0]?.to?.[0]?.email === customer.email),
      "the SendGrid send",
    );
    expect(mail.body.subject).toBe("Re: My order");
    expect(mail.body.content?.[0]?.value).toBe("It ships on Monday.");
    expect(mail.body.from).toMatchObject({ email: FROM_EMAIL });
    expect(mail.body.headers?.["Auto-Submitted"]).toBeUndefined();
    expect(mail.body.headers?.["In-Reply-To"]).toMatch(/^<m-/);
  });

  it("GIVEN a customer who opts out after the reply was scheduled WHEN its time comes THEN nothing is sent and the row is FAILED with the live reply's reason, listed until dismissed", async () => {
    const { conversation, customer, phone } = await thread();
    const res = await schedule(conversation.id, { channel: "SMS", body: "Will this go?", preset: "tomorrow-9" });
    const id = (res.body.scheduledReply as ScheduledReplyView).id;
    await revokeConsent({
      shopId: env.shopId,
      customerId: customer.id,
      channel: "SMS",
      purposes: ["MARKETING", "TRANSACTIONAL"],
      source: "KEYWORD",
    });
    await timeComes(id);
    const failed = await waitFor(async () => {
      const r = await db().scheduledReply.findUniqueOrThrow({ where: { id } });
      return r.state === "FAILED" ? r : null;
    }, "the row FAILED");
    expect(failed.error).toMatch(/opted out/i);
    expect(failed.messageId).toBeNull();
    expect(sentTo(phone)).toHaveLength(0);
    expect(await listed(conversation.id)).toMatchObject([{ id, state: "FAILED", error: failed.error }]);
    expect(await cancel(conversation.id, id)).toEqual({ status: 200, body: { ok: true, state: "FAILED" } });
    expect(await listed(conversation.id)).toEqual([]);
  });

  it("GIVEN a time in the past, too far ahead, unreadable, or an unknown preset WHEN scheduled THEN 400 naming sendAt and nothing is written", async () => {
    const { conversation } = await thread();
    const before = await db().scheduledReply.count();
    const times: Array<Record<string, string>> = [
      { sendAt: new Date(Date.now() - 60_000).toISOString() },
      { sendAt: new Date(Date.now() + 20_000).toISOString() },
      { sendAt: new Date(Date.now() + 31 * 86_400_000).toISOString() },
      { sendAt: "tomorrow morning" },
      { sendAt: "2026-02-31T09:00" },
      {},
    ];
    for (const when of times) {
      const res = await schedule(conversation.id, { channel: "SMS", body: "Hello later", ...when });
      expect(res.status, JSON.stringify(when)).toBe(400);
      expect(res.body).toMatchObject({ ok: false, field: "sendAt" });
    }
    expect(await schedule(conversation.id, { channel: "SMS", body: "x", preset: "next-year" })).toMatchObject({
      status: 400,
      body: { ok: false, field: "preset" },
    });
    expect(await schedule(conversation.id, { channel: "SMS", body: "  ", preset: "in-1h" })).toMatchObject({
      status: 400,
      body: { ok: false, field: "body" },
    });
    // WhatsApp: the customer never wrote there, so no time makes it possible.
    expect(await schedule(conversation.id, { channel: "WHATSAPP", body: "hi", preset: "in-1h" })).toMatchObject({
      status: 400,
      body: { ok: false, field: "channel" },
    });
    expect(await db().scheduledReply.count()).toBe(before);
  });

  it("GIVEN a wall-clock time from the date field THEN it is read in the shop's zone (Europe/Paris)", async () => {
    const { conversation } = await thread();
    const local = new Date(Date.now() + 2 * 86_400_000);
    const day = local.toISOString().slice(0, 10);
    const res = await schedule(conversation.id, {
      channel: "SMS",
      body: "At nine, Paris time",
      sendAt: `${day}T09:00`,
    });
    expect(res.status).toBe(201);
    const sendAt = new Date((res.body.scheduledReply as ScheduledReplyView).sendAt);
    const paris = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(sendAt);
    expect(paris).toBe("09:00");
    expect(sendAt.toISOString().slice(0, 10)).toBe(day);
  });

  it("GIVEN another shop's conversation or scheduled reply WHEN scheduled, listed or cancelled THEN 404 and nothing changes", async () => {
    const foreign = await thread(otherShopId);
    expect((await schedule(foreign.conversation.id, { channel: "SMS", body: "hi", preset: "in-1h" })).status).toBe(404);
    const foreignRow = await db().scheduledReply.create({
      data: {
        shopId: otherShopId,
        conversationId: foreign.conversation.id,
        channel: "SMS",
        body: "theirs",
        sendAt: new Date(Date.now() + 3600_000),
      },
    });
    expect((await cancel(foreign.conversation.id, foreignRow.id)).status).toBe(404);
    // Our own conversation's id with their scheduled reply's id: still not ours.
    const mine = await thread();
    expect((await cancel(mine.conversation.id, foreignRow.id)).status).toBe(404);
    expect((await cancel(mine.conversation.id, "does-not-exist")).status).toBe(404);
    const listRes = await call(
      await scheduledRoute(),
      "loader",
      new Request(`${BASE}/app/inbox/${foreign.conversation.id}/scheduled`),
      { id: foreign.conversation.id },
    );
    expect(listRes.status).toBe(404);
    expect((await db().scheduledReply.findUniqueOrThrow({ where: { id: foreignRow.id } })).state).toBe("SCHEDULED");
    expect(await db().scheduledReply.count({ where: { conversationId: foreign.conversation.id } })).toBe(1);
  });
});
