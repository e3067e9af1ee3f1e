// Staff are people (issue 13, item 1): a signed session token names its staff member through an
// online access token from token exchange (the Shopify Admin stand-in answers it in Shopify's wire
// format), kept beside the offline session; the StaffMember row follows; replies, notes,
// assignments and status changes name who made them, in the admin and in the order-page block.
import { randomUUID } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { runConversationIntent } from "../../app/conversations/conversation-intents.server";
import { db } from "../../app/db/client.server";
import { requireExtension } from "../../app/extension-api/auth.server";
import { threadFor } from "../../app/extension-api/thread.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { requireAdmin } from "../../app/shopify/admin-context.server";
import { runFlowAction } from "../../app/shopify-flow/actions.server";
import { sessionStorage } from "../../app/shopify.server";
import { activityLines } from "../../app/staff/activity.server";
import { forgetRecentStaff } from "../../app/staff/identify.server";
import { generateShopDataset, startFakeShopifyAdmin, type FakeShopifyAdmin } from "../fakes/shopify-admin";
import { createShop } from "../support/factories";
import { signSessionToken } from "../support/session-token";

const SHOP = "staff-people.myshopify.com";
let admin: FakeShopifyAdmin;
let shopId: string;

const SAM = { id: 7001, first_name: "Sam", last_name: "Lee", email: "sam@example.com", account_owner: true };
const ANA = { id: 7004, first_name: "Ana", last_name: "Lima", email: "ana@example.com" };

function adminRequest(token: string, path = "/app/inbox") {
  return new Request(`http://127.0.0.1:3999${path}`, { headers: { Authorization: `Bearer ${token}` } });
}

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    dataset: generateShopDataset({
      seed: 43,
      customers: 0,
      ordersPerCustomer: { min: 0, max: 0 },
      abandonedCheckouts: 0,
      now: new Date(),
      shopDomain: SHOP,
    }),
    tokenExchange: { users: { "7001": SAM, "7004": ANA }, apiSecret: process.env.SHOPIFY_API_SECRET },
  });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = admin.url;
  resetConfigCache();
  shopId = (await createShop({ domain: SHOP })).id;
  await sessionStorage.storeSession(
    new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "t", isOnline: false, accessToken: "shpat_staff" }),
  );
});

afterAll(async () => {
  await admin?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});

beforeEach(() => forgetRecentStaff());

describe("naming the staff member behind a session token", () => {
  it("GIVEN a signed session token for user 7001 WHEN an admin request arrives THEN the online token exchange names Sam Lee, the online session is stored and the StaffMember row is written", async () => {
    const token = signSessionToken({ shop: SHOP, sub: "7001" });
    const before = admin.tokenRequests().length;

    const ctx = await requireAdmin(adminRequest(token));

    expect(ctx.staff).toEqual({ id: "7001", name: "Sam Lee" });
    const exchanges = admin.tokenRequests().slice(before);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].method).toBe("POST");
    expect(exchanges[0].tokenFields).toEqual({
      client_id: "test-api-key",
      client_secret: "test-api-secret",
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: token,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token",
      expiring: "0",
    });
    const member = await db().staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId, userId: "7001" } } });
    expect(member).toMatchObject({ name: "Sam Lee", email: "sam@example.com", availability: "ONLINE" });
    expect(member.lastSeenAt).not.toBeNull();
    // Beside the offline session, under the id the library gives online sessions.
    const stored = await db().session.findUniqueOrThrow({ where: { id: `${SHOP}_7001` } });
    expect(stored).toMatchObject({ shop: SHOP, isOnline: true, firstName: "Sam", lastName: "Lee", userId: 7001n });
    expect(stored.expires!.getTime()).toBeGreaterThan(Date.now());
    expect(stored.accessToken).not.toMatch(/^shpua_/); // sealed at rest like every token
    expect(await db().session.findUnique({ where: { id: `offline_${SHOP}` } })).not.toBeNull();
  });

  it("GIVEN Sam's unexpired online session WHEN he makes another request with a new token THEN no second exchange happens", async () => {
    await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7001" })));
    forgetRecentStaff();
    const before = admin.tokenRequests().length;

    const ctx = await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7001" })));

    expect(ctx.staff.name).toBe("Sam Lee");
    expect(admin.tokenRequests().length).toBe(before);
    expect(await db().staffMember.count({ where: { shopId, userId: "7001" } })).toBe(1);
  });

  it("GIVEN the exchange fails WHEN a new user arrives THEN the request goes on as Staff; a known user keeps the stored name", async () => {
    admin.failTokenExchange(500, 2);

    const stranger = await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7002" })));
    expect(stranger.staff).toEqual({ id: "7002", name: "Staff" });
    expect(await db().staffMember.findUnique({ where: { shopId_userId: { shopId, userId: "7002" } } })).toMatchObject({
      name: "Staff",
    });

    await db().staffMember.create({ data: { shopId, userId: "7003", name: "Rita Known", email: "rita@example.com" } });
    const known = await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7003" })));
    expect(known.staff).toEqual({ id: "7003", name: "Rita Known" });
    expect(
      await db().staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId, userId: "7003" } } }),
    ).toMatchObject({ name: "Rita Known", email: "rita@example.com" });
    expect(await db().session.findUnique({ where: { id: `${SHOP}_7002` } })).toBeNull();
  });

  it("GIVEN an admin-block request WHEN requireExtension authenticates it THEN Ana is named by the same exchange", async () => {
    const token = signSessionToken({ shop: SHOP, sub: "7004" });
    const ctx = await requireExtension(
      new Request(`http://127.0.0.1:3999/api/extension/order/1`, {
        headers: { Authorization: `Bearer ${token}`, Origin: "https://admin.shopify.com" },
      }),
    );
    expect(ctx.staff).toEqual({ id: "7004", name: "Ana Lima" });
    expect(admin.tokenRequests().at(-1)?.tokenFields?.subject_token).toBe(token);
    expect(
      await db().staffMember.findUniqueOrThrow({ where: { shopId_userId: { shopId, userId: "7004" } } }),
    ).toMatchObject({ name: "Ana Lima", email: "ana@example.com" });
  });
});

describe("every change names its staff member", () => {
  it("GIVEN Sam signed in WHEN he notes, assigns to Ana, sets priority and tags and resolves THEN the rows and the activity lines name him, in the admin and the block", async () => {
    const { staff } = await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7001" })));
    // Ana has opened Threadline before (a StaffMember row), so she can be assigned.
    await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7004" })));
    const customer = await db().customer.create({ data: { shopId, firstName: "Cleo" } });
    const conversation = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId, customerId: customer.id, openCustomerId: customer.id },
    });
    const act = (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      return runConversationIntent({ shopId, conversationId: conversation.id, staff, form });
    };

    expect(await act({ intent: "note", body: "Called the courier" })).toMatchObject({ ok: true });
    expect(await act({ intent: "assign", assignee: "7004" })).toMatchObject({ ok: true });
    expect(await act({ intent: "priority", priority: "HIGH" })).toMatchObject({ ok: true });
    expect(await act({ intent: "tags", tags: "refund, vip" })).toMatchObject({ ok: true });
    expect(await act({ intent: "status", status: "RESOLVED" })).toMatchObject({ ok: true });
    expect(await act({ intent: "assign", assignee: "nobody-here" })).toMatchObject({
      ok: false,
      error: "That staff member is not on this shop's team.",
    });

    const note = await db().message.findFirstOrThrow({ where: { conversationId: conversation.id, internal: true } });
    expect(note).toMatchObject({ author: "STAFF", authorName: "Sam Lee", staffUserId: "7001" });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      assigneeId: "7004",
      assigneeName: "Ana Lima",
      status: "RESOLVED",
    });
    const rows = await db().conversationActivity.findMany({
      where: { conversationId: conversation.id },
      orderBy: { createdAt: "asc" },
    });
    expect(rows.map((r) => [r.kind, r.actorType, r.actorId, r.actorName])).toEqual([
      ["assigned", "STAFF", "7001", "Sam Lee"],
      ["priority_changed", "STAFF", "7001", "Sam Lee"],
      ["tags_changed", "STAFF", "7001", "Sam Lee"],
      ["status_changed", "STAFF", "7001", "Sam Lee"],
    ]);
    expect(rows[0].detail).toMatchObject({ assigneeId: "7004", assigneeName: "Ana Lima", previousAssigneeId: null });
    expect(rows[3].detail).toEqual({ from: "OPEN", to: "RESOLVED" });

    const lines = (await activityLines(shopId, conversation.id)).map((l) => l.text);
    expect(lines).toEqual([
      "Assigned to Ana Lima by Sam Lee",
      "Priority set to High by Sam Lee",
      "Tags added refund, vip by Sam Lee",
      "Resolved by Sam Lee",
    ]);

    const block = await threadFor(shopId, customer.id);
    expect(block.activity.map((a) => a.text)).toEqual([
      "Resolved by Sam Lee",
      "Tags added refund, vip by Sam Lee",
      "Priority set to High by Sam Lee",
      "Assigned to Ana Lima by Sam Lee",
    ]);
    expect(block.activity[0]).toMatchObject({ kind: "status_changed", actorType: "STAFF", actorName: "Sam Lee" });
    expect(block.messages[0]).toMatchObject({ author: "STAFF", authorName: "Sam Lee", internal: true });
  });

  it("GIVEN Shopify Flow WHEN its assign and tag actions run THEN the activity names Flow and the run", async () => {
    const customer = await db().customer.create({ data: { shopId, firstName: "Flo" } });
    const conversation = await db().conversation.create({
      data: { replyToken: newCaseInsensitiveToken(), shopId, customerId: customer.id, openCustomerId: customer.id },
    });
    const runId = "0a1b2c3d-run-0001";
    await runFlowAction("assign", {
      shopify_domain: SHOP,
      action_run_id: runId,
      properties: { conversation_id: conversation.id, assignee_name: "Ana Lima", assignee_id: "7004" },
    });
    await runFlowAction("tag", {
      shopify_domain: SHOP,
      action_run_id: runId,
      properties: { conversation_id: conversation.id, tags: "vip" },
    });
    const lines = await activityLines(shopId, conversation.id);
    expect(lines.map((l) => [l.activityKind, l.actorType, l.actorId, l.actorName, l.text])).toEqual([
      ["assigned", "FLOW", runId, "Shopify Flow", "Assigned to Ana Lima by Shopify Flow"],
      ["tags_changed", "FLOW", runId, "Shopify Flow", "Tags added vip by Shopify Flow"],
    ]);
  });

  it("GIVEN a chat customer WHEN Sam replies THEN the message stores his user id and name", async () => {
    const { staff } = await requireAdmin(adminRequest(signSessionToken({ shop: SHOP, sub: "7001" })));
    const customer = await db().customer.create({ data: { shopId, firstName: "Vic" } });
    await db().customerIdentity.create({
      data: { shopId, customerId: customer.id, kind: "CHAT_VISITOR", value: `visitor-${randomUUID()}` },
    });
    const conversation = await db().conversation.create({
      data: {
        replyToken: newCaseInsensitiveToken(),
        shopId,
        customerId: customer.id,
        openCustomerId: customer.id,
        lastInboundChannel: "CHAT",
        lastInboundAt: new Date(),
      },
    });
    await db().message.create({
      data: {
        shopId,
        conversationId: conversation.id,
        customerId: customer.id,
        direction: "INBOUND",
        channel: "CHAT",
        author: "CUSTOMER",
        body: "Hello?",
        deliveryStatus: "RECEIVED",
        idempotencyKey: `in:${randomUUID()}`,
      },
    });
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "reply", channel: "CHAT", body: "Hi Vic!", clientId: randomUUID() }))
      form.set(k, v);

    expect(await runConversationIntent({ shopId, conversationId: conversation.id, staff, form })).toMatchObject({
      ok: true,
    });

    const reply = await db().message.findFirstOrThrow({
      where: { conversationId: conversation.id, direction: "OUTBOUND" },
    });
    expect(reply).toMatchObject({ author: "STAFF", authorName: "Sam Lee", staffUserId: "7001", body: "Hi Vic!" });
  });
});
