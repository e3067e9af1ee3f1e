// SLA timers (app/sla/, issue 13): the policy page (POST /app/settings/sla), due times set by a
// signed Twilio SMS in business hours across closed days, a holiday and a week, cleared by a staff
// reply, next response after it, recomputed on a priority change (around the clock), cleared on
// resolve; the breach job records once, escalates and writes the Flow trigger; another shop untouched.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listConversations, getConversation } from "../../app/admin-queries/inbox.server";
import { sendStaffReply } from "../../app/conversations/staff-reply.server";
import { setConversationPriority, setConversationStatus } from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { processors } from "../../app/jobs/processors/index.server";
import { JOB, QUEUE, QUEUE_OF } from "../../app/jobs/queues.server";
import { scheduleRepeatableJobs } from "../../app/jobs/schedule.server";
import { checkSlaBreaches } from "../../app/sla/breaches.server";
import { postToAdminRoute, signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { createShop } from "../support/factories";
import { createCustomer, inboundSms, postTwilioSigned, startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let otherId: string;
let phoneSeq = 0;
const staff = { id: "staff-sla", name: "Sam Staff" };

const save = (fields: Record<string, string>) =>
  postToAdminRoute(() => import("../../app/routes/app.settings.sla"), "/app/settings/sla", fields);

/** 00:00 UTC of today + n days. */
const day = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + n));
};
const at = (n: number, hour: number, minute = 0) => new Date(day(n).getTime() + (hour * 60 + minute) * 60_000);

/**
 * Open 09:00–17:00 UTC on two weekdays only: today + 3 (a holiday this week) and today + 4. So a
 * message today waits through two closed days and the holiday, and opens on today + 4.
 */
const calendar = () => ({
  timeZone: "UTC",
  hours: [3, 4].map((n) => ({ day: day(n).getUTCDay(), open: "09:00", close: "17:00" })),
  holidays: [{ date: day(3).toISOString().slice(0, 10), name: "Founders' day" }],
});

const policy = (first: string, next: string, resolution: string, mode = "business_hours") => ({
  first,
  next,
  resolution,
  mode,
});
function slaForm(p: Record<string, ReturnType<typeof policy>>, enabled = "on") {
  const fields: Record<string, string> = { enabled };
  for (const [priority, v] of Object.entries(p)) {
    fields[`${priority}.firstResponseMinutes`] = v.first;
    fields[`${priority}.nextResponseMinutes`] = v.next;
    fields[`${priority}.resolutionMinutes`] = v.resolution;
    fields[`${priority}.mode`] = v.mode;
  }
  return fields;
}
const POLICIES = {
  LOW: policy("", "", ""),
  NORMAL: policy("60", "30", "600"),
  HIGH: policy("45", "20", "300"),
  URGENT: policy("15", "10", "120", "around_the_clock"),
};

async function customerWrites(body: string, phone?: string) {
  const from = phone ?? `+1415556${String(1000 + phoneSeq++)}`;
  const customer = phone
    ? await db().customer.findFirstOrThrow({ where: { shopId: env.shopId, phone } })
    : await createCustomer(env.shopId, { phone: from, email: `sla${phoneSeq}@example.com` });
  const res = await postTwilioSigned(
    `${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`,
    inboundSms(from, body),
  );
  expect(res.status).toBe(200);
  const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: customer.id } });
  return { phone: from, customer, conversation };
}
const reload = (id: string) => db().conversation.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  env = await startSendingEnv();
  await signInDemoAdmin();
  await db().shop.update({
    where: { id: env.shopId },
    data: { ianaTimezone: "UTC", settings: { calendar: calendar(), quietHours: { start: "09:00", end: "20:00" } } },
  });
  otherId = (await createShop({ domain: "other-sla.myshopify.com" })).id;
});
afterAll(async () => {
  signOutDemoAdmin();
  await env?.close();
});

describe("SLA policies page", () => {
  it("GIVEN no policy saved THEN a customer message sets no timer (SLAs are off by default)", async () => {
    const { conversation } = await customerWrites("Before SLAs");
    const c = await reload(conversation.id);
    expect([c.firstResponseDueAt, c.nextResponseDueAt, c.resolutionDueAt]).toEqual([null, null, null]);
  });

  it("GIVEN bad fields THEN 400 naming the field and nothing written; GIVEN the form THEN saved beside other settings", async () => {
    const bad = await save({ ...slaForm(POLICIES), "HIGH.firstResponseMinutes": "soon" });
    expect(bad).toEqual({
      status: 400,
      body: {
        ok: false,
        field: "HIGH.firstResponseMinutes",
        error: "HIGH.firstResponseMinutes: must be a whole number of minutes",
      },
    });
    const badMode = await save({ ...slaForm(POLICIES), "LOW.mode": "weekends" });
    expect(badMode.status).toBe(400);
    expect(badMode.body.field).toBe("LOW.mode");
    const tooLong = await save({ ...slaForm(POLICIES), "NORMAL.resolutionMinutes": "999999" });
    expect(tooLong.body).toMatchObject({ ok: false, field: "NORMAL.resolutionMinutes" });
    expect((await db().shop.findUniqueOrThrow({ where: { id: env.shopId } })).settings).not.toHaveProperty("sla");

    const ok = await save(slaForm(POLICIES));
    expect(ok.status).toBe(200);
    const settings = (await db().shop.findUniqueOrThrow({ where: { id: env.shopId } })).settings as Record<
      string,
      unknown
    >;
    expect(settings.sla).toEqual({
      enabled: true,
      policies: {
        LOW: { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, mode: "business_hours" },
        NORMAL: { firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 600, mode: "business_hours" },
        HIGH: { firstResponseMinutes: 45, nextResponseMinutes: 20, resolutionMinutes: 300, mode: "business_hours" },
        URGENT: { firstResponseMinutes: 15, nextResponseMinutes: 10, resolutionMinutes: 120, mode: "around_the_clock" },
      },
    });
    expect(settings.calendar).toEqual(calendar());
    expect(settings.quietHours).toEqual({ start: "09:00", end: "20:00" });
    expect((await db().shop.findUniqueOrThrow({ where: { id: otherId } })).settings).toEqual({});
  });
});

describe("SLA timers", () => {
  it("GIVEN business hours WHEN a customer writes THEN first response and resolution are due across closed days, a holiday and a week; a staff reply clears first response; the next message sets next response", async () => {
    const { phone, conversation } = await customerWrites("Where is my order?");
    let c = await reload(conversation.id);
    // Today, tomorrow and the day after are closed, today + 3 is a holiday: 09:00 + 60 on today + 4.
    expect(c.firstResponseDueAt).toEqual(at(4, 10));
    // 480 business minutes on today + 4, then 120 more at the next opening a week after today + 3.
    expect(c.resolutionDueAt).toEqual(at(10, 11));
    expect(c.nextResponseDueAt).toBeNull();
    expect(c.firstRespondedAt).toBeNull();

    const { conversations } = await listConversations({ shopId: env.shopId, filters: { status: "ALL" } });
    expect(conversations.find((r) => r.id === conversation.id)).toMatchObject({
      firstResponseDueAt: at(4, 10),
      nextResponseDueAt: null,
      resolutionDueAt: at(10, 11),
    });

    const reply = await sendStaffReply({
      shopId: env.shopId,
      conversationId: conversation.id,
      staff,
      channel: "SMS",
      body: "Looking into it.",
      clientId: randomUUID(),
    });
    expect(reply.ok).toBe(true);
    const sent = await db().message.findUniqueOrThrow({ where: { id: reply.ok ? reply.messageId : "" } });
    c = await reload(conversation.id);
    expect(c.firstResponseDueAt).toBeNull();
    expect(c.nextResponseDueAt).toBeNull();
    expect(c.firstRespondedAt).toEqual(sent.createdAt);
    expect(c.resolutionDueAt).toEqual(at(10, 11));

    await customerWrites("Thanks, any update?", phone);
    c = await reload(conversation.id);
    expect(c.firstResponseDueAt).toBeNull();
    expect(c.nextResponseDueAt).toEqual(at(4, 9, 30));
    expect(c.firstRespondedAt).toEqual(sent.createdAt);

    await setConversationStatus(env.shopId, conversation.id, "RESOLVED");
    c = await reload(conversation.id);
    expect([c.firstResponseDueAt, c.nextResponseDueAt, c.resolutionDueAt]).toEqual([null, null, null]);
  });

  it("GIVEN an around-the-clock URGENT policy WHEN the priority is raised THEN the timers are recomputed in wall-clock minutes", async () => {
    const { conversation } = await customerWrites("My parcel is damaged");
    const inbound = await db().message.findFirstOrThrow({
      where: { conversationId: conversation.id, direction: "INBOUND" },
    });
    expect((await reload(conversation.id)).firstResponseDueAt).toEqual(at(4, 10));
    await setConversationPriority(env.shopId, conversation.id, "URGENT");
    const c = await reload(conversation.id);
    expect(c.firstResponseDueAt).toEqual(new Date(inbound.createdAt.getTime() + 15 * 60_000));
    expect(c.resolutionDueAt).toEqual(new Date(inbound.createdAt.getTime() + 120 * 60_000));
  });
});

describe("SLA breaches", () => {
  it("GIVEN a passed first-response time WHEN the job runs THEN one breach, priority raised one step, one sla-breached trigger; a rerun adds nothing; another shop's overdue row is left alone", async () => {
    const { phone, customer, conversation } = await customerWrites("Hello? Anyone?");
    const other = await db().conversation.create({
      data: {
        shopId: otherId,
        customerId: (await db().customer.create({ data: { shopId: otherId, firstName: "Bo" } })).id,
        replyToken: newCaseInsensitiveToken(),
        status: "OPEN",
        firstResponseDueAt: at(-1, 12),
      },
    });
    const due = (await reload(conversation.id)).firstResponseDueAt!;
    const now = new Date(due.getTime() + 60_000);

    expect(await checkSlaBreaches(now)).toBeGreaterThanOrEqual(1);
    const breaches = await db().slaBreach.findMany({ where: { conversationId: conversation.id } });
    expect(breaches).toHaveLength(1);
    expect(breaches[0]).toMatchObject({
      shopId: env.shopId,
      metric: "FIRST_RESPONSE",
      priority: "NORMAL",
      dueAt: due,
      breachedAt: now,
    });
    const c = await reload(conversation.id);
    expect(c.priority).toBe("HIGH");
    // The breached due time stays: staff see "Overdue by"; the conversation shows "SLA breached".
    expect(c.firstResponseDueAt).toEqual(due);
    const page = await getConversation(env.shopId, conversation.id);
    expect(page.conversation.slaBreaches.map((b) => b.dueAt)).toContainEqual(due);

    const triggers = await db().flowTriggerEvent.findMany({
      where: { handle: "sla-breached", payload: { path: ["Conversation ID"], equals: conversation.id } },
    });
    expect(triggers).toHaveLength(1);
    expect(triggers[0].idempotencyKey).toBe(`sla-breached:${conversation.id}:first_response:${due.getTime()}`);
    expect(triggers[0].payload).toEqual({
      "Conversation ID": conversation.id,
      Channel: "SMS",
      "Conversation URL": `https://admin.shopify.com/store/threadline-demo/apps/threadline/app/inbox/${conversation.id}`,
      "Customer name": "Ada",
      "Customer email": customer.email,
      "Customer phone": phone,
      "Shopify customer ID": "",
      Target: "first_response",
      "Due at": due.toISOString(),
    });

    await checkSlaBreaches(now);
    await checkSlaBreaches(new Date(now.getTime() + 120_000));
    expect(await db().slaBreach.count({ where: { conversationId: conversation.id } })).toBe(1);
    expect((await reload(conversation.id)).priority).toBe("HIGH");
    expect(
      await db().flowTriggerEvent.count({
        where: { handle: "sla-breached", payload: { path: ["Conversation ID"], equals: conversation.id } },
      }),
    ).toBe(1);
    // The other shop never turned SLAs on: its overdue time is not a breach.
    expect(await db().slaBreach.count({ where: { shopId: otherId } })).toBe(0);
    expect((await reload(other.id)).priority).toBe("NORMAL");
  });

  it("GIVEN the workers' schedules WHEN set up THEN check-sla-breaches repeats every minute on the maintenance queue and its processor runs", async () => {
    await scheduleRepeatableJobs();
    await scheduleRepeatableJobs();
    const schedulers = (await getQueue(QUEUE.maintenance).getJobSchedulers()).filter(
      (j) => j.key === JOB.checkSlaBreaches,
    );
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]!.every).toBe(60_000);
    expect(QUEUE_OF[JOB.checkSlaBreaches]).toBe(QUEUE.maintenance);
    await expect(processors[JOB.checkSlaBreaches]({}, {} as never)).resolves.toBeTypeOf("number");
  });
});
