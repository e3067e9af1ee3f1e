// The merchant-facing half of campaigns (issue 15, clause 6; decision 0058), through the real routes
// with real session tokens (authenticate.admin with a Bearer token, the shop's offline session, token
// exchange answered by the Shopify Admin stand-in): drafts created and refused field by field, the
// audience estimate on a hand-built segment, a test send with the exact payload the Twilio and
// SendGrid stand-ins received, results counted from a fixture of recipients, messages and orders,
// the engine's lifecycle through the page's intents, and another shop's campaign answering 404.
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "../../app/config.server";
import { db } from "../../app/db/client.server";
import type { Channel, ConsentPurpose, ConsentSource, ConsentState, Prisma } from "../../app/generated/prisma/client";
import type { AudienceEstimate } from "../../app/campaigns/audience/estimate.server";
import { readCampaignContent } from "../../app/campaigns/content";
import type { CampaignListRow } from "../../app/campaigns/editor/campaigns.server";
import type { CampaignPageData } from "../../app/campaigns/editor/page.server";
import type { CampaignPreview } from "../../app/campaigns/editor/preview.server";
import { sessionStorage } from "../../app/shopify.server";
import { generateShopDataset, startFakeShopifyAdmin, type FakeShopifyAdmin } from "../fakes/shopify-admin";
import { createConversationWithMessage, createShop } from "../support/factories";
import { signSessionToken } from "../support/session-token";
import { TEST_SHOP_DOMAIN } from "../support/shopify-webhook";
import { FROM_EMAIL, SMS_FROM, SENDGRID_KEY, startSendingEnv, type SendingEnv } from "./sending-helpers";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteModule = {
  loader: (args: RouteArgs) => Promise<Response>;
  action: (args: RouteArgs) => Promise<Response>;
};

const OTHER_SHOP = "other-campaigns.myshopify.com";
const campaignRoute = () => import("../../app/routes/app.campaigns.$id") as Promise<RouteModule>;
const listRoute = () => import("../../app/routes/app.campaigns._index") as unknown as Promise<RouteModule>;

let env: SendingEnv;
let admin: FakeShopifyAdmin;
let shopId: string;
let otherShopId: string;
let seq = 0;

function token(shop = TEST_SHOP_DOMAIN) {
  return signSessionToken({ shop, sub: "7001" });
}

async function call(
  kind: "loader" | "action",
  id: string,
  init: { shop?: string; form?: Record<string, string> } = {},
) {
  const route = kind === "loader" && id === "" ? await listRoute() : await campaignRoute();
  const path = id === "" ? "/app/campaigns" : `/app/campaigns/${id}`;
  const request = new Request(`${env.appUrl}${path}`, {
    method: kind === "loader" ? "GET" : "POST",
    headers: { Authorization: `Bearer ${token(init.shop)}` },
    body: init.form ? new URLSearchParams(init.form) : undefined,
  });
  try {
    return await route[kind]({ request, params: id ? { id } : {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** An intent's JSON answer (app/campaigns/editor/intents.server.ts). */
interface IntentBody {
  ok: boolean;
  id: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  estimate?: AudienceEstimate;
  preview?: CampaignPreview;
  [key: string]: unknown;
}

async function post(id: string, form: Record<string, string>, shop?: string) {
  const res = await call("action", id, { form, shop });
  return { status: res.status, body: (await res.json()) as IntentBody };
}

async function page(id: string, shop?: string) {
  const res = await call("loader", id, { shop });
  const body =
    res.status === 200 ? ((await res.json()) as { page: CampaignPageData; campaigns: CampaignListRow[] }) : null;
  return { status: res.status, body };
}

/** A campaign's outbound message to a customer, on their conversation, under the campaign's key. */
function campaignMessage(
  campaignId: string,
  customerId: string,
  conversationId: string,
  data: Omit<
    Prisma.MessageUncheckedCreateInput,
    "shopId" | "conversationId" | "customerId" | "direction" | "author" | "idempotencyKey" | "campaignId"
  >,
) {
  return db().message.create({
    data: {
      shopId,
      conversationId,
      customerId,
      direction: "OUTBOUND",
      author: "FLOW",
      idempotencyKey: `campaign:${campaignId}:${customerId}`,
      campaignId,
      ...data,
    },
  });
}

async function customer(
  over: { firstName?: string; email?: string | null; phone?: string | null; redacted?: boolean } = {},
) {
  seq += 1;
  return db().customer.create({
    data: {
      shopId,
      firstName: over.firstName ?? `Customer ${seq}`,
      email: over.email === undefined ? `c${seq}@example.com` : over.email,
      phone: over.phone === undefined ? null : over.phone,
      redactedAt: over.redacted ? new Date() : null,
    },
  });
}

async function consent(
  customerId: string,
  channel: Channel,
  state: ConsentState,
  opts: { purpose?: ConsentPurpose; source?: ConsentSource; at?: Date } = {},
) {
  await db().consent.create({
    data: {
      shopId,
      customerId,
      channel,
      purpose: opts.purpose ?? "MARKETING",
      state,
      source: opts.source ?? "SHOPIFY_CUSTOMER",
      occurredAt: opts.at ?? new Date(Date.now() - 30 * 86400_000),
    },
  });
}

async function segment(name: string, customerIds: string[]) {
  const row = await db().segment.create({ data: { shopId, name, memberCount: customerIds.length } });
  await db().segmentMember.createMany({
    data: customerIds.map((customerId) => ({ segmentId: row.id, customerId, shopId })),
  });
  return row;
}

function draft(over: Record<string, unknown> = {}) {
  return {
    name: "Winter sale",
    segmentId: null,
    channels: ["SMS", "EMAIL"],
    content: {
      variants: [
        {
          key: "A",
          weight: 100,
          messages: {
            SMS: { body: "Hi {{ customer.first_name }}, 20% off at {{ shop.name }}" },
            EMAIL: {
              subject: "News for {{ customer.first_name }}",
              body: "Hello {{ customer.first_name }}\n\nUnsubscribe: {{ unsubscribe_url }}",
            },
          },
        },
      ],
    },
    sendMode: "shop_time",
    sendAt: null,
    winnerMetric: null,
    ...over,
  };
}

const save = (id: string, value: unknown, shop?: string) =>
  post(id, { intent: "save", campaign: typeof value === "string" ? value : JSON.stringify(value) }, shop);

/** Tomorrow at HH:MM UTC as the form gives it (the shop's zone is UTC unless a test changes it). */
function tomorrowAt(hhmm: string): { local: string; instant: Date } {
  const d = new Date(Date.now() + 86400_000);
  const day = d.toISOString().slice(0, 10);
  return { local: `${day}T${hhmm}`, instant: new Date(`${day}T${hhmm}:00.000Z`) };
}

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    dataset: generateShopDataset({
      seed: 58,
      customers: 0,
      ordersPerCustomer: { min: 0, max: 0 },
      abandonedCheckouts: 0,
      now: new Date(),
      shopDomain: TEST_SHOP_DOMAIN,
    }),
    tokenExchange: {
      users: { "7001": { id: 7001, first_name: "Sam", last_name: "Lee", email: "sam@example.com" } },
      apiSecret: process.env.SHOPIFY_API_SECRET,
    },
  });
  process.env.SHOPIFY_ADMIN_API_BASE_URL = admin.url;
  env = await startSendingEnv();
  resetConfigCache();
  shopId = env.shopId;
  otherShopId = (await createShop({ domain: OTHER_SHOP })).id;
  for (const shop of [TEST_SHOP_DOMAIN, OTHER_SHOP])
    await sessionStorage.storeSession(
      new Session({ id: `offline_${shop}`, shop, state: "t", isOnline: false, accessToken: "shpat_campaigns" }),
    );
}, 60_000);

afterAll(async () => {
  await env?.close();
  await admin?.close();
  delete process.env.SHOPIFY_ADMIN_API_BASE_URL;
  resetConfigCache();
});

describe("creating and editing drafts", () => {
  it("GIVEN a draft with problems in every field WHEN it is saved THEN 400 names each field and nothing is written", async () => {
    const foreign = await db().segment.create({ data: { shopId: otherShopId, name: "Theirs" } });
    const before = await db().campaign.count();

    const res = await save("new", {
      ...draft({ name: "  ", segmentId: foreign.id, sendAt: "tomorrow" }),
      content: {
        variants: [
          {
            key: "A",
            weight: 50,
            messages: { SMS: { body: "Hi {{ customer.first_name | shout }}" }, EMAIL: { body: "No subject" } },
          },
          { key: "B", weight: 40, messages: { SMS: { body: "B" }, EMAIL: { subject: "B", body: "B" } } },
        ],
      },
    });

    expect(res.status).toBe(400);
    expect(res.body.ok).toBe(false);
    expect(res.body.fieldErrors).toEqual({
      name: "Give the campaign a name",
      sendAt: "Give the date and time as YYYY-MM-DDTHH:MM",
      content: "The variants' shares must add up to 100 %",
    });
    expect(await db().campaign.count()).toBe(before);

    // Shape fixed: the rules across fields and the Liquid check speak next.
    const second = await save("new", {
      ...draft({ segmentId: foreign.id }),
      channels: ["SMS", "EMAIL", "WHATSAPP"],
      content: {
        variants: [
          {
            key: "A",
            weight: 50,
            messages: { SMS: { body: "Hi {{ customer.first_name | shout }}" }, EMAIL: { body: "No subject" } },
          },
          { key: "B", weight: 50, messages: { SMS: { body: "B" }, EMAIL: { subject: "B", body: "B" } } },
        ],
      },
    });
    expect(second.status).toBe(400);
    expect(second.body.fieldErrors).toEqual({
      segmentId: "Choose one of your segments",
      winnerMetric: "Choose how the winning variant is picked: clicked, replied, orders or revenue",
      "content.variants.0.messages.EMAIL.subject": "Variant A: email needs a subject",
      "content.variants.0.messages.WHATSAPP.body": "Variant A needs a WhatsApp message",
      "content.variants.1.messages.WHATSAPP.body": "Variant B needs a WhatsApp message",
      "content.variants.0.messages.SMS.body": "Liquid error (line 1, column 4): undefined filter: shout",
    });
    expect(second.body.error).toBe("segmentId: Choose one of your segments");
    expect(await db().campaign.count()).toBe(before);

    const notJson = await save("new", "{not json");
    expect(notJson).toEqual({
      status: 400,
      body: { ok: false, error: "campaign: must be JSON", fieldErrors: { campaign: "must be JSON" } },
    });
  });

  it("GIVEN a valid draft WHEN it is saved THEN the row holds it, sendAt is read in the shop's zone, and the editor reads it back", async () => {
    await db().shop.update({ where: { id: shopId }, data: { ianaTimezone: "Europe/Paris" } });
    const members = await segment("Paris regulars", [(await customer()).id]);
    try {
      const res = await save(
        "new",
        draft({ segmentId: members.id, sendAt: "2027-01-15T10:00", sendMode: "recipient_time" }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ok: true, status: "DRAFT" });
      const row = await db().campaign.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row).toMatchObject({
        shopId,
        name: "Winter sale",
        segmentId: members.id,
        status: "DRAFT",
        channels: ["SMS", "EMAIL"],
        sendMode: "recipient_time",
        winnerMetric: null,
      });
      expect(row.sendAt?.toISOString()).toBe("2027-01-15T09:00:00.000Z"); // 10:00 in Paris (UTC+1 in winter)
      expect(row.content).toEqual(draft().content);

      const view = await page(res.body.id);
      expect(view.status).toBe(200);
      expect(view.body!.page.draft).toMatchObject({
        sendAt: "2027-01-15T10:00",
        sendMode: "recipient_time",
        segmentId: members.id,
      });

      // Messages for channels no longer chosen are dropped; a single variant keeps no winner metric.
      const edited = await save(
        res.body.id,
        draft({ name: "Winter sale, email", segmentId: members.id, channels: ["EMAIL"], winnerMetric: "clicked" }),
      );
      expect(edited.status).toBe(200);
      const after = await db().campaign.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(after.channels).toEqual(["EMAIL"]);
      expect(after.winnerMetric).toBeNull();
      expect(readCampaignContent(after.content).variants[0].messages).toEqual({
        EMAIL: draft().content.variants[0].messages.EMAIL,
      });

      // Once sending, the campaign cannot be edited.
      await db().campaign.update({ where: { id: res.body.id }, data: { status: "SENDING", startedAt: new Date() } });
      const refused = await save(res.body.id, draft({ name: "Too late", segmentId: members.id }));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toBe("This campaign is sending: only draft and scheduled campaigns can be edited");
      expect((await db().campaign.findUniqueOrThrow({ where: { id: res.body.id } })).name).toBe("Winter sale, email");
    } finally {
      await db().shop.update({ where: { id: shopId }, data: { ianaTimezone: "UTC" } });
    }
  });

  it("GIVEN drafts WHEN the list is loaded THEN each shows its segment, status and progress; another shop sees none of them", async () => {
    const list = await page("");
    expect(list.status).toBe(200);
    const rows = list.body!.campaigns;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.name === "Winter sale, email")).toMatchObject({
      segmentName: "Paris regulars",
      status: "SENDING",
      total: 0,
    });
    const theirs = await page("", OTHER_SHOP);
    expect(theirs.body!.campaigns).toEqual([]);
  });
});

describe("the audience estimate", () => {
  it("GIVEN a hand-built segment WHEN the estimate is asked THEN consent, fallback, cap and quiet hours give the exact counts", async () => {
    const day = tomorrowAt("12:00"); // 12:00 in London and UTC; 21:00 in Tokyo, which quiet hours hold
    const uk = (n: number) => `+4479111234${String(n).padStart(2, "0")}`;
    // SMS consent, no email consent → SMS.
    const smsOnly = await customer({ phone: uk(1) });
    await consent(smsOnly.id, "SMS", "GRANTED");
    // Email only, subscribed → email.
    const emailOnly = await customer({ phone: null });
    await consent(emailOnly.id, "EMAIL", "GRANTED");
    // A phone and no consent anywhere → no consent.
    const noConsent = await customer({ email: null, phone: uk(3) });
    // No address at all → no reachable channel.
    const unreachable = await customer({ email: null, phone: null });
    // SMS consent, but a campaign text two hours ago fills the cap (1 per 24 h) → capped.
    const capped = await customer({ email: null, phone: uk(5) });
    await consent(capped.id, "SMS", "GRANTED");
    const { conversation } = await createConversationWithMessage(shopId, capped.id, "hello");
    await db().message.create({
      data: {
        shopId,
        conversationId: conversation.id,
        customerId: capped.id,
        direction: "OUTBOUND",
        channel: "SMS",
        author: "FLOW",
        body: "Earlier campaign",
        deliveryStatus: "DELIVERED",
        idempotencyKey: `campaign:earlier:${capped.id}`,
        campaignId: "earlier-campaign",
        sentAt: new Date(Date.now() - 2 * 3600_000),
        createdAt: new Date(Date.now() - 2 * 3600_000),
      },
    });
    // Texted STOP (all SMS revoked) despite SMS marketing; subscribed to email → falls back to email.
    const stopped = await customer({ phone: uk(6) });
    await consent(stopped.id, "SMS", "GRANTED");
    await consent(stopped.id, "SMS", "REVOKED", { purpose: "TRANSACTIONAL", source: "KEYWORD" });
    await consent(stopped.id, "EMAIL", "GRANTED");
    // Email subscriber whose last order shipped to Japan: 21:00 there → delayed by quiet hours.
    const tokyo = await customer({ phone: null });
    await consent(tokyo.id, "EMAIL", "GRANTED");
    await db().order.create({
      data: {
        shopId,
        customerId: tokyo.id,
        shopifyOrderId: 580_001n,
        shippingAddress: { countryCode: "JP", province: "Tokyo" },
      },
    });
    // Erased on request → no reachable channel, whatever it consented to.
    const erased = await customer({ redacted: true });
    await consent(erased.id, "EMAIL", "GRANTED");
    // Not a member: never counted.
    const outsider = await customer();
    await consent(outsider.id, "EMAIL", "GRANTED");

    const members = await segment(
      "Estimate fixture",
      [smsOnly, emailOnly, noConsent, unreachable, capped, stopped, tokyo, erased].map((c) => c.id),
    );
    const created = await save("new", draft({ name: "Estimate", segmentId: members.id, sendAt: day.local }));
    expect(created.status).toBe(200);

    const res = await post(created.body.id, { intent: "estimate" });

    expect(res.status).toBe(200);
    expect(res.body.estimate).toMatchObject({
      members: 8,
      willReceive: 4,
      delayedByQuietHours: 1,
      skipped: { noConsent: 1, noReachableChannel: 2, capped: 1 },
      channels: [
        { channel: "SMS", connected: true, reachable: 4, consented: 2, chosen: 1 },
        { channel: "EMAIL", connected: true, reachable: 4, consented: 3, chosen: 3 },
      ],
      sendAt: day.instant.toISOString(),
      sendMode: "shop_time",
      quietHours: { start: "08:00", end: "21:00" },
      frequencyCap: { maxPerWindow: 1, windowHours: 24 },
    });
    // The page's review step shows the same figures.
    const view = await page(created.body.id);
    expect(view.body!.page.estimate).toMatchObject({ members: 8, willReceive: 4, delayedByQuietHours: 1 });

    // At 10:00 UTC it is 19:00 in Tokyo: nobody is delayed.
    await save(created.body.id, draft({ name: "Estimate", segmentId: members.id, sendAt: tomorrowAt("10:00").local }));
    expect((await post(created.body.id, { intent: "estimate" })).body.estimate).toMatchObject({
      willReceive: 4,
      delayedByQuietHours: 0,
    });
    // Recipient time at 21:30: that hour is quiet in every recipient's zone.
    await save(
      created.body.id,
      draft({ name: "Estimate", segmentId: members.id, sendAt: tomorrowAt("21:30").local, sendMode: "recipient_time" }),
    );
    expect((await post(created.body.id, { intent: "estimate" })).body.estimate).toMatchObject({
      willReceive: 4,
      delayedByQuietHours: 4,
    });
  });
});

describe("preview and test send", () => {
  it("GIVEN a segment member WHEN the draft is previewed THEN each channel renders for that real customer as text", async () => {
    const ada = await customer({ firstName: "Ada", email: "ada@example.com", phone: "+447911123499" });
    const members = await segment("Preview fixture", [ada.id]);
    const res = await post("new", {
      intent: "preview",
      campaign: JSON.stringify(draft({ segmentId: members.id })),
    });
    expect(res.status).toBe(200);
    expect(res.body.preview).toEqual({
      customers: [{ id: ada.id, label: "Ada" }],
      notice: null,
      renders: [
        {
          customerId: ada.id,
          variant: "A",
          channel: "SMS",
          ok: true,
          subject: null,
          body: "Hi Ada, 20% off at Threadline Demo",
          error: null,
        },
        {
          customerId: ada.id,
          variant: "A",
          channel: "EMAIL",
          ok: true,
          subject: "News for Ada",
          body: "Hello Ada\n\nUnsubscribe: https://unsubscribe.example/preview",
          error: null,
        },
      ],
    });
  });

  it("GIVEN a saved draft WHEN staff send a test by SMS and by email THEN the stand-ins get exactly the labelled message, and nothing is recorded", async () => {
    const ada = await customer({ firstName: "Ada", email: "ada.test@example.com", phone: "+447911123498" });
    const members = await segment("Test send fixture", [ada.id]);
    const created = await save("new", draft({ name: "Test send", segmentId: members.id }));
    const messagesBefore = await db().message.count({ where: { shopId } });
    env.fakes.reset();

    const sms = await post(created.body.id, {
      intent: "test_send",
      variant: "A",
      channel: "SMS",
      to: "+1 415 555 0199",
    });
    expect(sms.status).toBe(200);
    expect(sms.body).toMatchObject({ ok: true, channel: "SMS", to: "+14155550199", subject: null });
    expect(env.fakes.twilio.messages).toHaveLength(1);
    expect(env.fakes.twilio.messages[0]).toMatchObject({
      to: "+14155550199",
      from: SMS_FROM,
      body: "[Test] Hi Ada, 20% off at Threadline Demo\nReply STOP to opt out.",
      contentSid: null,
    });

    const email = await post(created.body.id, {
      intent: "test_send",
      variant: "A",
      channel: "EMAIL",
      to: "Me@Example.com",
    });
    expect(email.status).toBe(200);
    expect(env.fakes.sendgrid.mails).toHaveLength(1);
    const mail = env.fakes.sendgrid.mails[0];
    expect(mail.apiKey).toBe(SENDGRID_KEY);
    expect(mail.body.personalizations?.[0]?.to).toEqual([{ email: "me@example.com" }]);
    expect(mail.body.from?.email).toBe(FROM_EMAIL);
    expect(mail.body.subject ?? mail.body.personalizations?.[0]?.subject).toBe("[Test] News for Ada");
    expect(mail.body.content).toEqual([
      { type: "text/plain", value: "Hello Ada\n\nUnsubscribe: https://unsubscribe.example/preview" },
    ]);

    expect(await db().message.count({ where: { shopId } })).toBe(messagesBefore);
    expect(await db().campaignRecipient.count({ where: { campaignId: created.body.id } })).toBe(0);

    // Bad input never reaches a provider.
    const bad = await post(created.body.id, { intent: "test_send", variant: "A", channel: "SMS", to: "not a number" });
    expect(bad).toEqual({
      status: 400,
      body: {
        ok: false,
        error: "to: Enter a phone number in international format, e.g. +14155550123",
        fieldErrors: { to: "Enter a phone number in international format, e.g. +14155550123" },
      },
    });
    const noVariant = await post(created.body.id, {
      intent: "test_send",
      variant: "B",
      channel: "SMS",
      to: "+14155550199",
    });
    expect(noVariant.status).toBe(400);
    expect(noVariant.body.error).toBe("There is no variant B");

    // Five a minute per shop: the sixth is refused.
    for (let i = 0; i < 3; i++)
      expect(
        (await post(created.body.id, { intent: "test_send", variant: "A", channel: "SMS", to: "+14155550199" })).status,
      ).toBe(200);
    const limited = await post(created.body.id, {
      intent: "test_send",
      variant: "A",
      channel: "SMS",
      to: "+14155550199",
    });
    expect(limited).toEqual({
      status: 429,
      body: { ok: false, error: "Too many test sends: at most 5 a minute. Try again later." },
    });
    expect(env.fakes.twilio.messages).toHaveLength(4);
  });
});

describe("results", () => {
  it("GIVEN a sent A/B campaign with messages, replies, an opt-out and orders WHEN its page loads THEN each variant's counts, the total and the winner are exact", async () => {
    const sentAt = new Date(Date.now() - 10 * 86400_000);
    const hours = (h: number) => new Date(sentAt.getTime() + h * 3600_000);
    const campaign = await db().campaign.create({
      data: {
        shopId,
        name: "Results fixture",
        status: "COMPLETED",
        channels: ["SMS", "EMAIL"],
        winnerMetric: "clicked",
        content: {
          variants: [
            { key: "A", weight: 50, messages: { SMS: { body: "A" }, EMAIL: { subject: "A", body: "A" } } },
            { key: "B", weight: 50, messages: { SMS: { body: "B" }, EMAIL: { subject: "B", body: "B" } } },
          ],
        },
        startedAt: sentAt,
        resolvedAt: sentAt,
        completedAt: hours(1),
      },
    });
    let orderNo = 581_000n;
    async function recipient(
      variant: "A" | "B",
      channel: "SMS" | "EMAIL" | null,
      m: Partial<{
        deliveredAt: Date;
        openedAt: Date;
        clickedAt: Date;
        deliveryStatus: "DELIVERED" | "CLICKED" | "SENT";
      }> = {},
    ) {
      const c = await customer({ phone: "+447911123400" });
      if (!channel) {
        await db().campaignRecipient.create({
          data: {
            shopId,
            campaignId: campaign.id,
            customerId: c.id,
            variant,
            dueAt: sentAt,
            state: "SKIPPED",
            skipReason: "no_consent",
          },
        });
        return Object.assign(c, { conversationId: "" });
      }
      const { conversation } = await createConversationWithMessage(shopId, c.id, "earlier question");
      await db().message.updateMany({ where: { conversationId: conversation.id }, data: { createdAt: hours(-100) } });
      const message = await campaignMessage(campaign.id, c.id, conversation.id, {
        channel,
        body: variant,
        deliveryStatus: m.deliveryStatus ?? "DELIVERED",
        metadata: { purpose: "MARKETING" },
        createdAt: sentAt,
        sentAt,
        deliveredAt: m.deliveredAt ?? null,
        openedAt: m.openedAt ?? null,
        clickedAt: m.clickedAt ?? null,
      });
      await db().campaignRecipient.create({
        data: {
          shopId,
          campaignId: campaign.id,
          customerId: c.id,
          variant,
          channel,
          dueAt: sentAt,
          state: "SENT",
          messageId: message.id,
        },
      });
      return Object.assign(c, { conversationId: conversation.id });
    }
    const inbound = (c: { id: string; conversationId: string }, at: Date) =>
      db().message.create({
        data: {
          shopId,
          conversationId: c.conversationId,
          customerId: c.id,
          direction: "INBOUND",
          channel: "SMS",
          author: "CUSTOMER",
          body: "Do you have it in blue?",
          deliveryStatus: "RECEIVED",
          idempotencyKey: `in-${c.id}-${at.getTime()}`,
          createdAt: at,
        },
      });
    const order = (customerId: string, total: string, at: Date, cancelled = false) =>
      db().order.create({
        data: {
          shopId,
          customerId,
          shopifyOrderId: orderNo++,
          totalPrice: total,
          processedAt: at,
          cancelledAt: cancelled ? at : null,
        },
      });

    // Variant A: a delivered SMS, answered a day later, then an order 3 h after delivery (credited);
    // an email opened and clicked, then an order 2 days after the click (credited).
    const a1 = await recipient("A", "SMS", { deliveredAt: hours(0.1) });
    await inbound(a1, hours(24));
    await order(a1.id, "50.00", hours(3));
    const a2 = await recipient("A", "EMAIL", {
      deliveredAt: hours(0.1),
      openedAt: hours(1),
      clickedAt: hours(2),
      deliveryStatus: "CLICKED",
    });
    await order(a2.id, "30.00", hours(50));
    await order(a2.id, "99.00", hours(51), true); // cancelled: never credited
    // Variant B: an email delivered but never opened, an order a day later (not credited: email needs
    // an open or click) and an unsubscribe the next day; an SMS answered 6 days later (not a reply)
    // with an order 13 h after delivery (outside 12 h); an email only clicked; one skipped recipient.
    const b1 = await recipient("B", "EMAIL", { deliveredAt: hours(0.1) });
    await order(b1.id, "40.00", hours(24));
    await consent(b1.id, "EMAIL", "REVOKED", { source: "UNSUBSCRIBE_LINK", at: hours(30) });
    const b2 = await recipient("B", "SMS", { deliveredAt: hours(0) });
    await inbound(b2, hours(24 * 6));
    await order(b2.id, "25.00", hours(13));
    await recipient("B", "EMAIL", { clickedAt: hours(5), deliveryStatus: "CLICKED" });
    await recipient("B", null);
    // A customer who got nothing from the campaign orders too: not counted.
    await order((await customer()).id, "70.00", hours(5));

    const view = await page(campaign.id);

    expect(view.status).toBe(200);
    const results = view.body!.page.results!;
    expect(results.variants).toEqual([
      {
        key: "A",
        weight: 50,
        recipients: 2,
        sent: 2,
        skipped: 0,
        failed: 0,
        delivered: 2,
        opened: 1,
        clicked: 1,
        replied: 1,
        unsubscribed: 0,
        orders: 2,
        revenue: "80.00",
        metricRate: 0.5,
      },
      {
        key: "B",
        weight: 50,
        recipients: 4,
        sent: 3,
        skipped: 1,
        failed: 0,
        delivered: 3,
        opened: 1,
        clicked: 1,
        replied: 0,
        unsubscribed: 1,
        orders: 0,
        revenue: "0.00",
        metricRate: 1 / 3,
      },
    ]);
    expect(results.total).toEqual({
      recipients: 6,
      sent: 5,
      skipped: 1,
      failed: 0,
      delivered: 5,
      opened: 2,
      clicked: 2,
      replied: 1,
      unsubscribed: 1,
      orders: 2,
      revenue: "80.00",
    });
    expect(results).toMatchObject({
      winnerMetric: "clicked",
      winner: { key: "A", rate: 0.5, final: true },
      tie: false,
      currency: "USD",
    });
    expect(view.body!.page.progress).toMatchObject({
      total: 6,
      sent: 5,
      skipped: 1,
      pending: 0,
      skipReasons: { no_consent: 1 },
    });
  });

  it("GIVEN a sending campaign whose message failed in its own send job WHEN its page loads THEN the progress and the results both count that recipient failed", async () => {
    const campaign = await db().campaign.create({
      data: {
        shopId,
        name: "Settled by its own job",
        status: "SENDING",
        channels: ["SMS"],
        content: { variants: [{ key: "A", weight: 100, messages: { SMS: { body: "A" } } }] },
        startedAt: new Date(),
        resolvedAt: new Date(),
      },
    });
    const c = await customer({ phone: "+447911123499" });
    const { conversation } = await createConversationWithMessage(shopId, c.id, "earlier question");
    const message = await campaignMessage(campaign.id, c.id, conversation.id, {
      channel: "SMS",
      body: "A",
      toAddress: c.phone,
      deliveryStatus: "FAILED",
      errorCode: "21211",
    });
    // The batch left the recipient SENDING; the message's own send job recorded the failure.
    await db().campaignRecipient.create({
      data: {
        shopId,
        campaignId: campaign.id,
        customerId: c.id,
        variant: "A",
        dueAt: new Date(),
        state: "SENDING",
        channel: "SMS",
        messageId: message.id,
      },
    });

    const view = await page(campaign.id);
    expect(view.body!.page.progress).toMatchObject({ total: 1, sending: 0, failed: 1, skipReasons: { "21211": 1 } });
    expect(view.body!.page.results!.total).toMatchObject({ recipients: 1, sent: 0, failed: 1 });
  });
});

describe("lifecycle through the page and other shops", () => {
  it("GIVEN a complete draft WHEN it is scheduled, paused, resumed and cancelled from the page THEN the engine moves it and refuses what its state forbids", async () => {
    const c = await customer({ phone: "+447911123477" });
    await consent(c.id, "SMS", "GRANTED");
    const members = await segment("Lifecycle fixture", [c.id]);
    const past = await save("new", draft({ name: "Lifecycle", segmentId: members.id, sendAt: "2020-01-01T10:00" }));
    expect((await post(past.body.id, { intent: "schedule" })).body).toEqual({
      ok: false,
      error: "sendAt: Choose a time in the future",
      fieldErrors: { sendAt: "Choose a time in the future" },
    });

    const when = tomorrowAt("09:00");
    await save(past.body.id, draft({ name: "Lifecycle", segmentId: members.id, sendAt: when.local }));
    expect(await post(past.body.id, { intent: "schedule" })).toEqual({ status: 200, body: { ok: true } });
    expect(await db().campaign.findUniqueOrThrow({ where: { id: past.body.id } })).toMatchObject({
      status: "SCHEDULED",
      sendAt: when.instant,
    });
    expect((await post(past.body.id, { intent: "schedule" })).status).toBe(409);

    expect(await post(past.body.id, { intent: "pause" })).toEqual({ status: 200, body: { ok: true } });
    expect((await db().campaign.findUniqueOrThrow({ where: { id: past.body.id } })).status).toBe("PAUSED");
    expect(await post(past.body.id, { intent: "resume" })).toEqual({ status: 200, body: { ok: true } });
    expect((await db().campaign.findUniqueOrThrow({ where: { id: past.body.id } })).status).toBe("SCHEDULED");
    expect(await post(past.body.id, { intent: "cancel" })).toEqual({ status: 200, body: { ok: true } });
    expect((await db().campaign.findUniqueOrThrow({ where: { id: past.body.id } })).status).toBe("CANCELLED");
    const again = await post(past.body.id, { intent: "pause" });
    expect(again).toEqual({ status: 409, body: { ok: false, error: "A cancelled campaign cannot be paused." } });
    const unknown = await post(past.body.id, { intent: "explode" });
    expect(unknown).toEqual({ status: 400, body: { ok: false, error: "Unknown request: reload the page." } });
  });

  it("GIVEN this shop's campaign WHEN another shop's staff open, edit, estimate, test or pause it THEN every answer is 404 and nothing changes", async () => {
    const members = await segment("Private", [(await customer()).id]);
    const created = await save("new", draft({ name: "Private", segmentId: members.id }));
    const id = created.body.id as string;
    env.fakes.reset();

    expect((await page(id, OTHER_SHOP)).status).toBe(404);
    const forms: Array<Record<string, string>> = [
      { intent: "save", campaign: JSON.stringify(draft({ name: "Hijacked" })) },
      { intent: "estimate" },
      { intent: "preview", campaign: JSON.stringify(draft()) },
      { intent: "test_send", variant: "A", channel: "SMS", to: "+14155550100" },
      { intent: "send_now" },
      { intent: "pause" },
      { intent: "cancel" },
    ];
    for (const form of forms) expect((await call("action", id, { form, shop: OTHER_SHOP })).status).toBe(404);
    expect(await db().campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({
      name: "Private",
      status: "DRAFT",
      shopId,
    });
    expect(env.fakes.twilio.messages).toHaveLength(0);
    expect((await page("does-not-exist")).status).toBe(404);
  });
});
