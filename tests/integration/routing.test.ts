// Routing rules end to end (app/routing/, issue 13): each condition and action through a real signed
// Twilio inbound message on the real route; round robin, least loaded, capacity and away members;
// the queue; reassignment and escalation by the per-minute sweep (twice: duplicate jobs change
// nothing) and on an SLA breach; the saved reply reaching the Twilio stand-in exactly once; the
// admin routes (another shop's rule answers 404) and the preview.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { saveRule } from "../../app/routing/rules.server";
import { runRoutingSweep } from "../../app/routing/sweep.server";
import { sendRoutingSavedReply } from "../../app/routing/saved-reply.server";
import { listQueue } from "../../app/routing/queue.server";
import { checkSlaBreaches } from "../../app/sla/breaches.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { scheduleRepeatableJobs } from "../../app/jobs/schedule.server";
import { measureRoutingLatency } from "../../bench/lib/routing-latency";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { createShop } from "../support/factories";
import {
  createCustomer,
  inboundSms,
  postTwilioSigned,
  startSendingEnv,
  WHATSAPP_FROM,
  type SendingEnv,
} from "./sending-helpers";

let env: SendingEnv;
let workers: WorkerHandle;
let phoneN = 0;
const newPhone = () => `+1415557${String(1000 + phoneN++).padStart(4, "0")}`;

beforeAll(async () => {
  env = await startSendingEnv();
  workers = await startWorkers({ queues: [QUEUE.sends, QUEUE.answers], schedule: false, reconcileOnStart: false });
  await signInDemoAdmin();
});
afterAll(async () => {
  signOutDemoAdmin();
  await workers?.close();
  await env?.close();
});
beforeEach(async () => {
  await db().routingRule.deleteMany({ where: { shopId: env.shopId } });
  await db().shop.update({ where: { id: env.shopId }, data: { settings: {} } });
  env.fakes.reset();
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

/** A customer writes by SMS (or WhatsApp) through the signed Twilio webhook; the routed conversation. */
async function writes(body: string, opts: { phone?: string; whatsapp?: boolean } = {}) {
  const phone = opts.phone ?? newPhone();
  const params = opts.whatsapp
    ? inboundSms(`whatsapp:${phone}`, body, { To: `whatsapp:${WHATSAPP_FROM}` })
    : inboundSms(phone, body);
  const res = await postTwilioSigned(`${env.appUrl}/webhooks/twilio/inbound/${env.twilioToken}`, params);
  expect(res.status).toBe(200);
  const message = await db().message.findFirstOrThrow({
    where: { shopId: env.shopId, providerMessageId: params.MessageSid },
  });
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: message.conversationId } });
  return { phone, conversation, message };
}

async function rule(conditions: unknown[], actions: unknown[], name = "Rule") {
  const saved = await saveRule(env.shopId, null, { name, conditions, actions });
  if (!saved.ok) throw new Error(saved.error);
  return saved.id;
}
const tagHit = [{ type: "add_tags", tags: ["hit"] }];

async function staff(name: string, over: { availability?: "ONLINE" | "AWAY"; capacity?: number | null } = {}) {
  return db().staffMember.create({
    data: {
      shopId: env.shopId,
      userId: `user-${name}-${phoneN++}`,
      name,
      availability: over.availability ?? "ONLINE",
      capacity: over.capacity ?? null,
    },
  });
}
async function team(name: string, members: { id: string }[], leadUserId: string | null = null) {
  return db().team.create({
    data: {
      shopId: env.shopId,
      name: `${name}-${phoneN++}`,
      leadUserId,
      members: { create: members.map((m) => ({ staffMemberId: m.id })) },
    },
  });
}
/** n open conversations already assigned to the member (their load). */
async function giveLoad(userId: string, n: number) {
  for (let i = 0; i < n; i++) {
    const c = await createCustomer(env.shopId, { phone: newPhone(), email: `load${phoneN}@example.com` });
    await db().conversation.create({
      data: {
        shopId: env.shopId,
        customerId: c.id,
        openCustomerId: c.id,
        replyToken: newCaseInsensitiveToken(),
        assigneeId: userId,
      },
    });
  }
}

describe("conditions, each through a real inbound SMS or WhatsApp message", () => {
  it("GIVEN channel WhatsApp WHEN an SMS and a WhatsApp message open conversations THEN only the WhatsApp one is routed, recorded and counted", async () => {
    const id = await rule([{ field: "channel", in: ["WHATSAPP"] }], tagHit, "WhatsApp");
    const sms = await writes("Hello there");
    const wa = await writes("Hello there", { whatsapp: true });
    expect(sms.conversation).toMatchObject({ routedByRuleId: null, tags: [] });
    expect(wa.conversation).toMatchObject({ routedByRuleId: id, tags: ["hit"] });
    const activity = await db().conversationActivity.findMany({
      where: { conversationId: wa.conversation.id, kind: "routed" },
    });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({ actorType: "RULE", actorId: id, actorName: "WhatsApp" });
    expect(await db().routingRule.findUniqueOrThrow({ where: { id } })).toMatchObject({ matchCount: 1 });
  });

  it("GIVEN language Spanish THEN a Spanish message matches and an English one does not", async () => {
    await rule([{ field: "language", in: ["es"] }], tagHit);
    expect((await writes("Hola, ¿dónde está mi pedido? Gracias")).conversation.tags).toEqual(["hit"]);
    expect((await writes("Hello, is the shop open today?")).conversation.tags).toEqual([]);
  });

  it("GIVEN intent order tracking THEN 'where is my order' matches, a product question does not", async () => {
    await rule([{ field: "intent", in: ["order_tracking"] }], tagHit);
    expect((await writes("Where is my order? It has not arrived")).conversation.tags).toEqual(["hit"]);
    expect((await writes("Do you sell gift cards?")).conversation.tags).toEqual([]);
  });

  it("GIVEN hand-off reason legal threat THEN a message naming a lawyer matches", async () => {
    await rule([{ field: "handoff_reason", in: ["legal_threat"] }], tagHit);
    expect((await writes("My lawyer will hear about this")).conversation.tags).toEqual(["hit"]);
    expect((await writes("Thanks for the quick delivery")).conversation.tags).toEqual([]);
  });

  it("GIVEN keywords THEN a whole word in any case matches, part of a word does not", async () => {
    await rule([{ field: "keywords", any: ["refund", "wholesale"] }], tagHit);
    expect((await writes("I want a REFUND please")).conversation.tags).toEqual(["hit"]);
    expect((await writes("Is this refundable?")).conversation.tags).toEqual([]);
  });

  it("GIVEN customer tags WHEN a customer whose earlier conversation was tagged vip writes again THEN the reopened conversation matches", async () => {
    const phone = newPhone();
    const customer = await createCustomer(env.shopId, { phone, email: `vip${phone.slice(-4)}@example.com` });
    await db().conversation.create({
      data: {
        shopId: env.shopId,
        customerId: customer.id,
        status: "RESOLVED",
        replyToken: newCaseInsensitiveToken(),
        tags: ["vip"],
      },
    });
    await rule([{ field: "customer_tags", any: ["VIP"] }], [{ type: "set_priority", priority: "HIGH" }]);
    const { conversation } = await writes("Hi again", { phone });
    expect(conversation).toMatchObject({ status: "OPEN", priority: "HIGH" });
    expect((await writes("Hi, first time here")).conversation.priority).toBe("NORMAL");
  });

  it("GIVEN lifetime value ≥ 500, latest order ≥ 200 and returning THEN only the customer who meets all three matches", async () => {
    await rule(
      [
        { field: "lifetime_value", op: "gte", value: 500 },
        { field: "order_value", op: "gte", value: 200 },
        { field: "customer_type", is: "returning" },
      ],
      tagHit,
    );
    const rich = newPhone();
    const richCustomer = await createCustomer(env.shopId, { phone: rich, email: `rich${rich.slice(-4)}@example.com` });
    await db().customer.update({ where: { id: richCustomer.id }, data: { totalSpent: 640, ordersCount: 2 } });
    await db().order.create({
      data: {
        shopId: env.shopId,
        shopifyOrderId: BigInt(9000 + phoneN),
        customerId: richCustomer.id,
        totalPrice: 250,
        processedAt: new Date(),
      },
    });
    const small = newPhone();
    const smallCustomer = await createCustomer(env.shopId, {
      phone: small,
      email: `small${small.slice(-4)}@example.com`,
    });
    await db().customer.update({ where: { id: smallCustomer.id }, data: { totalSpent: 640, ordersCount: 2 } });
    await db().order.create({
      data: {
        shopId: env.shopId,
        shopifyOrderId: BigInt(9500 + phoneN),
        customerId: smallCustomer.id,
        totalPrice: 30,
        processedAt: new Date(),
      },
    });
    expect((await writes("Question about my order", { phone: rich })).conversation.tags).toEqual(["hit"]);
    expect((await writes("Question about my order", { phone: small })).conversation.tags).toEqual([]);
    expect((await writes("Question about my order")).conversation.tags).toEqual([]);
  });

  it("GIVEN first-time customers and lifetime value ≤ 10 THEN a new customer matches", async () => {
    await rule(
      [
        { field: "customer_type", is: "first_time" },
        { field: "lifetime_value", op: "lte", value: 10 },
      ],
      tagHit,
    );
    expect((await writes("Hi!")).conversation.tags).toEqual(["hit"]);
  });

  it("GIVEN outside business hours WHEN the calendar never opens THEN the message matches; within does not", async () => {
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { calendar: { timeZone: "UTC", hours: [], holidays: [] } } },
    });
    await rule([{ field: "business_hours", is: "within" }], [{ type: "add_tags", tags: ["open"] }], "Open");
    await rule([{ field: "business_hours", is: "outside" }], [{ type: "add_tags", tags: ["closed"] }], "Closed");
    expect((await writes("Anyone there?")).conversation.tags).toEqual(["closed"]);
  });

  it("GIVEN two matching rules THEN the one higher in the list wins and the other's count stays 0", async () => {
    const first = await rule([], [{ type: "add_tags", tags: ["first"] }], "First");
    const second = await rule([], [{ type: "add_tags", tags: ["second"] }], "Second");
    expect((await writes("Hello")).conversation.tags).toEqual(["first"]);
    await db().routingRule.update({ where: { id: first }, data: { enabled: false } });
    expect((await writes("Hello")).conversation.tags).toEqual(["second"]);
    expect((await db().routingRule.findUniqueOrThrow({ where: { id: first } })).matchCount).toBe(1);
    expect((await db().routingRule.findUniqueOrThrow({ where: { id: second } })).matchCount).toBe(1);
  });

  it("GIVEN a customer writing again in an open conversation THEN routing does not run again", async () => {
    const id = await rule([], tagHit);
    const { phone, conversation } = await writes("First message");
    await writes("Second message", { phone });
    expect((await db().routingRule.findUniqueOrThrow({ where: { id } })).matchCount).toBe(1);
    expect(await db().conversationActivity.count({ where: { conversationId: conversation.id, kind: "routed" } })).toBe(
      1,
    );
  });
});

describe("assignment", () => {
  it("GIVEN round robin over two online members THEN three conversations go A, B, A with assignedAt set", async () => {
    const a = await staff("Ann");
    const b = await staff("Ben");
    const t = await team("Support", [a, b]);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    const first = (await writes("one")).conversation;
    const second = (await writes("two")).conversation;
    const third = (await writes("three")).conversation;
    expect(new Set([first.assigneeId, second.assigneeId])).toEqual(new Set([a.userId, b.userId]));
    expect(third.assigneeId).toBe(first.assigneeId);
    expect(first).toMatchObject({ teamId: t.id });
    expect(first.assignedAt).toBeInstanceOf(Date);
    expect([a.name, b.name]).toContain(first.assigneeName);
  });

  it("GIVEN least loaded THEN the member with fewer open conversations gets it", async () => {
    const busy = await staff("Busy");
    const calm = await staff("Calm");
    await giveLoad(busy.userId, 2);
    const t = await team("Sales", [busy, calm]);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "least_loaded" }]);
    expect((await writes("hi")).conversation.assigneeId).toBe(calm.userId);
  });

  it("GIVEN a member at capacity and an away member THEN both are skipped", async () => {
    const full = await staff("Full", { capacity: 1 });
    await giveLoad(full.userId, 1);
    const away = await staff("Away", { availability: "AWAY" });
    const free = await staff("Free", { capacity: 5 });
    const t = await team("Care", [full, away, free]);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    expect((await writes("hi")).conversation.assigneeId).toBe(free.userId);
  });

  it("GIVEN nobody available THEN the conversation stays unassigned with its team, and waits in the queue oldest first", async () => {
    const away = await staff("Gone", { availability: "AWAY" });
    const t = await team("Night", [away]);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "least_loaded" }]);
    const older = (await writes("first in line")).conversation;
    const newer = (await writes("second in line")).conversation;
    expect(older).toMatchObject({ assigneeId: null, teamId: t.id, assignedAt: null });
    const activity = await db().conversationActivity.findFirstOrThrow({
      where: { conversationId: older.id, kind: "routed" },
    });
    expect(activity.detail).toMatchObject({ teamId: t.id, queued: "no_member_available" });
    const { conversations } = await listQueue({ shopId: env.shopId, pageSize: 500 });
    const ids = conversations.map((c) => c.id);
    expect(ids.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    expect(conversations.every((c) => c.assigneeId === null && c.status === "OPEN")).toBe(true);
  });

  it("GIVEN assign to a person THEN online they get it; away they do not", async () => {
    const person = await staff("Pia");
    const id = await rule([{ field: "keywords", any: ["pia"] }], [{ type: "assign_person", staffMemberId: person.id }]);
    expect((await writes("for pia please")).conversation).toMatchObject({
      assigneeId: person.userId,
      assigneeName: "Pia",
    });
    await db().staffMember.update({ where: { id: person.id }, data: { availability: "AWAY" } });
    expect((await writes("for pia again")).conversation).toMatchObject({ assigneeId: null, routedByRuleId: id });
  });
});

describe("other actions", () => {
  it("GIVEN set priority, add tags THEN the conversation has them", async () => {
    await rule(
      [],
      [
        { type: "set_priority", priority: "URGENT" },
        { type: "add_tags", tags: ["Returns", "eu"] },
      ],
    );
    expect((await writes("hello")).conversation).toMatchObject({ priority: "URGENT", tags: ["returns", "eu"] });
  });

  it("GIVEN mark as spam with CSAT on THEN the conversation is resolved, tagged spam, markedSpamAt set, and no survey exists", async () => {
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { csat: { enabled: true, delayMinutes: 0 } } },
    });
    const id = await rule([{ field: "keywords", any: ["casino"] }], [{ type: "mark_spam" }], "Spam");
    const { conversation, message } = await writes("Best CASINO bonus here");
    expect(conversation).toMatchObject({
      status: "RESOLVED",
      openCustomerId: null,
      tags: ["spam"],
      routedByRuleId: id,
    });
    expect(conversation.markedSpamAt?.getTime()).toBe(message.createdAt.getTime());
    expect(await db().csatSurvey.count({ where: { conversationId: conversation.id } })).toBe(0);
    const kinds = (await db().conversationActivity.findMany({ where: { conversationId: conversation.id } })).map(
      (a) => a.kind,
    );
    expect(kinds.sort()).toEqual(["marked_spam", "routed"]);
  });

  it("GIVEN send a saved reply THEN the customer gets it exactly once on their channel, even when the job runs again", async () => {
    const reply = await db().savedReply.create({
      data: {
        shopId: env.shopId,
        name: `Ack ${phoneN}`,
        body: "Thanks {{ customer.first_name }}, a person will answer soon.",
      },
    });
    await rule([], [{ type: "send_saved_reply", savedReplyId: reply.id }], "Ack");
    const phone = newPhone();
    await createCustomer(env.shopId, { phone, email: `ack${phone.slice(-4)}@example.com`, firstName: "Ada" });
    const { conversation } = await writes("Hi, I have a question", { phone });
    const sms = await waitFor(() => env.fakes.twilio.messages.find((m) => m.to === phone), "the saved reply");
    expect(sms.body).toBe("Thanks Ada, a person will answer soon.");
    const activity = await db().conversationActivity.findFirstOrThrow({
      where: { conversationId: conversation.id, kind: "routed" },
    });
    await waitFor(async () => {
      const row = await db().conversationActivity.findUniqueOrThrow({ where: { id: activity.id } });
      return (row.detail as { savedReply?: { state: string } }).savedReply?.state === "SENT";
    }, "the row to say SENT");
    // A duplicate job: nothing more is sent.
    expect(await sendRoutingSavedReply(activity.id)).toBe("nothing to send");
    await db()
      .$executeRaw`UPDATE "ConversationActivity" SET detail = jsonb_set(detail, '{savedReply,state}', '"PENDING"') WHERE id = ${activity.id}`;
    expect(await sendRoutingSavedReply(activity.id)).toBe("already sent");
    await new Promise((r) => setTimeout(r, 800));
    expect(env.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
    const sent = await db().message.findMany({ where: { conversationId: conversation.id, direction: "OUTBOUND" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      channel: "SMS",
      author: "STAFF",
      authorName: "Ack",
      idempotencyKey: `staff:${conversation.id}:rule-${activity.id}`,
    });
    // Automation, not a person: no first response for the SLA or the KPIs, no reply wait.
    expect(sent[0].replyWaitSeconds).toBeNull();
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      firstRespondedAt: null,
    });
    const cycle = await db().conversationCycle.findFirstOrThrow({ where: { conversationId: conversation.id } });
    expect(cycle).toMatchObject({ firstResponseAt: null, firstResponseSeconds: null });
  });
});

describe("reassignment and escalation", () => {
  it("GIVEN reassign after 10 minutes WHEN the assignee has not replied THEN the sweep gives it to the teammate, once", async () => {
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { routing: { reassignAfterMinutes: 10 } } },
    });
    const a = await staff("Ada");
    const b = await staff("Bo");
    const t = await team("Reassign", [a, b]);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    const { conversation } = await writes("Help please");
    const first = conversation.assigneeId!;
    const later = new Date(conversation.assignedAt!.getTime() + 11 * 60_000);
    await runRoutingSweep(later);
    await runRoutingSweep(later);
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.assigneeId).not.toBe(first);
    expect([a.userId, b.userId]).toContain(after.assigneeId);
    expect(after.assignedAt?.getTime()).toBe(later.getTime());
    const reassigned = await db().conversationActivity.findMany({
      where: { conversationId: conversation.id, kind: "reassigned" },
    });
    expect(reassigned).toHaveLength(1);
    expect(reassigned[0]).toMatchObject({
      actorType: "SYSTEM",
      detail: expect.objectContaining({ fromAssigneeId: first, reason: "no_reply" }),
    });
  });

  it("GIVEN a reply by the assignee THEN nothing is reassigned", async () => {
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { routing: { reassignAfterMinutes: 10 } } },
    });
    const a = await staff("Cy");
    const b = await staff("Di");
    const t = await team("Replied", [a, b]);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    const { conversation } = await writes("Help please");
    await db().message.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        direction: "OUTBOUND",
        channel: "SMS",
        author: "STAFF",
        body: "On it",
        idempotencyKey: `staff:${conversation.id}:manual-${phoneN}`,
        createdAt: new Date(conversation.assignedAt!.getTime() + 60_000),
      },
    });
    await runRoutingSweep(new Date(conversation.assignedAt!.getTime() + 11 * 60_000));
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(
      conversation.assigneeId,
    );
  });

  it("GIVEN escalate after 30 minutes THEN the sweep assigns the team lead and sets escalatedAt, once", async () => {
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { routing: { escalateAfterMinutes: 30 } } },
    });
    const lead = await staff("Lead");
    const agent = await staff("Agent");
    const t = await team("Escalate", [agent], lead.userId);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    const { conversation, message } = await writes("Still waiting");
    expect(conversation.assigneeId).toBe(agent.userId);
    const later = new Date(message.createdAt.getTime() + 31 * 60_000);
    await runRoutingSweep(later);
    await runRoutingSweep(later);
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after).toMatchObject({ assigneeId: lead.userId, assigneeName: "Lead" });
    expect(after.escalatedAt?.getTime()).toBe(later.getTime());
    const escalated = await db().conversationActivity.findMany({
      where: { conversationId: conversation.id, kind: "escalated" },
    });
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({
      actorType: "SYSTEM",
      detail: expect.objectContaining({ reason: "no_reply", fromAssigneeId: agent.userId }),
    });
  });

  it("GIVEN both settings WHEN the teammate does not answer either THEN escalation counts from the customer's first unanswered message", async () => {
    await db().shop.update({
      where: { id: env.shopId },
      data: { settings: { routing: { reassignAfterMinutes: 10, escalateAfterMinutes: 30 } } },
    });
    const lead = await staff("Chief");
    const a = await staff("Eve");
    const b = await staff("Fay");
    const t = await team("Both", [a, b], lead.userId);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    const { conversation, message } = await writes("Hello? Anyone?");
    const t0 = message.createdAt.getTime();
    await runRoutingSweep(new Date(t0 + 11 * 60_000));
    const reassigned = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(reassigned.assigneeId).not.toBe(conversation.assigneeId);
    await runRoutingSweep(new Date(t0 + 31 * 60_000));
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.assigneeId).toBe(lead.userId);
    const kinds = (
      await db().conversationActivity.findMany({
        where: { conversationId: conversation.id },
        orderBy: { createdAt: "asc" },
      })
    ).map((r) => r.kind);
    expect(kinds).toEqual(["routed", "reassigned", "escalated"]);
  });

  it("GIVEN SLAs on WHEN a first-response target is breached THEN the conversation is escalated to the team lead", async () => {
    const policy = {
      firstResponseMinutes: 5,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      mode: "around_the_clock",
    };
    await db().shop.update({
      where: { id: env.shopId },
      data: {
        settings: { sla: { enabled: true, policies: { LOW: policy, NORMAL: policy, HIGH: policy, URGENT: policy } } },
      },
    });
    const lead = await staff("Boss");
    const agent = await staff("Temp");
    const t = await team("Sla", [agent], lead.userId);
    await rule([], [{ type: "assign_team", teamId: t.id, strategy: "round_robin" }]);
    const { conversation } = await writes("Urgent question");
    expect(conversation.firstResponseDueAt).toBeInstanceOf(Date);
    await checkSlaBreaches(new Date(conversation.firstResponseDueAt!.getTime() + 60_000));
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.assigneeId).toBe(lead.userId);
    const escalated = await db().conversationActivity.findFirstOrThrow({
      where: { conversationId: conversation.id, kind: "escalated" },
    });
    expect(escalated.detail).toMatchObject({ reason: "sla_breach" });
  });
});

describe("admin routes", () => {
  const routeArgs = (path: string, init?: RequestInit, params: Record<string, string> = {}) => ({
    request: new Request(`http://127.0.0.1:3999${path}`, init),
    params,
    context: {},
  });
  const status = async (p: Promise<unknown>) => {
    try {
      const r = (await p) as Response;
      return r.status;
    } catch (e) {
      if (e instanceof Response) return e.status;
      throw e;
    }
  };

  it("GIVEN another shop's rule id THEN the editor's loader and action, toggle and move answer 404 and nothing changes", async () => {
    const other = await createShop({ domain: `other-routing-${phoneN}.myshopify.com` });
    const theirs = await db().routingRule.create({
      data: { shopId: other.id, name: "Theirs", position: 1, actions: [{ type: "mark_spam" }] },
    });
    const editor = await import("../../app/routes/app.routing.$id");
    const list = await import("../../app/routes/app.routing._index");
    expect(await status(editor.loader(routeArgs(`/app/routing/${theirs.id}`, undefined, { id: theirs.id })))).toBe(404);
    const save = new URLSearchParams({
      intent: "save",
      rule: JSON.stringify({ name: "Mine now", conditions: [], actions: [{ type: "mark_spam" }] }),
    });
    expect(
      await status(
        editor.action(routeArgs(`/app/routing/${theirs.id}`, { method: "POST", body: save }, { id: theirs.id })),
      ),
    ).toBe(404);
    expect(
      await status(
        list.action(
          routeArgs("/app/routing", {
            method: "POST",
            body: new URLSearchParams({ intent: "toggle", id: theirs.id, enabled: "off" }),
          }),
        ),
      ),
    ).toBe(404);
    expect(
      await status(
        list.action(
          routeArgs("/app/routing", {
            method: "POST",
            body: new URLSearchParams({ intent: "move", id: theirs.id, direction: "up" }),
          }),
        ),
      ),
    ).toBe(404);
    expect(await db().routingRule.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      name: "Theirs",
      enabled: true,
    });
  });

  it("GIVEN the editor WHEN a rule is saved, refused, moved and toggled through the routes THEN the rows say so", async () => {
    const editor = await import("../../app/routes/app.routing.$id");
    const list = await import("../../app/routes/app.routing._index");
    const post = async (
      mod: typeof editor | typeof list,
      path: string,
      fields: Record<string, string>,
      id?: string,
    ) => {
      const res = (await mod.action(
        routeArgs(path, { method: "POST", body: new URLSearchParams(fields) }, id ? { id } : {}),
      )) as Response;
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const bad = await post(
      editor,
      "/app/routing/new",
      {
        intent: "save",
        rule: JSON.stringify({
          name: "X",
          conditions: [],
          actions: [{ type: "assign_team", teamId: "nope", strategy: "round_robin" }],
        }),
      },
      "new",
    );
    expect(bad).toEqual({
      status: 400,
      body: { ok: false, field: "actions.0.teamId", error: "actions.0.teamId: not found in this shop" },
    });
    const one = await post(
      editor,
      "/app/routing/new",
      { intent: "save", rule: JSON.stringify({ name: "One", conditions: [], actions: [{ type: "mark_spam" }] }) },
      "new",
    );
    const two = await post(
      editor,
      "/app/routing/new",
      {
        intent: "save",
        rule: JSON.stringify({
          name: "Two",
          enabled: false,
          conditions: [],
          actions: [{ type: "add_tags", tags: ["x"] }],
        }),
      },
      "new",
    );
    expect(one).toMatchObject({ status: 200, body: { ok: true } });
    await post(list, "/app/routing", { intent: "move", id: String(two.body.id), direction: "up" });
    await post(list, "/app/routing", { intent: "toggle", id: String(two.body.id), enabled: "on" });
    const rows = await db().routingRule.findMany({ where: { shopId: env.shopId }, orderBy: { position: "asc" } });
    expect(rows.map((r) => [r.name, r.enabled])).toEqual([
      ["Two", true],
      ["One", true],
    ]);
    const settings = await post(list, "/app/routing", {
      intent: "settings",
      reassignAfterMinutes: "15",
      escalateAfterMinutes: "",
    });
    expect(settings).toEqual({
      status: 200,
      body: { ok: true, settings: { reassignAfterMinutes: 15, escalateAfterMinutes: null } },
    });
    const refused = await post(list, "/app/routing", { intent: "settings", reassignAfterMinutes: "0" });
    expect(refused).toMatchObject({ status: 400, body: { ok: false, field: "reassignAfterMinutes" } });
  });

  it("GIVEN recent conversations WHEN the preview posts a rule THEN it answers which of them match, most recent first, as text", async () => {
    const zebraOld = await writes("Do you have the <b>zebra</b> print?");
    await writes("Nothing to see here");
    const zebraNew = await writes("ZEBRA socks in stock?");
    const preview = await import("../../app/routes/app.routing.preview");
    const res = (await preview.action(
      routeArgs("/app/routing/preview", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: "Zebra", conditions: [{ field: "keywords", any: ["zebra"] }], actions: [] }),
      }),
    )) as Response;
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      count: number;
      checked: number;
      matches: Array<Record<string, unknown>>;
    };
    expect(body.ok).toBe(true);
    expect(body.count).toBe(2);
    expect(body.checked).toBeLessThanOrEqual(100);
    expect(body.matches.map((m) => m.conversationId)).toEqual([zebraNew.conversation.id, zebraOld.conversation.id]);
    expect(body.matches[1]).toMatchObject({
      customerName: expect.any(String),
      channel: "SMS",
      snippet: "Do you have the <b>zebra</b> print?",
    });
    expect(await db().routingRule.count({ where: { shopId: env.shopId } })).toBe(0);
    const bad = (await preview.action(
      routeArgs("/app/routing/preview", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conditions: [{ field: "channel", in: [] }] }),
      }),
    )) as Response;
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: "conditions.0.in: choose at least one" });
  });
});

describe("jobs and the latency helper", () => {
  it("GIVEN the schedules are set up twice THEN one routing-sweep scheduler runs every minute", async () => {
    await scheduleRepeatableJobs();
    await scheduleRepeatableJobs();
    const schedulers = (await getQueue(QUEUE.maintenance).getJobSchedulers()).filter((j) => j.key === "routing-sweep");
    expect(schedulers).toHaveLength(1);
    expect(Number(schedulers[0]!.every)).toBe(60_000);
  });

  it("GIVEN a saved reply whose job Redis lost THEN the sweep re-enqueues it and the customer still gets it once", async () => {
    const reply = await db().savedReply.create({
      data: { shopId: env.shopId, name: `Lost ${phoneN}`, body: "We got your message." },
    });
    await rule([], [{ type: "send_saved_reply", savedReplyId: reply.id }], "Lost");
    await workers.close();
    const { phone, conversation } = await writes("Hello?");
    const activity = await db().conversationActivity.findFirstOrThrow({
      where: { conversationId: conversation.id, kind: "routed" },
    });
    await (await getQueue(QUEUE.answers).getJob(`routing-reply-${activity.id}`))?.remove();
    const swept = await runRoutingSweep(new Date(Date.now() + 60_000));
    expect(swept.savedRepliesRequeued).toBeGreaterThanOrEqual(1);
    workers = await startWorkers({ queues: [QUEUE.sends, QUEUE.answers], schedule: false, reconcileOnStart: false });
    const sms = await waitFor(() => env.fakes.twilio.messages.find((m) => m.to === phone), "the saved reply");
    expect(sms.body).toBe("We got your message.");
    await new Promise((r) => setTimeout(r, 800));
    expect(env.fakes.twilio.messages.filter((m) => m.to === phone)).toHaveLength(1);
  });

  it("GIVEN a shop without rules WHEN the latency helper runs THEN it answers one figure per sample and leaves nothing behind", async () => {
    const before = {
      customers: await db().customer.count(),
      teams: await db().team.count(),
      staff: await db().staffMember.count(),
    };
    const samples = await measureRoutingLatency({ shopId: env.shopId, samples: 10 });
    expect(samples).toHaveLength(10);
    expect(samples.every((ms) => ms > 0)).toBe(true);
    expect(await db().routingRule.count({ where: { shopId: env.shopId } })).toBe(0);
    expect({
      customers: await db().customer.count(),
      teams: await db().team.count(),
      staff: await db().staffMember.count(),
    }).toEqual(before);
  });
});
