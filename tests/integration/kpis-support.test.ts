// The support KPIs of the dashboard (app/kpis/, issue 13) against a hand-computed fixture: resolution
// cycles opened by customer messages, first responses and reply waits set by staff replies, in
// business hours (Mon–Fri 09:00–17:00 UTC) and wall-clock across a closed night, a reopen that is a
// second cycle, a hand-off, buckets, CSAT, SLAs met, volume by channel/day/hour (shop zone), backlog,
// resolved with no person; the previous period, the filters, the drill-down, the CSV (exact columns,
// RFC 4180, formula-safe), and another shop's rows never counted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { conversationForInbound, noteInbound } from "../../app/conversations/conversation-for-inbound.server";
import { addInternalNote, assignConversation, setConversationStatus } from "../../app/conversations/state.server";
import { db } from "../../app/db/client.server";
import type { Channel } from "../../app/generated/prisma/enums";
import { CONVERSATIONS_CSV_COLUMNS, conversationsCsv } from "../../app/kpis/conversations-export.server";
import { csvField } from "../../app/kpis/csv";
import { markHandedOff, recordStaffReply } from "../../app/kpis/cycles.server";
import { readKpiQuery } from "../../app/kpis/dashboard.server";
import { drilldownConversations } from "../../app/kpis/drilldown.server";
import { supportKpis } from "../../app/kpis/support.server";
import { DEFAULT_SLA_SETTINGS } from "../../app/sla/settings";
import { signInDemoAdmin, signOutDemoAdmin } from "../support/admin-route";
import { createShop } from "../support/factories";

const H = 3600;
const t = (iso: string) => new Date(`${iso}Z`);
const CALENDAR = {
  timeZone: "UTC",
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "17:00" })),
  holidays: [],
};

let shopId: string;
let otherShopId: string;
let zoneShopId: string;
let teamId: string;
const conv: Record<string, string> = {};

async function customer(shop: string, name: string) {
  return db().customer.create({
    data: { shopId: shop, firstName: name, lastName: "Test", email: `${randomUUID()}@example.com` },
  });
}

/** A customer message through the inbound bookkeeping (joins/reopens the conversation, opens a cycle). */
async function inbound(shop: string, customerId: string, at: string, channel: Channel): Promise<string> {
  return inRetryingTransaction(async (tx) => {
    const conversationId = await conversationForInbound(tx, shop, customerId);
    await tx.message.create({
      data: {
        shopId: shop,
        conversationId,
        customerId,
        direction: "INBOUND",
        channel,
        author: "CUSTOMER",
        body: "Where is my order?",
        deliveryStatus: "RECEIVED",
        idempotencyKey: randomUUID(),
        createdAt: t(at),
      },
    });
    await noteInbound(tx, conversationId, { channel, at: t(at), preview: "Where is my order?" });
    return conversationId;
  });
}

/** A person's reply at a given time, recorded as claimOutboundMessage records it. */
async function staffReply(shop: string, conversationId: string, at: string, staffUserId: string) {
  await inRetryingTransaction(async (tx) => {
    const c = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    const message = await tx.message.create({
      data: {
        shopId: shop,
        conversationId,
        customerId: c.customerId,
        direction: "OUTBOUND",
        channel: c.lastInboundChannel ?? "SMS",
        author: "STAFF",
        authorName: "Anna",
        staffUserId,
        body: "On its way!",
        deliveryStatus: "DELIVERED",
        idempotencyKey: randomUUID(),
        createdAt: t(at),
      },
    });
    await recordStaffReply(tx, message);
  });
}

const resolve = (shop: string, id: string, at: string) => setConversationStatus(shop, id, "RESOLVED", { now: t(at) });

async function survey(shop: string, conversationId: string, sentAt: string, score: number | null, answeredAt?: string) {
  const c = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
  await db().csatSurvey.create({
    data: {
      shopId: shop,
      conversationId,
      customerId: c.customerId,
      channel: c.lastInboundChannel ?? "SMS",
      state: score === null ? "SENT" : "ANSWERED",
      token: randomUUID(),
      score,
      sentAt: t(sentAt),
      answeredAt: answeredAt ? t(answeredAt) : null,
    },
  });
}

const query = (params: Record<string, string>, shop = { ianaTimezone: "UTC" }) =>
  readKpiQuery(new URLSearchParams({ from: "2026-11-02", to: "2026-11-08", ...params }), shop);

beforeAll(async () => {
  const shop = await createShop();
  shopId = shop.id;
  await db().shop.update({
    where: { id: shopId },
    data: {
      settings: JSON.parse(JSON.stringify({ calendar: CALENDAR, sla: { ...DEFAULT_SLA_SETTINGS, enabled: true } })),
    },
  });
  // A team whose name a spreadsheet would run as a formula, with a comma to quote.
  teamId = (await db().team.create({ data: { shopId, name: "-VIP, care" } })).id;
  await db().staffMember.create({ data: { shopId, userId: "u-anna", name: "Anna Agent" } });

  // conv1 (SMS): cycle 1 on Monday, all within opening hours.
  const c1 = await customer(shopId, "Ada");
  conv.one = await inbound(shopId, c1.id, "2026-11-02T10:00:00", "SMS");
  await staffReply(shopId, conv.one, "2026-11-02T10:30:00", "u-ben"); // FR 30 min; wait 30 min
  await inbound(shopId, c1.id, "2026-11-02T11:00:00", "SMS");
  await inbound(shopId, c1.id, "2026-11-02T11:10:00", "SMS");
  await staffReply(shopId, conv.one, "2026-11-02T13:00:00", "u-ben"); // wait 2 h since 11:00
  await resolve(shopId, conv.one, "2026-11-02T14:00:00"); // resolution 4 h / 4 h
  // conv1 reopened by the customer Tuesday 16:00: cycle 2, answered across the closed night.
  await inbound(shopId, c1.id, "2026-11-03T16:00:00", "SMS");
  await staffReply(shopId, conv.one, "2026-11-04T10:00:00", "u-ben"); // 18 h wall, 2 h business
  await resolve(shopId, conv.one, "2026-11-04T12:00:00"); // 20 h wall, 4 h business
  // A first-response breach due inside cycle 2: that cycle missed its SLA.
  await db().slaBreach.create({
    data: {
      shopId,
      conversationId: conv.one,
      metric: "FIRST_RESPONSE",
      priority: "NORMAL",
      dueAt: t("2026-11-03T17:00:00"),
    },
  });
  await survey(shopId, conv.one, "2026-11-02T14:05:00", 5, "2026-11-02T15:00:00");

  // conv2 (Instagram): handed off by the assistant, in the team, assigned to Anna, answered a day later.
  const c2 = await customer(shopId, "Ben");
  conv.two = await inbound(shopId, c2.id, "2026-11-05T09:00:00", "INSTAGRAM");
  await inRetryingTransaction((tx) => markHandedOff(tx, conv.two));
  await db().conversation.update({ where: { id: conv.two }, data: { teamId } });
  await assignConversation(shopId, conv.two, { id: "u-anna", name: "Anna Agent" });
  await staffReply(shopId, conv.two, "2026-11-06T09:00:00", "u-anna"); // 24 h wall, 8 h business

  // conv3 (Messenger): Saturday, resolved an hour later with nobody involved.
  const c3 = await customer(shopId, "Cleo");
  conv.three = await inbound(shopId, c3.id, "2026-11-07T10:00:00", "MESSENGER");
  await resolve(shopId, conv.three, "2026-11-07T11:00:00"); // 1 h wall, 0 business
  await survey(shopId, conv.three, "2026-11-07T11:05:00", 3, "2026-11-07T12:00:00");

  // conv4 (email): Friday 16:00, waiting, unassigned.
  const c4 = await customer(shopId, "Dev");
  conv.four = await inbound(shopId, c4.id, "2026-11-06T16:00:00", "EMAIL");

  // conv5 (SMS): the previous period.
  const c5 = await customer(shopId, "Emma");
  conv.five = await inbound(shopId, c5.id, "2026-10-27T09:00:00", "SMS");
  await staffReply(shopId, conv.five, "2026-10-27T09:15:00", "u-ben");
  await resolve(shopId, conv.five, "2026-10-27T10:00:00");
  await survey(shopId, conv.five, "2026-10-27T10:05:00", null);

  // Another shop, same week: never counted.
  otherShopId = (await createShop({ domain: "other-kpis.myshopify.com" })).id;
  const o = await customer(otherShopId, "Other");
  conv.other = await inbound(otherShopId, o.id, "2026-11-02T10:00:00", "SMS");
  await staffReply(otherShopId, conv.other, "2026-11-02T10:01:00", "u-anna");
  await resolve(otherShopId, conv.other, "2026-11-02T10:02:00");
  await survey(otherShopId, conv.other, "2026-11-02T10:03:00", 1, "2026-11-02T10:04:00");

  // A shop in New York: 03:00 UTC on 3 November is 22:00 on 2 November there.
  zoneShopId = (await createShop({ domain: "zone-kpis.myshopify.com" })).id;
  await db().shop.update({ where: { id: zoneShopId }, data: { ianaTimezone: "America/New_York" } });
  const z = await customer(zoneShopId, "Zed");
  await inbound(zoneShopId, z.id, "2026-11-03T03:00:00", "CHAT");
});

afterAll(() => signOutDemoAdmin());

describe("resolution cycles", () => {
  it("GIVEN a reopen THEN the conversation has two cycles, each with its own times", async () => {
    const cycles = await db().conversationCycle.findMany({
      where: { conversationId: conv.one },
      orderBy: { seq: "asc" },
    });
    expect(
      cycles.map((c) => [
        c.seq,
        c.firstResponseSeconds,
        c.firstResponseBusinessSeconds,
        c.resolutionSeconds,
        c.resolutionBusinessSeconds,
      ]),
    ).toEqual([
      [1, 30 * 60, 30 * 60, 4 * H, 4 * H],
      [2, 18 * H, 2 * H, 20 * H, 4 * H],
    ]);
    expect(cycles.every((c) => c.humanInvolved)).toBe(true);
    const waits = await db().message.findMany({
      where: { conversationId: conv.one, author: "STAFF" },
      orderBy: { createdAt: "asc" },
      select: { replyWaitSeconds: true, replyWaitBusinessSeconds: true },
    });
    expect(waits).toEqual([
      { replyWaitSeconds: 30 * 60, replyWaitBusinessSeconds: 30 * 60 },
      { replyWaitSeconds: 2 * H, replyWaitBusinessSeconds: 2 * H },
      { replyWaitSeconds: 18 * H, replyWaitBusinessSeconds: 2 * H },
    ]);
  });

  it("GIVEN a hand-off and an assignment THEN the open cycle is handed off with a person involved", async () => {
    const [cycle] = await db().conversationCycle.findMany({ where: { conversationId: conv.two } });
    expect(cycle).toMatchObject({
      handedOff: true,
      humanInvolved: true,
      firstResponseSeconds: 24 * H,
      firstResponseBusinessSeconds: 8 * H,
      resolvedAt: null,
    });
    const [nobody] = await db().conversationCycle.findMany({ where: { conversationId: conv.three } });
    expect(nobody).toMatchObject({
      humanInvolved: false,
      handedOff: false,
      resolutionSeconds: H,
      resolutionBusinessSeconds: 0,
    });
  });

  it("GIVEN staff reopen a resolved conversation THEN a new cycle opens, and a note involves a person", async () => {
    const c = await customer(otherShopId, "Reo");
    const id = await inbound(otherShopId, c.id, "2026-11-02T09:00:00", "CHAT");
    await resolve(otherShopId, id, "2026-11-02T09:30:00");
    await setConversationStatus(otherShopId, id, "OPEN", { now: t("2026-11-02T12:00:00") });
    const cycles = await db().conversationCycle.findMany({ where: { conversationId: id }, orderBy: { seq: "asc" } });
    expect(cycles.map((x) => [x.seq, x.openedAt.toISOString(), x.humanInvolved])).toEqual([
      [1, "2026-11-02T09:00:00.000Z", false],
      [2, "2026-11-02T12:00:00.000Z", true],
    ]);
    const d = await customer(otherShopId, "Noa");
    const noted = await inbound(otherShopId, d.id, "2026-11-02T09:00:00", "CHAT");
    await addInternalNote(otherShopId, noted, { id: "u-x", name: "X" }, "looking");
    expect((await db().conversationCycle.findFirstOrThrow({ where: { conversationId: noted } })).humanInvolved).toBe(
      true,
    );
  });
});

describe("supportKpis", () => {
  it("GIVEN the fixture week THEN each figure is the hand-computed one", async () => {
    const { period, filters } = query({});
    const k = await supportKpis(shopId, period, filters);
    // First responses in the week: 30 min, 18 h (2 h business), 24 h (8 h business).
    expect(k.current.firstResponse).toEqual({
      count: 3,
      medianSeconds: 18 * H,
      p90Seconds: 82_080, // 18 h + 0.8 × (24 h − 18 h)
      businessMedianSeconds: 2 * H,
      businessP90Seconds: 24_480, // 2 h + 0.8 × (8 h − 2 h)
      buckets: [
        { key: "0-1h", wall: 1, business: 1 },
        { key: "1-4h", wall: 0, business: 1 },
        { key: "4-8h", wall: 0, business: 0 },
        { key: "8-24h", wall: 1, business: 1 },
        { key: "24h+", wall: 1, business: 0 },
      ],
    });
    // Reply waits: 30 min, 2 h, 18 h (2 h business), 24 h (8 h business).
    expect(k.current.replyTime).toMatchObject({
      count: 4,
      medianSeconds: 10 * H,
      p90Seconds: 79_920,
      businessMedianSeconds: 2 * H,
      businessP90Seconds: 22_320,
    });
    // Resolutions: cycle 1 (4 h / 4 h), cycle 2 (20 h / 4 h), conv3 (1 h / 0).
    expect(k.current.resolution).toMatchObject({
      count: 3,
      medianSeconds: 4 * H,
      p90Seconds: 60_480,
      businessMedianSeconds: 4 * H,
      businessP90Seconds: 4 * H,
    });
    // Lower bounds included: 4 h falls in 4–8 h.
    expect(k.current.resolution.buckets.map((b) => [b.wall, b.business])).toEqual([
      [0, 1],
      [1, 0],
      [1, 2],
      [1, 0],
      [0, 0],
    ]);
    expect(k.current.csat).toEqual({
      answered: 2,
      averageScore: 4,
      satisfied: 1,
      satisfiedShare: 0.5,
      sent: 2,
      sentAnswered: 2,
      responseRate: 1,
    });
    expect(k.current.sla).toEqual({ withTargets: 3, met: 2, share: 2 / 3 });
    expect(k.current.volume).toBe(5);
    expect(k.current.resolvedWithoutPerson).toEqual({ resolved: 3, withoutPerson: 1, share: 1 / 3 });
    expect(k.volumeByChannel).toEqual([
      { channel: "EMAIL", current: 1, previous: 0 },
      { channel: "INSTAGRAM", current: 1, previous: 0 },
      { channel: "MESSENGER", current: 1, previous: 0 },
      { channel: "SMS", current: 2, previous: 1 },
    ]);
    expect(k.volumeByDay).toEqual([
      { date: "2026-11-02", count: 1 },
      { date: "2026-11-03", count: 1 },
      { date: "2026-11-04", count: 0 },
      { date: "2026-11-05", count: 1 },
      { date: "2026-11-06", count: 1 },
      { date: "2026-11-07", count: 1 },
      { date: "2026-11-08", count: 0 },
    ]);
    expect(k.volumeByHour.filter((h) => h.count > 0)).toEqual([
      { hour: 9, count: 1 },
      { hour: 10, count: 2 },
      { hour: 16, count: 2 },
    ]);
    expect(k.backlog).toEqual({ open: 2, unassigned: 1 });
    expect(k.empty).toBe(false);
  });

  it("GIVEN the previous week THEN it is computed alike, beside the current one", async () => {
    const { period, filters } = query({});
    const p = (await supportKpis(shopId, period, filters)).previous;
    expect(p.firstResponse).toMatchObject({ count: 1, medianSeconds: 900, businessMedianSeconds: 900 });
    expect(p.resolution).toMatchObject({ count: 1, medianSeconds: H, businessMedianSeconds: H });
    expect(p.csat).toMatchObject({ answered: 0, averageScore: null, sent: 1, sentAnswered: 0, responseRate: 0 });
    expect(p.sla).toEqual({ withTargets: 1, met: 1, share: 1 });
    expect(p.volume).toBe(1);
    expect(p.resolvedWithoutPerson).toEqual({ resolved: 1, withoutPerson: 0, share: 0 });
  });

  it("GIVEN channel, team and person filters THEN only matching rows count", async () => {
    const smsQuery = query({ channel: "sms" });
    const sms = await supportKpis(shopId, smsQuery.period, smsQuery.filters);
    expect(sms.current.firstResponse.count).toBe(2);
    expect(sms.current.volume).toBe(2);
    expect(sms.backlog).toEqual({ open: 0, unassigned: 0 });
    const team = query({ team: teamId });
    const byTeam = await supportKpis(shopId, team.period, team.filters);
    expect(byTeam.current.firstResponse).toMatchObject({ count: 1, medianSeconds: 24 * H });
    expect(byTeam.current.volume).toBe(1);
    expect(byTeam.backlog).toEqual({ open: 1, unassigned: 0 });
    const anna = query({ assignee: "u-anna" });
    const byAnna = await supportKpis(shopId, anna.period, anna.filters);
    expect(byAnna.current.replyTime).toMatchObject({ count: 1, medianSeconds: 24 * H });
    expect(byAnna.current.volume).toBe(1);
    expect(byAnna.current.resolution.count).toBe(0);
    expect(() => query({ channel: "FAX" })).toThrow(/Unknown channel/);
  });

  it("GIVEN a shop in New York THEN days and hours are its own", async () => {
    const q = query({}, { ianaTimezone: "America/New_York" });
    const k = await supportKpis(zoneShopId, q.period, q.filters);
    expect(k.volumeByDay.find((d) => d.count > 0)).toEqual({ date: "2026-11-02", count: 1 });
    expect(k.volumeByHour.find((h) => h.count > 0)).toEqual({ hour: 22, count: 1 });
  });

  it("GIVEN another shop with activity the same week THEN none of it is counted", async () => {
    const { period, filters } = query({});
    const other = await supportKpis(otherShopId, period, filters);
    expect(other.current.csat.answered).toBe(1);
    const mine = await supportKpis(shopId, period, filters);
    expect(mine.current.csat.answered).toBe(2);
    expect(mine.current.firstResponse.count).toBe(3);
  });
});

describe("drill-down", () => {
  it("GIVEN a bar THEN exactly the conversations behind it are listed", async () => {
    const { period, filters } = query({});
    const night = await drilldownConversations(shopId, period, filters, {
      metric: "first_response",
      bucket: "8-24h",
      mode: "wall",
    });
    expect(night.rows.map((r) => [r.conversationId, r.seconds])).toEqual([[conv.one, 18 * H]]);
    const tenOClock = await drilldownConversations(shopId, period, filters, { metric: "volume_hour", bucket: 10 });
    expect(tenOClock.rows.map((r) => r.conversationId).sort()).toEqual([conv.one, conv.three].sort());
    const instagram = await drilldownConversations(shopId, period, filters, {
      metric: "volume_channel",
      bucket: "INSTAGRAM",
    });
    expect(instagram.rows).toEqual([
      expect.objectContaining({
        conversationId: conv.two,
        customerName: "Ben Test",
        channel: "INSTAGRAM",
        status: "OPEN",
      }),
    ]);
    const waits = await drilldownConversations(shopId, period, filters, {
      metric: "reply_time",
      bucket: "1-4h",
      mode: "business",
    });
    expect(waits.rows.map((r) => r.conversationId)).toEqual([conv.one, conv.one]);
  });
});

describe("conversations CSV", () => {
  it("GIVEN the week THEN one row per cycle with exactly the documented columns", async () => {
    const { period, filters } = query({});
    const csv = await conversationsCsv(shopId, period, filters);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "conversation_id,cycle,channel,status,team_id,team_name,assignee_id,assignee_name,opened_at,first_response_at,first_response_seconds,first_response_business_seconds,resolved_at,resolution_seconds,resolution_business_seconds,human_involved,handed_off,sla_breaches,csat_score",
    );
    expect(lines[0].split(",")).toEqual([...CONVERSATIONS_CSV_COLUMNS]);
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(1, -1)).toEqual([
      `${conv.one},1,SMS,RESOLVED,,,,,2026-11-02T10:00:00.000Z,2026-11-02T10:30:00.000Z,1800,1800,2026-11-02T14:00:00.000Z,14400,14400,true,false,0,5`,
      `${conv.one},2,SMS,RESOLVED,,,,,2026-11-03T16:00:00.000Z,2026-11-04T10:00:00.000Z,64800,7200,2026-11-04T12:00:00.000Z,72000,14400,true,false,1,`,
      `${conv.two},1,INSTAGRAM,OPEN,${teamId},"'-VIP, care",u-anna,Anna Agent,2026-11-05T09:00:00.000Z,2026-11-06T09:00:00.000Z,86400,28800,,,,true,true,0,`,
      `${conv.four},1,EMAIL,OPEN,,,,,2026-11-06T16:00:00.000Z,,,,,,,false,false,0,`,
      `${conv.three},1,MESSENGER,RESOLVED,,,,,2026-11-07T10:00:00.000Z,,,,2026-11-07T11:00:00.000Z,3600,0,false,false,0,3`,
    ]);
    expect(csv).not.toContain(conv.other);
  });

  it("GIVEN the route THEN it answers text/csv, and 400 for a bad period", async () => {
    await signInDemoAdmin();
    const route = await import("../../app/routes/app.analytics.conversations[.]csv");
    const call = (qs: string) =>
      route.loader({
        request: new Request(`http://127.0.0.1:3999/app/analytics/conversations.csv?${qs}`),
        params: {},
        context: {},
      });
    const ok = await call("from=2026-11-02&to=2026-11-08&channel=INSTAGRAM");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(ok.headers.get("Content-Disposition")).toBe(
      'attachment; filename="conversations-2026-11-02-to-2026-11-08.csv"',
    );
    const body = await ok.text();
    expect(body.split("\r\n").filter(Boolean)).toHaveLength(2);
    expect(body).toContain(conv.two);
    expect((await call("from=2026-11-09&to=2026-11-02")).status).toBe(400);
  });

  it("quotes per RFC 4180 and defuses formulas", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField(null)).toBe("");
    expect(csvField(-3)).toBe("-3");
  });
});

describe("the real staff-reply path", () => {
  it("GIVEN claimOutboundMessage sends a person's reply THEN the open cycle gets its first response", async () => {
    const { claimOutboundMessage } = await import("../../app/messages/claim-outbound.server");
    const c = await customer(otherShopId, "Pat");
    const id = await inbound(otherShopId, c.id, new Date(Date.now() - 60_000).toISOString().slice(0, 19), "SMS");
    const { messageId } = await claimOutboundMessage({
      shopId: otherShopId,
      customerId: c.id,
      channel: "SMS",
      toAddress: "+14155550100",
      body: "Hello",
      author: "STAFF",
      authorName: "Anna",
      idempotencyKey: randomUUID(),
    });
    const cycle = await db().conversationCycle.findFirstOrThrow({ where: { conversationId: id } });
    const reply = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(cycle.firstResponseAt?.toISOString()).toBe(reply.createdAt.toISOString());
    expect(cycle.humanInvolved).toBe(true);
    expect(reply.replyWaitSeconds).toBeGreaterThanOrEqual(59);
  });
});
