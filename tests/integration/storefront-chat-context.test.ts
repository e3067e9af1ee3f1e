// The storefront widget's context: the page the shopper is on (shown to staff, product views on
// the timeline) and the offline form (answer by email, in the same conversation). Requests are
// signed exactly as Shopify's app proxy signs them; the email goes out through a real BullMQ worker
// to the SendGrid stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { closeChatRateLimiter } from "../../app/chat/rate-limit.server";
import { replyOptionsFor, sendStaffReply } from "../../app/conversations/staff-reply.server";
import { db } from "../../app/db/client.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { startWorkers, type WorkerHandle } from "../../app/jobs/worker.server";
import { action as messagesAction } from "../../app/routes/proxy.chat.messages";
import { action as pageAction } from "../../app/routes/proxy.chat.page";
import { newSecretToken } from "../../app/lib/secret-token.server";
import { ShopperOnStorefront } from "../../app/components/ShopperOnStorefront";
import { storefrontHostsOf } from "../../app/chat/storefront-hosts";
import { addStorefrontHosts } from "../../app/chat/storefront-hosts.server";
import { signedAppProxyRequest } from "../support/app-proxy";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { waitFor } from "./flows-engine-support";
import { startSendingEnv, type SendingEnv } from "./sending-helpers";

let env: SendingEnv;
let workers: WorkerHandle;
beforeAll(async () => {
  env = await startSendingEnv();
  workers = await startWorkers({ queues: [QUEUE.sends], schedule: false, reconcileOnStart: false });
});
afterAll(async () => {
  await workers?.close();
  await env?.close();
  await closeChatRateLimiter();
});

type Args = Parameters<typeof messagesAction>[0];
const args = (request: Request) => ({ request, params: {}, context: {} }) as Args;
const visitor = () => `v_${randomUUID().replace(/-/g, "")}`;
const productPage = {
  url: `https://${TEST_SHOP_DOMAIN}/products/linen-shirt`,
  type: "product",
  title: "Linen shirt",
  product: { id: "8101", title: "Linen shirt", price: "$48.00" },
};

/** Each visitor id's browser secret, as the widget keeps it beside the id. */
const secrets = new Map<string, string>();
function withSecret(json: unknown): unknown {
  const body = json as { visitorId?: string; visitorSecret?: string | null };
  if (!body.visitorId || body.visitorSecret !== undefined) {
    if (body.visitorSecret === null) delete body.visitorSecret;
    return body;
  }
  if (!secrets.has(body.visitorId)) secrets.set(body.visitorId, newSecretToken());
  return { ...body, visitorSecret: secrets.get(body.visitorId) };
}

function post(path: string, json: unknown, loggedInCustomerId?: string, signature?: string) {
  const request = signedAppProxyRequest({
    path,
    shop: TEST_SHOP_DOMAIN,
    json: withSecret(json),
    loggedInCustomerId,
    signature,
  });
  return (path.endsWith("/page") ? pageAction : messagesAction)(args(request));
}

async function chatConversation(visitorId: string) {
  const identity = await db().customerIdentity.findUniqueOrThrow({
    where: { shopId_kind_value: { shopId: env.shopId, kind: "CHAT_VISITOR", value: visitorId } },
  });
  return db().conversation.findFirstOrThrow({ where: { shopId: env.shopId, customerId: identity.customerId } });
}

describe("storefront chat: the page the shopper is on", () => {
  it("GIVEN a visitor who never wrote WHEN the widget reports a page THEN 204 and nothing is stored", async () => {
    const id = visitor();
    const res = await post("/proxy/chat/page", { visitorId: id, page: productPage });
    expect(res.status).toBe(204);
    expect(await db().customerIdentity.count({ where: { value: id } })).toBe(0);
  });

  it("GIVEN an active chat WHEN product pages are reported THEN staff see the latest page and each product view is one BROWSING event", async () => {
    const id = visitor();
    expect(
      (await post("/proxy/chat/messages", { visitorId: id, text: "Does this run small?", page: productPage })).status,
    ).toBe(201);
    // The same product again (a reload), then a collection.
    expect((await post("/proxy/chat/page", { visitorId: id, page: productPage })).status).toBe(202);
    const collection = {
      url: `https://${TEST_SHOP_DOMAIN}/collections/summer`,
      type: "collection",
      collection: { title: "Summer" },
    };
    expect((await post("/proxy/chat/page", { visitorId: id, page: collection })).status).toBe(202);

    const conversation = await chatConversation(id);
    expect(conversation.visitorPage).toEqual(collection);
    expect(conversation.visitorPageAt).toBeInstanceOf(Date);
    const browsing = await db().timelineEvent.findMany({
      where: { customerId: conversation.customerId, type: "BROWSING" },
    });
    expect(browsing.map((e) => e.title)).toEqual(["Viewed Linen shirt ($48.00)"]);
    expect(browsing[0].data).toMatchObject({
      url: productPage.url,
      product: { title: "Linen shirt", price: "$48.00" },
    });
  });

  it("GIVEN a signed-in shopper WHEN their page is reported THEN it lands on their own customer's conversation", async () => {
    const id = visitor();
    await post("/proxy/chat/messages", { visitorId: id, text: "Hi, it's me" }, "777001");
    expect((await post("/proxy/chat/page", { visitorId: id, page: productPage }, "777001")).status).toBe(202);
    const customer = await db().customer.findFirstOrThrow({
      where: { shopId: env.shopId, shopifyCustomerId: 777001n },
    });
    const conversation = await db().conversation.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(conversation.visitorPage).toMatchObject({ product: { title: "Linen shirt" } });
  });

  it("refuses a forged signature (401), a non-http page address and a page without a type (400)", async () => {
    const id = visitor();
    await post("/proxy/chat/messages", { visitorId: id, text: "hello" });
    expect(
      (await post("/proxy/chat/page", { visitorId: id, page: productPage }, undefined, "0".repeat(64))).status,
    ).toBe(401);
    const bad = await post("/proxy/chat/page", { visitorId: id, page: { ...productPage, url: "javascript:alert(1)" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "page.url" });
    const untyped = await post("/proxy/chat/page", { visitorId: id, page: { url: productPage.url } });
    expect(untyped.status).toBe(400);
    expect((await chatConversation(id)).visitorPage).toBeNull();
  });
});

describe("storefront chat: page reports need the visitor's secret (issue 10, item 5)", () => {
  it("GIVEN an active chat WHEN someone reports a page with its visitor id but not its secret THEN 401/403 and nothing changes", async () => {
    const id = visitor();
    await post("/proxy/chat/messages", { visitorId: id, text: "hi", page: productPage });
    const phish = { url: productPage.url.replace("linen-shirt", "other"), type: "other", title: "Other" };
    expect((await post("/proxy/chat/page", { visitorId: id, visitorSecret: null, page: phish })).status).toBe(401);
    expect(
      (await post("/proxy/chat/page", { visitorId: id, visitorSecret: newSecretToken(), page: phish }, "777009"))
        .status,
    ).toBe(403);
    expect((await chatConversation(id)).visitorPage).toMatchObject({ title: "Linen shirt" });
  });
});

describe("storefront chat: links to the shopper's page only on the shop's own domains (issue 10, item 9)", () => {
  const foreignPage = { url: "https://evil-phish.example/login", type: "other", title: "Sign in to continue" };

  it("GIVEN a page report on a foreign host THEN it is kept, flagged foreignHost, and staff see it as text, not a link", async () => {
    const id = visitor();
    await post("/proxy/chat/messages", { visitorId: id, text: "help" });
    expect((await post("/proxy/chat/page", { visitorId: id, page: foreignPage })).status).toBe(202);
    const conversation = await chatConversation(id);
    expect(conversation.visitorPage).toEqual({ ...foreignPage, foreignHost: true });

    const shop = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    const html = renderCard(conversation.visitorPage, storefrontHostsOf(shop));
    expect(html).toContain("Sign in to continue");
    expect(html).toContain("https://evil-phish.example/login");
    expect(html).not.toMatch(/<a\b/);
    expect(html).not.toContain('href="https://evil-phish.example');
  });

  it("GIVEN a page on the shop's myshopify domain, or on its primary domain once known, THEN staff get a link", async () => {
    const id = visitor();
    await post("/proxy/chat/messages", { visitorId: id, text: "hi", page: productPage });
    const shopRow = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    const own = renderCard((await chatConversation(id)).visitorPage, storefrontHostsOf(shopRow));
    expect(own).toMatch(new RegExp(`<a [^>]*href="${productPage.url}"`));

    const custom = { ...productPage, url: "https://www.linen-and-co.example/products/linen-shirt" };
    expect(renderCard(custom, storefrontHostsOf(shopRow))).not.toMatch(/<a\b/);
    await addStorefrontHosts(env.shopId, ["WWW.linen-and-co.example"]);
    const withPrimary = await db().shop.findUniqueOrThrow({ where: { id: env.shopId } });
    expect(storefrontHostsOf(withPrimary)).toEqual([TEST_SHOP_DOMAIN, "www.linen-and-co.example"]);
    expect(renderCard(custom, storefrontHostsOf(withPrimary))).toMatch(
      /<a [^>]*href="https:\/\/www.linen-and-co.example\/products\/linen-shirt"/,
    );
    // Look-alikes are text: another host's subdomain, credentials before the host, other schemes.
    for (const url of [
      `https://${TEST_SHOP_DOMAIN}.evil.example/x`,
      `https://${TEST_SHOP_DOMAIN}@evil.example/x`,
      `javascript://${TEST_SHOP_DOMAIN}/%0aalert(1)`,
    ])
      expect(renderCard({ ...productPage, url }, storefrontHostsOf(withPrimary))).not.toMatch(/<a\b/);
  });
});

function renderCard(page: unknown, shopHosts: string[]): string {
  return renderToStaticMarkup(
    createElement(
      AppProvider,
      { i18n: en },
      createElement(ShopperOnStorefront, {
        page,
        seenAt: null,
        replyEmail: null,
        format: { locale: "en", timeZone: "UTC" },
        shopHosts,
      }),
    ),
  );
}

describe("storefront chat outside business hours", () => {
  it("GIVEN replyByEmail without an email THEN 400 on the email field and nothing stored", async () => {
    const id = visitor();
    const res = await post("/proxy/chat/messages", { visitorId: id, text: "Anyone there?", replyByEmail: true });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "email" });
    expect(await db().customerIdentity.count({ where: { value: id } })).toBe(0);
  });

  it("GIVEN an offline message with an email WHEN staff answer THEN the reply defaults to email, goes to that address in the same conversation, and live chat later switches back", async () => {
    const id = visitor();
    const res = await post("/proxy/chat/messages", {
      visitorId: id,
      text: "Do you ship to Canada?",
      email: "Night.Owl@Example.com",
      replyByEmail: true,
    });
    expect(res.status).toBe(201);
    const conversation = await chatConversation(id);
    expect(conversation.visitorReplyEmail).toBe("night.owl@example.com");
    const customer = await db().customer.findUniqueOrThrow({ where: { id: conversation.customerId } });
    expect(customer.email).toBe("night.owl@example.com");

    const options = await replyOptionsFor(env.shopId, conversation.customerId, conversation);
    expect(options.defaultChannel).toBe("EMAIL");
    expect(options.options.find((o) => o.channel === "EMAIL")).toMatchObject({
      toAddress: "night.owl@example.com",
      allowed: true,
    });

    const result = await sendStaffReply({
      shopId: env.shopId,
      conversationId: conversation.id,
      staff: { id: "staff-1", name: "Sam Staff" },
      channel: "EMAIL",
      subject: "Shipping to Canada",
      body: "Yes, we ship to Canada in 3-5 days.",
      clientId: randomUUID(),
    });
    expect(result.ok).toBe(true);
    const mail = await waitFor(
      () => env.fakes.sendgrid.mails.find((m) => JSON.stringify(m.body).includes("night.owl@example.com")),
      "the SendGrid send",
    );
    expect(mail.body.subject).toBe("Shipping to Canada");
    expect(JSON.stringify(mail.body.content)).toContain("Yes, we ship to Canada in 3-5 days.");
    const sent = await db().message.findUniqueOrThrow({ where: { id: result.ok ? result.messageId : "" } });
    expect(sent).toMatchObject({
      conversationId: conversation.id,
      channel: "EMAIL",
      toAddress: "night.owl@example.com",
    });

    // Back on the site during opening hours: chatting live again makes chat the default.
    expect((await post("/proxy/chat/messages", { visitorId: id, text: "Thanks! One more thing" })).status).toBe(201);
    const live = await chatConversation(id);
    expect(live.visitorReplyEmail).toBeNull();
    expect((await replyOptionsFor(env.shopId, live.customerId, live)).defaultChannel).toBe("CHAT");
  });
});
