// Meta webhook (Messenger + Instagram Direct) → our route, signed as Meta signs, and staff replies
// through the send pipeline to the Graph API stand-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { saveConnection } from "../../app/channels/credentials.server";
import { db } from "../../app/db/client.server";
import { claimOutboundMessage } from "../../app/messages/claim-outbound.server";
import { sendMessage } from "../../app/messages/send-message.server";
import { action, loader } from "../../app/routes/webhooks.meta";
import { metaInboundMessage, signedMetaWebhook, startVendorFakes, type VendorFakes } from "../fakes";
import { createShop } from "../support/factories";
import { markDemoRunner } from "../../app/shopify/demo-sign-in.server";

const PAGE_ID = "104857600123456";
const IG_ID = "17841400000000001";
const APP_SECRET = "meta-app-secret";
const VERIFY_TOKEN = "my-verify-token";
const URL_BASE = "http://127.0.0.1:3999/webhooks/meta";
let shopId: string;
let fakes: VendorFakes;

beforeAll(async () => {
  fakes = await startVendorFakes({ meta: { appSecret: APP_SECRET } });
  Object.assign(process.env, fakes.env);
  resetConfigCache();
  shopId = (await createShop()).id;
  await saveConnection(shopId, "META", {
    pageId: PAGE_ID,
    pageAccessToken: "EAAG-page-token",
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    instagramAccountId: IG_ID,
  });
});
afterAll(async () => {
  await fakes?.close();
  for (const key of Object.keys(fakes?.env ?? {})) delete process.env[key];
  resetConfigCache();
});

const args = (request: Request) => ({ request, params: {}, context: {} }) as Parameters<typeof action>[0];

function post(body: string, headers: Record<string, string>) {
  return action(args(new Request(URL_BASE, { method: "POST", headers, body })));
}
function postSigned(payload: unknown, secret = APP_SECRET) {
  const signed = signedMetaWebhook(payload, secret);
  return post(signed.body, signed.headers);
}
const inboundFrom = (senderId: string) => db().message.findMany({ where: { shopId, fromAddress: senderId } });

describe("Meta webhook verification (GET)", () => {
  it("echoes hub.challenge for the right verify token, 403 otherwise", async () => {
    const ok = await loader(
      args(new Request(`${URL_BASE}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`)),
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await loader(
      args(new Request(`${URL_BASE}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1158201444`)),
    );
    expect(bad.status).toBe(403);
  });
});

describe("Meta webhook messages (POST)", () => {
  it("GIVEN a Messenger message THEN a customer with a MESSENGER identity and an open conversation, stored once on replay", async () => {
    const payload = metaInboundMessage({
      pageId: PAGE_ID,
      senderId: "6543210987654321",
      text: "Do you ship to Canada?",
    });
    expect((await postSigned(payload)).status).toBe(200);
    expect((await postSigned(payload)).status).toBe(200);
    const stored = await inboundFrom("6543210987654321");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ channel: "MESSENGER", body: "Do you ship to Canada?", direction: "INBOUND" });
    expect(stored[0].idempotencyKey).toBe(`inbound:meta:${payload.entry[0].messaging[0].message.mid}`);
    const identity = await db().customerIdentity.findUniqueOrThrow({
      where: { shopId_kind_value: { shopId, kind: "MESSENGER", value: "6543210987654321" } },
    });
    expect(identity.customerId).toBe(stored[0].customerId);
    const conv = await db().conversation.findUniqueOrThrow({ where: { id: stored[0].conversationId } });
    expect(conv).toMatchObject({ status: "OPEN", lastInboundChannel: "MESSENGER" });
  });

  it("GIVEN an Instagram message to the IG account THEN it is stored as INSTAGRAM", async () => {
    await postSigned(metaInboundMessage({ object: "instagram", pageId: IG_ID, senderId: "IGSID998877", text: "hi" }));
    const [m] = await inboundFrom("IGSID998877");
    expect(m.channel).toBe("INSTAGRAM");
    expect(await db().customerIdentity.count({ where: { shopId, kind: "INSTAGRAM", value: "IGSID998877" } })).toBe(1);
  });

  it("GIVEN a bad or missing signature THEN 403 / 401 and nothing is stored", async () => {
    const payload = metaInboundMessage({ pageId: PAGE_ID, senderId: "111222333", text: "forged" });
    expect((await postSigned(payload, "not-the-secret")).status).toBe(403);
    expect((await post(JSON.stringify(payload), { "Content-Type": "application/json" })).status).toBe(401);
    const signed = signedMetaWebhook(payload, APP_SECRET);
    const tampered = signed.body.replace("forged", "forgeD");
    expect((await post(tampered, signed.headers)).status).toBe(403);
    expect(await inboundFrom("111222333")).toHaveLength(0);
  });

  it("GIVEN an echo of our own send THEN nothing is stored", async () => {
    const payload = metaInboundMessage({ pageId: PAGE_ID, senderId: PAGE_ID, text: "our reply" });
    const event = payload.entry[0].messaging[0] as Record<string, unknown> & { message: Record<string, unknown> };
    event.message.is_echo = true;
    event.recipient = { id: "5550001112223" };
    expect((await postSigned(payload)).status).toBe(200);
    expect(await db().message.count({ where: { shopId, body: "our reply" } })).toBe(0);
  });

  it("GIVEN a staff reply on MESSENGER THEN the send pipeline posts it to the Graph API, and a delivery event marks it DELIVERED", async () => {
    const [inbound] = await inboundFrom("6543210987654321");
    const { messageId } = await claimOutboundMessage({
      shopId,
      customerId: inbound.customerId,
      channel: "MESSENGER",
      toAddress: "6543210987654321",
      body: "Yes, we ship to Canada.",
      author: "STAFF",
      authorName: "Sam",
      idempotencyKey: `staff:test:${Date.now()}`,
    });
    await sendMessage(messageId);
    expect(fakes.meta.messages).toHaveLength(1);
    const sent = fakes.meta.messages[0];
    expect(sent.pageId).toBe(PAGE_ID);
    expect(sent.body.recipient.id).toBe("6543210987654321");
    expect(sent.body.messaging_type).toBe("RESPONSE");
    expect(sent.body.message?.text).toBe("Yes, we ship to Canada.");
    const row = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(row).toMatchObject({ deliveryStatus: "SENT", providerMessageId: sent.messageId });

    const delivery = {
      object: "page",
      entry: [
        {
          id: PAGE_ID,
          time: Date.now(),
          messaging: [
            {
              sender: { id: "6543210987654321" },
              recipient: { id: PAGE_ID },
              timestamp: Date.now(),
              delivery: { mids: [sent.messageId], watermark: Date.now() },
            },
          ],
        },
      ],
    };
    expect((await postSigned(delivery)).status).toBe(200);
    expect((await db().message.findUniqueOrThrow({ where: { id: messageId } })).deliveryStatus).toBe("DELIVERED");
  });
});

describe("Channels page: Meta connection and inbound URLs", () => {
  const channels = () => import("../../app/routes/app.channels");
  const form = (fields: Record<string, string>) =>
    new Request("http://127.0.0.1:3999/app/channels", { method: "POST", body: new URLSearchParams(fields) });

  beforeAll(async () => {
    process.env.THREADLINE_DEMO = "1";
    // As `npm run demo` does: the variable alone no longer signs anyone in.
    markDemoRunner();
    resetConfigCache();
    const [{ Session }, { sessionStorage }] = await Promise.all([
      import("@shopify/shopify-api"),
      import("../../app/shopify.server"),
    ]);
    const { TEST_SHOP_DOMAIN } = await import("../support/shopify-webhook");
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${TEST_SHOP_DOMAIN}`,
        shop: TEST_SHOP_DOMAIN,
        state: "t",
        isOnline: false,
        accessToken: "shpat_test",
      }),
    );
    await saveConnection(shopId, "SENDGRID", { apiKey: "SG.page-secret", fromEmail: "hello@shop.example.com" });
  });
  afterAll(() => {
    delete process.env.THREADLINE_DEMO;
    markDemoRunner(false);
    resetConfigCache();
  });

  it("shows the Meta callback URL and the Inbound Parse URL, never a Meta secret", async () => {
    const { loader: channelsLoader } = await channels();
    const res = await channelsLoader(args(new Request("http://127.0.0.1:3999/app/channels")));
    const text = await res.text();
    for (const secret of ["EAAG-page-token", APP_SECRET, VERIFY_TOKEN, "SG.page-secret"])
      expect(text).not.toContain(secret);
    const data = JSON.parse(text);
    expect(data.meta).toMatchObject({
      connected: true,
      callbackUrl: "http://127.0.0.1:3999/webhooks/meta",
      values: { pageId: PAGE_ID, instagramAccountId: IG_ID },
      savedSecrets: ["pageAccessToken", "appSecret", "verifyToken"],
    });
    const sg = await db().channelConnection.findUniqueOrThrow({
      where: { shopId_provider: { shopId, provider: "SENDGRID" } },
    });
    const sendgrid = data.providers.find((p: { provider: string }) => p.provider === "SENDGRID");
    expect(sendgrid.webhookUrls.map((w: { url: string }) => w.url)).toEqual([
      `http://127.0.0.1:3999/webhooks/sendgrid/events/${sg.webhookToken}`,
      `http://127.0.0.1:3999/webhooks/sendgrid/inbound/${sg.webhookToken}`,
    ]);
  });

  it("saves the Meta form, keeping blank secrets, and reports field errors", async () => {
    const { action: channelsAction } = await channels();
    const bad = await channelsAction(args(form({ intent: "save", provider: "META", pageId: "not a page id!" })));
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toHaveProperty("pageId");
    const ok = await channelsAction(
      args(form({ intent: "save", provider: "META", pageId: PAGE_ID, instagramAccountId: "17841400000000002" })),
    );
    expect(ok.status).toBe(200);
    const { loadConnection } = await import("../../app/channels/credentials.server");
    const loaded = await loadConnection(shopId, "META");
    expect(loaded?.credentials).toMatchObject({
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      instagramAccountId: "17841400000000002",
    });
  });
});
