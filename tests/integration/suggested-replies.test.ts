// Suggested replies for staff (app/suggestions/, decision 0035), through the real routes: the inbox's
// resource route and conversation action (demo sign-in), the admin block's routes (real session
// tokens through authenticate.admin). Real indexed articles, stored orders and fulfillments, a real
// send worker and the Twilio stand-in, which records exactly what went out.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { saveArticle } from "../../app/knowledge/articles.server";
import { saveBrandVoice } from "../../app/knowledge/brand-voice.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import type { SuggestionView } from "../../app/suggestions/contracts";
import { suggestionStats } from "../../app/suggestions/stats.server";
import { createShop, storeOfflineSession } from "../support/factories";
import { signSessionToken } from "../support/session-token";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { waitFor } from "./flows-engine-support";
import { createCustomer, startSendingEnv, type SendingEnv } from "./sending-helpers";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};

const BASE = "http://127.0.0.1:3999";
const OTHER_SHOP = "someone-else.myshopify.com";
const suggestionsRoute = () => import("../../app/routes/app.inbox.$id.suggestions") as Promise<RouteModule>;
const conversationRoute = () => import("../../app/routes/app.inbox.$id") as Promise<RouteModule>;
const orderBlockRoute = () => import("../../app/routes/api.extension.order.$orderId") as Promise<RouteModule>;
const dismissBlockRoute = () =>
  import("../../app/routes/api.extension.suggestions.$suggestionId.dismiss") as Promise<RouteModule>;

const SHIPPING = {
  title: "How long does shipping take?",
  answer: "Orders ship within 2 business days and arrive in 3 to 5 business days.",
};
const EXPRESS = {
  title: "Do you offer express shipping?",
  answer: "Yes: cheap express shipping arrives in 1 to 2 business days for $15.",
};
const RETURNS = {
  title: "What is your return policy?",
  answer: "You can return unworn items within 30 days of delivery for a full refund.",
};
/** Brand voice: greeting, sign-off and a word to avoid ("cheap" never reaches a customer). */
const voiced = (text: string) => `Hi there!\n\n${text}\n\n— The Linen Team`;

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

async function loadSuggestions(conversationId: string): Promise<SuggestionView[]> {
  const res = await call(
    await suggestionsRoute(),
    "loader",
    new Request(`${BASE}/app/inbox/${conversationId}/suggestions`),
    { id: conversationId },
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { suggestions: SuggestionView[] }).suggestions;
}

function post(path: string, fields: Record<string, string>) {
  return new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams(fields) });
}

async function sendReply(conversationId: string, body: string, suggestionId?: string) {
  const fields: Record<string, string> = { intent: "reply", channel: "SMS", body, clientId: randomUUID() };
  if (suggestionId) fields.suggestionId = suggestionId;
  return call(await conversationRoute(), "action", post(`/app/inbox/${conversationId}`, fields), {
    id: conversationId,
  });
}

async function dismiss(conversationId: string, suggestionId: string) {
  return call(
    await suggestionsRoute(),
    "action",
    post(`/app/inbox/${conversationId}/suggestions`, { intent: "dismiss", suggestionId }),
    { id: conversationId },
  );
}

/** A customer with a phone, an open SMS conversation and one stored inbound message. */
async function thread(body: string, shopId = env.shopId) {
  const phone = `+1415556${String(1000 + phoneN++)}`;
  const customer = await createCustomer(shopId, { phone, email: `s${phoneN}@example.com` });
  const conversation = await db().conversation.create({
    data: {
      replyToken: newCaseInsensitiveToken(),
      shopId,
      customerId: customer.id,
      openCustomerId: customer.id,
      status: "OPEN",
      lastInboundChannel: "SMS",
      lastInboundAt: new Date(),
    },
  });
  const inbound = await db().message.create({
    data: {
      shopId,
      conversationId: conversation.id,
      customerId: customer.id,
      direction: "INBOUND",
      channel: "SMS",
      author: "CUSTOMER",
      body,
      fromAddress: phone,
      deliveryStatus: "RECEIVED",
      idempotencyKey: `in:${randomUUID()}`,
    },
  });
  return { customer, conversation, inbound, phone };
}

async function orderWithFulfillment(customerId: string, shopifyOrderId: bigint, name: string) {
  await db().order.create({
    data: {
      shopId: env.shopId,
      shopifyOrderId,
      customerId,
      name,
      fulfillmentStatus: "fulfilled",
      processedAt: new Date(Date.now() - 3 * 86_400_000),
    },
  });
  await db().fulfillment.create({
    data: {
      shopId: env.shopId,
      shopifyFulfillmentId: shopifyOrderId + 1n,
      shopifyOrderId,
      status: "success",
      shipmentStatus: "in_transit",
      trackingCompany: "UPS",
      trackingNumber: "1Z999AA10123456784",
      trackingUrl: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    },
  });
}

const outboundCount = (conversationId: string) =>
  db().message.count({ where: { conversationId, direction: "OUTBOUND" } });
const sentTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

beforeAll(async () => {
  env = await startSendingEnv();
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  await storeOfflineSession(TEST_SHOP_DOMAIN);
  for (const a of [SHIPPING, EXPRESS, RETURNS]) {
    const saved = await saveArticle(env.shopId, null, { ...a, tags: [], locale: "en", status: "PUBLISHED" });
    expect(saved.ok).toBe(true);
  }
  // A draft on the same topic, worded to match best, must never be offered.
  await saveArticle(env.shopId, null, {
    title: "How long does shipping take to arrive? (new rates)",
    answer: "DRAFT: shipping takes how long it takes.",
    tags: [],
    locale: "en",
    status: "DRAFT",
  });
  expect(
    await saveBrandVoice(env.shopId, {
      greeting: { en: "Hi there!" },
      signOff: { en: "— The Linen Team" },
      wordsToAvoid: [{ word: "cheap", replacement: "affordable" }],
    }),
  ).toMatchObject({ ok: true });
  const other = await createShop({ domain: OTHER_SHOP });
  otherShopId = other.id;
  await storeOfflineSession(OTHER_SHOP);
  await saveArticle(otherShopId, null, {
    title: "How long does shipping take?",
    answer: "Another shop's shipping answer.",
    tags: [],
    locale: "en",
    status: "PUBLISHED",
  });
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});

afterAll(async () => {
  await workers?.close();
  await env?.close();
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

describe("suggested replies in the inbox", () => {
  it("GIVEN a stored customer question WHEN staff open the conversation THEN the matching published articles are offered with the brand voice, and nothing is sent", async () => {
    const { conversation, inbound, phone } = await thread("How long does shipping take to get here?");

    const suggestions = await loadSuggestions(conversation.id);

    // The best distinct articles, best first, the shop's greeting and sign-off around each answer;
    // never the draft, never the other shop's article.
    expect(suggestions.map((s) => ({ kind: s.kind, title: s.title, text: s.text }))).toEqual([
      { kind: "article", title: SHIPPING.title, text: voiced(SHIPPING.answer) },
      { kind: "article", title: EXPRESS.title, text: voiced(EXPRESS.answer.replace("cheap", "affordable")) },
    ]);
    const rows = await db().replySuggestion.findMany({
      where: { inboundMessageId: inbound.id },
      orderBy: { position: "asc" },
    });
    expect(rows.map((r) => [r.position, r.outcome, r.shopId, r.conversationId])).toEqual([
      [0, "SHOWN", env.shopId, conversation.id],
      [1, "SHOWN", env.shopId, conversation.id],
    ]);
    expect(rows.map((r) => r.id)).toEqual(suggestions.map((s) => s.id));

    // A reload offers the same rows: counted once.
    expect((await loadSuggestions(conversation.id)).map((s) => s.id)).toEqual(suggestions.map((s) => s.id));
    expect(await db().replySuggestion.count({ where: { inboundMessageId: inbound.id } })).toBe(2);

    // Never sent without the click.
    await new Promise((r) => setTimeout(r, 300));
    expect(await outboundCount(conversation.id)).toBe(0);
    expect(sentTo(phone)).toHaveLength(0);
  });

  it("GIVEN a customer with a shipped order WHEN they ask where it is THEN the order's status from our stored fulfillment is the first draft", async () => {
    const { customer, conversation } = await thread("Hi, where is my order #1001?");
    await orderWithFulfillment(customer.id, 9_100_001n, "#1001");

    const suggestions = await loadSuggestions(conversation.id);

    expect(suggestions[0]).toMatchObject({
      kind: "order_status",
      articleId: null,
      title: null,
      text: voiced(
        [
          "Your order #1001 is on its way.",
          "Carrier: UPS",
          "Tracking number: 1Z999AA10123456784",
          "Track it: https://www.ups.com/track?tracknum=1Z999AA10123456784",
        ].join("\n"),
      ),
    });
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions.slice(1).every((s) => s.kind === "article")).toBe(true);
  });

  it("GIVEN a mandatory hand-off topic WHEN staff open the conversation THEN no draft is offered or stored", async () => {
    for (const text of [
      "How long does shipping take? I will talk to my lawyer if it is late again.",
      "I want to dispute the charge for my shipping.",
      "The shipping box caught fire and I burned my hand.",
    ]) {
      const { conversation, inbound } = await thread(text);
      expect(await loadSuggestions(conversation.id)).toEqual([]);
      expect(await db().replySuggestion.count({ where: { inboundMessageId: inbound.id } })).toBe(0);
    }
  });

  it("GIVEN a suggestion inserted and sent unchanged THEN it is ACCEPTED with the sent message, and the Twilio stand-in received exactly its text", async () => {
    const { conversation, phone } = await thread("How long does shipping take to get here?");
    const [first] = await loadSuggestions(conversation.id);

    // The composer sends the box's content; whitespace around it is not an edit.
    const res = await sendReply(conversation.id, `${first.text}\n`, first.id);
    expect(res.status).toBe(200);

    const sent = await waitFor(() => sentTo(phone)[0], "the SMS");
    expect(sent.body).toBe(voiced(SHIPPING.answer));
    const message = await db().message.findFirstOrThrow({
      where: { conversationId: conversation.id, direction: "OUTBOUND", author: "STAFF" },
    });
    const row = await db().replySuggestion.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      outcome: "ACCEPTED",
      sentMessageId: message.id,
      staffUserId: "demo-staff",
      surface: "inbox",
    });
    expect(row.decidedAt).toBeInstanceOf(Date);
    // Answered: nothing left to suggest for this conversation.
    expect(await loadSuggestions(conversation.id)).toEqual([]);
  });

  it("GIVEN a suggestion inserted, edited and sent THEN it is EDITED and the customer got the edited text", async () => {
    const { conversation, phone } = await thread("How long does shipping take to get here?");
    const [first] = await loadSuggestions(conversation.id);
    const edited = first.text.replace("Hi there!", "Hi Ada!");

    expect((await sendReply(conversation.id, edited, first.id)).status).toBe(200);

    const sent = await waitFor(() => sentTo(phone)[0], "the SMS");
    expect(sent.body).toBe(edited);
    expect(await db().replySuggestion.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      outcome: "EDITED",
      surface: "inbox",
      sentMessageId: (
        await db().message.findFirstOrThrow({ where: { conversationId: conversation.id, author: "STAFF" } })
      ).id,
    });
  });

  it("GIVEN a suggestion WHEN staff dismiss it THEN it is DISMISSED and no longer offered", async () => {
    const { conversation } = await thread("How long does shipping take to get here?");
    const [first, second] = await loadSuggestions(conversation.id);

    const res = await dismiss(conversation.id, first.id);
    expect(res.status).toBe(200);
    expect(await db().replySuggestion.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      outcome: "DISMISSED",
      staffUserId: "demo-staff",
      surface: "inbox",
      sentMessageId: null,
    });
    expect((await loadSuggestions(conversation.id)).map((s) => s.id)).toEqual([second.id]);
    // Dismissing again is harmless; a bad request says what it needs.
    expect((await dismiss(conversation.id, first.id)).status).toBe(200);
    const bad = await call(await suggestionsRoute(), "action", post(`/app/inbox/${conversation.id}/suggestions`, {}), {
      id: conversation.id,
    });
    expect(bad.status).toBe(400);
  });

  it("GIVEN another shop's suggestion WHEN staff dismiss it or send a reply carrying it THEN 404 and nothing is sent or changed", async () => {
    const theirs = await thread("How long does shipping take?", otherShopId);
    const foreign = await db().replySuggestion.create({
      data: {
        shopId: otherShopId,
        conversationId: theirs.conversation.id,
        inboundMessageId: theirs.inbound.id,
        position: 0,
        kind: "article",
        text: "Another shop's shipping answer.",
      },
    });
    const mine = await thread("How long does shipping take to get here?");

    expect((await dismiss(mine.conversation.id, foreign.id)).status).toBe(404);
    expect((await sendReply(mine.conversation.id, foreign.text, foreign.id)).status).toBe(404);
    // Their conversation is not ours either.
    const res = await call(
      await suggestionsRoute(),
      "loader",
      new Request(`${BASE}/app/inbox/${theirs.conversation.id}/suggestions`),
      { id: theirs.conversation.id },
    );
    expect(res.status).toBe(404);

    await new Promise((r) => setTimeout(r, 300));
    expect(await outboundCount(mine.conversation.id)).toBe(0);
    expect(sentTo(mine.phone)).toHaveLength(0);
    expect(await db().replySuggestion.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({
      outcome: "SHOWN",
      sentMessageId: null,
    });
  });
});

describe("suggested replies in the order-page block", () => {
  async function blockCall(
    mod: RouteModule,
    kind: "loader" | "action",
    path: string,
    params: Record<string, string>,
    body?: unknown,
  ) {
    const headers = new Headers({ Authorization: `Bearer ${signSessionToken({ shop: TEST_SHOP_DOMAIN, sub: "77" })}` });
    if (body !== undefined) headers.set("Content-Type", "application/json");
    return call(
      mod,
      kind,
      new Request(`${BASE}${path}`, {
        method: kind === "loader" ? "GET" : "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      params,
    );
  }

  it("GIVEN an order whose customer asked a question THEN the block gets the same drafts, and a reply carrying one is counted for the admin block", async () => {
    const { customer, conversation, phone } = await thread("How long does shipping take to get here?");
    await orderWithFulfillment(customer.id, 9_200_001n, "#2001");
    const inboxView = await loadSuggestions(conversation.id);
    const orderId = "gid://shopify/Order/9200001";

    const res = await blockCall(await orderBlockRoute(), "loader", `/api/extension/order/${orderId}`, { orderId });
    expect(res.status).toBe(200);
    const thread_ = (await res.json()) as { suggestions: SuggestionView[] };
    expect(thread_.suggestions).toEqual(inboxView);
    expect(thread_.suggestions.map((s) => s.kind)).toEqual(["article", "article", "order_status"]);
    expect(await outboundCount(conversation.id)).toBe(0);

    // Dismiss the order draft from the block; send the first article draft, edited.
    const orderDraft = thread_.suggestions[2];
    const dismissed = await blockCall(
      await dismissBlockRoute(),
      "action",
      `/api/extension/suggestions/${orderDraft.id}/dismiss`,
      { suggestionId: orderDraft.id },
    );
    expect(dismissed.status).toBe(200);
    const [first] = thread_.suggestions;
    const reply = await blockCall(
      await orderBlockRoute(),
      "action",
      `/api/extension/order/${orderId}`,
      { orderId },
      {
        channel: "SMS",
        body: first.text,
        clientMessageId: randomUUID(),
        suggestionId: first.id,
      },
    );
    expect(reply.status).toBe(201);
    const sent = await waitFor(() => sentTo(phone)[0], "the SMS");
    expect(sent.body).toBe(first.text);

    const rows = await db().replySuggestion.findMany({
      where: { conversationId: conversation.id },
      orderBy: { position: "asc" },
    });
    expect(rows.map((r) => [r.outcome, r.surface, r.staffUserId])).toEqual([
      ["ACCEPTED", "admin_block", "77"],
      ["SHOWN", null, null],
      ["DISMISSED", "admin_block", "77"],
    ]);
    expect(rows[0].sentMessageId).toBe(((await reply.json()) as { message: { id: string } }).message.id);
  });

  it("GIVEN another shop's suggestion id WHEN the block dismisses it or replies with it THEN 404", async () => {
    const theirs = await thread("How long does shipping take?", otherShopId);
    const foreign = await db().replySuggestion.create({
      data: {
        shopId: otherShopId,
        conversationId: theirs.conversation.id,
        inboundMessageId: theirs.inbound.id,
        position: 0,
        kind: "article",
        text: "Another shop's shipping answer.",
      },
    });
    const { customer, conversation, phone } = await thread("How long does shipping take to get here?");
    await orderWithFulfillment(customer.id, 9_300_001n, "#3001");
    const orderId = "9300001";

    const dismissed = await blockCall(
      await dismissBlockRoute(),
      "action",
      `/api/extension/suggestions/${foreign.id}/dismiss`,
      { suggestionId: foreign.id },
    );
    expect(dismissed.status).toBe(404);
    const reply = await blockCall(
      await orderBlockRoute(),
      "action",
      `/api/extension/order/${orderId}`,
      { orderId },
      {
        channel: "SMS",
        body: foreign.text,
        clientMessageId: randomUUID(),
        suggestionId: foreign.id,
      },
    );
    expect(reply.status).toBe(404);
    await new Promise((r) => setTimeout(r, 300));
    expect(await outboundCount(conversation.id)).toBe(0);
    expect(sentTo(phone)).toHaveLength(0);
    expect((await db().replySuggestion.findUniqueOrThrow({ where: { id: foreign.id } })).outcome).toBe("SHOWN");
  });
});

describe("suggested-reply figures", () => {
  it("counts this shop's suggestions of the last 30 days by outcome", async () => {
    const stats = await suggestionStats(env.shopId);
    const rows = await db().replySuggestion.groupBy({
      by: ["outcome"],
      where: { shopId: env.shopId },
      _count: { _all: true },
    });
    const of = (o: string) => rows.find((r) => r.outcome === o)?._count._all ?? 0;
    expect(stats).toEqual({
      days: 30,
      shown: rows.reduce((n, r) => n + r._count._all, 0),
      accepted: of("ACCEPTED"),
      edited: of("EDITED"),
      dismissed: of("DISMISSED"),
      acceptanceRate: (of("ACCEPTED") + of("EDITED")) / rows.reduce((n, r) => n + r._count._all, 0),
    });
    // What the earlier tests did, exactly: two sent unchanged (inbox, block), one edited, two dismissed.
    expect([stats.accepted, stats.edited, stats.dismissed]).toEqual([2, 1, 2]);
    // Another shop's rows never count here.
    expect(await suggestionStats(otherShopId)).toMatchObject({ shown: 2, accepted: 0, dismissed: 0 });
  });
});
