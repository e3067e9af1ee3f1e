// Suggested articles mined when staff resolve a conversation, on real PostgreSQL: exactly the
// questions a person answered and the knowledge base could not become scrubbed drafts; nothing
// when the knowledge base already answers, for mandatory topics, automatic answers or plain chat;
// idempotent on re-resolve; a draft is never used until approved; approve, dismiss and another
// shop's 404 through the real routes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { inRetryingTransaction } from "../../app/commerce/transaction.server";
import { runConversationIntent } from "../../app/conversations/conversation-intents.server";
import { db } from "../../app/db/client.server";
import type { MessageAuthor, MessageDirection } from "../../app/generated/prisma/client";
import { decideAnswer } from "../../app/knowledge/decide-answer.server";
import { indexArticle } from "../../app/knowledge/index-article.server";
import { newCaseInsensitiveToken } from "../../app/lib/secret-token.server";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";
import { createShop, storeOfflineSession } from "../support/factories";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};

const BASE = "http://127.0.0.1:3999";
const STAFF = { id: "staff-1", name: "Anna" };
let shopId: string;
let otherShopId: string;
let clock = Date.now() - 3600_000;
let step = 1000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(mod: RouteModule, kind: "loader" | "action", request: Request, params = {}) {
  try {
    return await mod[kind]!({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const post = (path: string) => new Request(`${BASE}${path}`, { method: "POST", body: new URLSearchParams() });

async function addArticle(shop: string, title: string, answer: string) {
  const article = await db().knowledgeArticle.create({ data: { shopId: shop, title, answer, status: "PUBLISHED" } });
  await inRetryingTransaction((tx) => indexArticle(tx, shop, article.id));
  return article;
}

async function newConversation(shop: string, customer: { firstName?: string; lastName?: string } = {}) {
  const row = await db().customer.create({ data: { shopId: shop, ...customer } });
  return db().conversation.create({
    data: { replyToken: newCaseInsensitiveToken(), shopId: shop, customerId: row.id, openCustomerId: row.id },
  });
}

type Conversation = Awaited<ReturnType<typeof newConversation>>;

async function message(
  conversation: Conversation,
  direction: MessageDirection,
  author: MessageAuthor,
  body: string,
  extra: { internal?: boolean; automatic?: boolean; autoAnswer?: { state: string; outcome: string } } = {},
) {
  clock += step;
  const row = await db().message.create({
    data: {
      shopId: conversation.shopId,
      conversationId: conversation.id,
      customerId: conversation.customerId,
      direction,
      channel: "SMS",
      author,
      body,
      internal: extra.internal ?? false,
      automatic: extra.automatic ?? false,
      deliveryStatus: direction === "INBOUND" ? "RECEIVED" : "SENT",
      idempotencyKey: `test-${randomUUID()}`,
      createdAt: new Date(clock),
    },
  });
  if (extra.autoAnswer) {
    await db().autoAnswer.create({
      data: {
        shopId: conversation.shopId,
        conversationId: conversation.id,
        inboundMessageId: row.id,
        state: extra.autoAnswer.state as "ANSWERED",
        outcome: extra.autoAnswer.outcome,
      },
    });
  }
  return row;
}

const ask = (c: Conversation, body: string, extra = {}) => message(c, "INBOUND", "CUSTOMER", body, extra);
const reply = (c: Conversation, body: string, extra = {}) => message(c, "OUTBOUND", "STAFF", body, extra);

async function setStatus(conversation: Conversation, status: "RESOLVED" | "OPEN") {
  const form = new FormData();
  form.set("intent", "status");
  form.set("status", status);
  const result = await runConversationIntent({
    shopId: conversation.shopId,
    conversationId: conversation.id,
    staff: STAFF,
    form,
  });
  expect(result).toMatchObject({ ok: true });
}

const suggestions = (shop: string) =>
  db().knowledgeArticle.findMany({ where: { shopId: shop, source: "SUGGESTED" }, orderBy: { createdAt: "asc" } });

beforeAll(async () => {
  Object.assign(process.env, { THREADLINE_DEMO: "1" });
  markDemoRunner();
  resetConfigCache();
  shopId = (await createShop()).id;
  await storeOfflineSession(TEST_SHOP_DOMAIN);
  otherShopId = (await createShop({ domain: "suggested-other.myshopify.com" })).id;
  await addArticle(shopId, "How long does shipping take?", "Standard shipping takes 3–5 business days.");
  await addArticle(shopId, "What is your return policy?", "Unworn items with tags can be returned within 30 days.");
});

afterAll(() => {
  delete process.env.THREADLINE_DEMO;
  markDemoRunner(false);
  resetConfigCache();
});

let mined: Conversation;

describe("mining on resolve", () => {
  it("GIVEN a cycle of questions, answers, automatic answers and chat WHEN resolved THEN exactly the unanswered questions a person answered become scrubbed drafts", async () => {
    mined = await newConversation(shopId, { firstName: "Jane", lastName: "Cooper" });
    const q1 = await ask(mined, "Hi! Do you ship to Canada?");
    await reply(
      mined,
      "Hi Jane,\nYes, we ship to Canada: delivery takes 7–14 business days and duties are paid on delivery.",
    );
    // Already answered by the knowledge base: no suggestion, whatever staff said.
    await ask(mined, "How long does shipping take?");
    await reply(mined, "About 3 to 5 business days.");
    // A mandatory hand-off topic: a person always answers it.
    await ask(mined, "I want to dispute the charge with my bank, what do I do?");
    await reply(mined, "We are sorry: a manager will call you today.");
    // Not a question.
    await ask(mined, "thanks!");
    await reply(mined, "You're welcome!");
    // The assistant answered it: nothing to learn.
    await ask(mined, "Do you offer gift wrapping for presents?", {
      autoAnswer: { state: "ANSWERED", outcome: "answered" },
    });
    await reply(mined, "Yes, for $5.");
    // Handed off as low confidence, with the automatic notice, an internal note and two staff messages.
    const q6 = await ask(mined, "Can I pick up my order in store?", {
      autoAnswer: { state: "HANDED_OFF", outcome: "low_confidence" },
    });
    await message(mined, "OUTBOUND", "SYSTEM", "Thanks for your message. A person will reply today before 18:00.", {
      automatic: true,
    });
    await reply(mined, "Check stock first", { internal: true });
    await reply(mined, "Yes: choose Pick up in store at checkout.");
    await reply(mined, "It is ready within 2 hours, at 120 Market Street.");
    // Personal data in both the question and the answer.
    const q7 = await ask(
      mined,
      "My email is jane.cooper@example.com and my phone 613-555-0142, can I change the address on #1001?",
    );
    await reply(
      mined,
      "Jane, done: #1001 now ships to the new address. Track it at https://shop.example.com/61/orders/abcdef0123456789abcdef/authenticate?key=s3cret or call +1 718 555 0100.",
    );
    // A question nobody answered yet.
    await ask(mined, "Do you sell matching socks?");

    await setStatus(mined, "RESOLVED");

    const drafts = await suggestions(shopId);
    expect(drafts.map((d) => [d.title, d.answer, d.status, d.tags, d.locale, d.sourceRef])).toEqual([
      [
        "Do you ship to Canada?",
        "Yes, we ship to Canada: delivery takes 7–14 business days and duties are paid on delivery.",
        "DRAFT",
        ["suggested"],
        "en",
        `conversation:${mined.id}:${q1.id}`,
      ],
      [
        "Can I pick up my order in store?",
        "Yes: choose Pick up in store at checkout.\n\nIt is ready within 2 hours, at 120 Market Street.",
        "DRAFT",
        ["suggested"],
        "en",
        `conversation:${mined.id}:${q6.id}`,
      ],
      [
        "My email is [email] and my phone [phone], can I change the address on [order number]?",
        "[name], done: [order number] now ships to the new address. Track it at [link] or call [phone].",
        "DRAFT",
        ["suggested"],
        "en",
        `conversation:${mined.id}:${q7.id}`,
      ],
    ]);
    const all = JSON.stringify(drafts);
    for (const needle of ["Jane", "Cooper", "jane.cooper", "555-0142", "1001", "s3cret", "555 0100"])
      expect(all).not.toContain(needle);
    // Indexed like every article, but as drafts.
    expect(await db().knowledgeSection.count({ where: { shopId, articleId: { in: drafts.map((d) => d.id) } } })).toBe(
      3,
    );
    expect(
      await db().knowledgeSection.count({
        where: { shopId, articleId: { in: drafts.map((d) => d.id) }, published: true },
      }),
    ).toBe(0);
  });

  it("GIVEN a resolved conversation WHEN resolved again, or reopened and resolved with nothing new THEN no draft is added", async () => {
    await setStatus(mined, "RESOLVED");
    await setStatus(mined, "OPEN");
    await setStatus(mined, "RESOLVED");
    expect(await suggestions(shopId)).toHaveLength(3);
  });

  it("GIVEN a new cycle after a resolve WHEN resolved THEN only its own messages are mined", async () => {
    await setStatus(mined, "OPEN");
    // Messages of the new cycle: after the last resolve, before the next one.
    const { lastResolvedAt } = await db().conversation.findUniqueOrThrow({ where: { id: mined.id } });
    clock = lastResolvedAt!.getTime();
    step = 5;
    const q = await ask(mined, "¿Puedo pagar con una tarjeta de regalo?");
    await reply(mined, "Sí, en la caja, en el campo de tarjeta de regalo.");
    await pause(50);
    await setStatus(mined, "RESOLVED");
    const drafts = await suggestions(shopId);
    expect(drafts).toHaveLength(4);
    expect(drafts[3]).toMatchObject({
      title: "¿Puedo pagar con una tarjeta de regalo?",
      locale: "es",
      sourceRef: `conversation:${mined.id}:${q.id}`,
    });
  });

  it("GIVEN a suggested draft WHEN a customer asks its question THEN it is never used until approved, then it answers", async () => {
    const draft = (await suggestions(shopId))[0]!;
    const before = await decideAnswer({ shopId, text: "Do you ship to Canada?" });
    expect(before.kind).toBe("handoff");
    expect(before.kind === "handoff" ? before.nearest?.articleId : undefined).not.toBe(draft.id);

    const approveRoute = (await import("../../app/routes/app.knowledge.$id_.approve")) as RouteModule;
    const res = await call(approveRoute, "action", post(`/app/knowledge/${draft.id}/approve`), { id: draft.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/app/knowledge?source=SUGGESTED&status=DRAFT&approved=1");

    expect((await db().knowledgeArticle.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("PUBLISHED");
    const after = await decideAnswer({ shopId, text: "Do you ship to Canada?" });
    expect(after, JSON.stringify(after)).toMatchObject({ kind: "answer", article: { articleId: draft.id } });
    expect(after.kind === "answer" ? after.text : "").toContain("we ship to Canada");
  });

  it("GIVEN the Knowledge page WHEN the Suggested view is loaded THEN the banner counts the drafts and lists them", async () => {
    const listRoute = (await import("../../app/routes/app.knowledge._index")) as RouteModule;
    const res = await call(listRoute, "loader", new Request(`${BASE}/app/knowledge?source=SUGGESTED&status=DRAFT`));
    const data = (await res.json()) as {
      suggestedCount: number;
      suggestedView: boolean;
      suggestions: { title: string }[];
    };
    expect(data.suggestedCount).toBe(3);
    expect(data.suggestedView).toBe(true);
    expect(data.suggestions.map((s) => s.title).sort()).toEqual([
      "Can I pick up my order in store?",
      "My email is [email] and my phone [phone], can I change the address on [order number]?",
      "¿Puedo pagar con una tarjeta de regalo?",
    ]);
    const { suggestedCountText } = await import("../../app/components/knowledge/SuggestedArticles");
    expect(suggestedCountText(data.suggestedCount)).toBe("3 suggested articles wait for your approval");
  });

  it("GIVEN a draft WHEN dismissed THEN it is deleted; an approved one, a manual one and another shop's answer 404", async () => {
    const dismissRoute = (await import("../../app/routes/app.knowledge.$id_.dismiss")) as RouteModule;
    const approveRoute = (await import("../../app/routes/app.knowledge.$id_.approve")) as RouteModule;
    const drafts = await suggestions(shopId);
    const approved = drafts.find((d) => d.status === "PUBLISHED")!;
    const draft = drafts.find((d) => d.status === "DRAFT")!;

    const res = await call(dismissRoute, "action", post(`/app/knowledge/${draft.id}/dismiss`), { id: draft.id });
    expect(res.status).toBe(302);
    expect(await db().knowledgeArticle.findUnique({ where: { id: draft.id } })).toBeNull();
    expect(await db().knowledgeSection.count({ where: { articleId: draft.id } })).toBe(0);

    const again = await call(dismissRoute, "action", post(`/app/knowledge/${approved.id}/dismiss`), {
      id: approved.id,
    });
    expect(again.status).toBe(404);
    const manual = await db().knowledgeArticle.findFirstOrThrow({ where: { shopId, source: "MANUAL" } });
    expect(
      (await call(approveRoute, "action", post(`/app/knowledge/${manual.id}/approve`), { id: manual.id })).status,
    ).toBe(404);

    const theirs = await db().knowledgeArticle.create({
      data: {
        shopId: otherShopId,
        title: "Their draft?",
        answer: "Theirs.",
        source: "SUGGESTED",
        sourceRef: "conversation:x:y",
      },
    });
    for (const route of [approveRoute, dismissRoute]) {
      const res404 = await call(route, "action", post(`/app/knowledge/${theirs.id}/x`), { id: theirs.id });
      expect(res404.status).toBe(404);
    }
    expect(await db().knowledgeArticle.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      status: "DRAFT",
    });
  });

  it("GIVEN a shop whose knowledge base is empty WHEN a conversation with a staff answer is resolved THEN one draft; another shop sees none", async () => {
    const conversation = await newConversation(otherShopId, { firstName: "Sam" });
    await ask(conversation, "What is your return policy for sale items?");
    await reply(conversation, "Sale items can be exchanged within 14 days, not refunded.");
    await setStatus(conversation, "RESOLVED");
    const theirs = await suggestions(otherShopId);
    expect(theirs.filter((d) => d.sourceRef?.startsWith(`conversation:${conversation.id}:`))).toHaveLength(1);
    expect((await suggestions(shopId)).some((d) => d.sourceRef?.includes(conversation.id))).toBe(false);
  });
});
