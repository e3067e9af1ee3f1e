// The campaign engine against the vendor stand-ins: audience resolution (variants, recipient-time
// due times), the per-recipient rules (channel fallback, consent, quiet hours, the frequency cap),
// the exact bodies the providers receive (the US opt-out line, WhatsApp's approved template),
// pause / resume / cancel, the per-sender throttle measured at the Twilio stand-in, shop scoping, and
// what one batch writes (decision 0062: the message complete at its insert, a new conversation
// written once with its preview, the recipient settled with the provider's acceptance).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The segment's members are inserted by each test; the segments' own rebuild is not under test here.
vi.mock("../../app/segments/membership.server", () => ({ refreshSegmentMembers: vi.fn(async () => 0) }));

import { db } from "../../app/db/client.server";
import {
  campaignProgress,
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
} from "../../app/campaigns/engine/lifecycle.server";
import { CampaignNotFoundError, CampaignStateError } from "../../app/campaigns/engine/errors";
import { runCampaignBatch, runCampaignStart } from "../../app/campaigns/engine/run-campaign.server";
import { closeThrottle } from "../../app/campaigns/engine/throttle.server";
import { recordAcceptedSends } from "../../app/dispatch/sends/record-accepted.server";
import { getQueue } from "../../app/jobs/enqueue.server";
import { QUEUE } from "../../app/jobs/queues.server";
import { createConversationWithMessage, createShop } from "../support/factories";
import {
  customerWithConsent,
  draftCampaign,
  driveCampaign,
  recipientsOf,
  segmentOf,
  setShopRules,
  smsContent,
} from "./campaign-support";
import { FROM_EMAIL, startSendingEnv, WHATSAPP_FROM, type SendingEnv } from "./sending-helpers";

const CONTENT_SID = `HX${"ab".repeat(16)}`;
let env: SendingEnv;

beforeAll(async () => {
  env = await startSendingEnv();
  await setShopRules(env.shopId);
});
afterAll(async () => {
  closeThrottle();
  await env?.close();
});
beforeEach(() => env.fakes.reset());

const smsTo = (phone: string) => env.fakes.twilio.messages.filter((m) => m.to === phone);

describe("channel fallback and consent", () => {
  it("GIVEN WhatsApp, SMS, email in that order WHEN customers differ in consent THEN each gets the first allowed channel, or is skipped with the reason", async () => {
    // A: SMS marketing from Shopify, which also allows WhatsApp to that number → WhatsApp, by template.
    const a = await customerWithConsent(env.shopId, { firstName: "Ann", marketing: { SMS: "GRANTED" } });
    // B: opted out of SMS (so not WhatsApp either), subscribed to email → email.
    const b = await customerWithConsent(env.shopId, {
      firstName: "Bo",
      marketing: { SMS: "REVOKED", EMAIL: "GRANTED" },
    });
    // C: never subscribed to anything → no_consent. D: unsubscribed, no email address → opted_out.
    const c = await customerWithConsent(env.shopId, { firstName: "Cy" });
    const d = await customerWithConsent(env.shopId, { firstName: "Di", email: null, marketing: { SMS: "REVOKED" } });
    const segment = await segmentOf(env.shopId, [a.id, b.id, c.id, d.id]);
    const campaign = await draftCampaign(env.shopId, segment.id, {
      channels: ["WHATSAPP", "SMS", "EMAIL"],
      content: {
        variants: [
          {
            key: "A",
            weight: 100,
            messages: {
              WHATSAPP: { body: "Hi {{ customer.first_name }}, sale on WhatsApp", whatsappContentSid: CONTENT_SID },
              SMS: { body: "Hi {{ customer.first_name }}, sale by SMS" },
              EMAIL: {
                subject: "Sale for {{ customer.first_name }}",
                body: "Hi {{ customer.first_name }}, sale by email",
              },
            },
          },
        ],
      },
    });

    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    const done = await driveCampaign(campaign.id);

    expect(done.status).toBe("COMPLETED");
    expect(done.audienceCount).toBe(4);
    const whatsapp = env.fakes.twilio.messages.filter((m) => m.to === `whatsapp:${a.phone}`);
    expect(whatsapp).toHaveLength(1);
    expect(whatsapp[0].from).toBe(`whatsapp:${WHATSAPP_FROM}`);
    expect(whatsapp[0].contentSid).toBe(CONTENT_SID);
    expect(JSON.parse(whatsapp[0].contentVariables!)).toMatchObject({ "1": "Ann" });
    const mails = env.fakes.sendgrid.mails.filter((m) => m.body.personalizations?.[0]?.to?.[0]?.email === b.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].body.from).toMatchObject({ email: FROM_EMAIL });
    expect(mails[0].body.subject).toBe("Sale for Bo");
    expect(mails[0].body.headers?.["List-Unsubscribe"]).toMatch(/unsubscribe/);
    expect(smsTo(c.phone!)).toHaveLength(0);
    expect(smsTo(d.phone!)).toHaveLength(0);
    expect(env.fakes.twilio.messages).toHaveLength(1);

    const rows = await recipientsOf(campaign.id);
    const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
    expect(byCustomer.get(a.id)).toMatchObject({ state: "SENT", channel: "WHATSAPP" });
    expect(byCustomer.get(b.id)).toMatchObject({ state: "SENT", channel: "EMAIL" });
    expect(byCustomer.get(c.id)).toMatchObject({ state: "SKIPPED", skipReason: "no_consent", messageId: null });
    expect(byCustomer.get(d.id)).toMatchObject({ state: "SKIPPED", skipReason: "opted_out", messageId: null });
    expect(await campaignProgress(env.shopId, campaign.id)).toEqual({
      total: 4,
      pending: 0,
      sending: 0,
      sent: 2,
      skipped: 2,
      failed: 0,
      cancelled: 0,
      skipReasons: { no_consent: 1, opted_out: 1 },
    });
  });
});

describe("what the provider receives", () => {
  it("GIVEN a US (+1) number WHEN the SMS goes out THEN the body ends with the opt-out line; a non-US number and a body that already says how to stop are sent as written", async () => {
    const us = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const uk = await customerWithConsent(env.shopId, { phone: "+447700900123", marketing: { SMS: "GRANTED" } });
    const segment = await segmentOf(env.shopId, [us.id, uk.id]);
    const plain = await draftCampaign(env.shopId, segment.id);
    await scheduleCampaign(env.shopId, plain.id, { sendAt: null });
    await driveCampaign(plain.id);

    expect(smsTo(us.phone!).map((m) => m.body)).toEqual(["Hi Ada, 20% off today.\nReply STOP to opt out."]);
    expect(smsTo(uk.phone!).map((m) => m.body)).toEqual(["Hi Ada, 20% off today."]);

    // The message row is the claim: keyed per campaign and customer, tied to the campaign, on the
    // customer's conversation, with a timeline entry naming the campaign.
    const message = await db().message.findFirstOrThrow({ where: { customerId: us.id, campaignId: plain.id } });
    expect(message).toMatchObject({
      idempotencyKey: `campaign:${plain.id}:${us.id}`,
      author: "FLOW",
      authorName: "Winter sale",
      channel: "SMS",
      body: "Hi Ada, 20% off today.\nReply STOP to opt out.",
    });
    expect(message.deliveryStatus).not.toBe("PENDING");
    const recipient = await db().campaignRecipient.findFirstOrThrow({
      where: { campaignId: plain.id, customerId: us.id },
    });
    expect(recipient.messageId).toBe(message.id);
    const event = await db().timelineEvent.findFirstOrThrow({ where: { messageId: message.id } });
    expect(event.title).toBe("SMS sent by campaign “Winter sale”");
    expect(event.data).toMatchObject({ campaignId: plain.id, campaignName: "Winter sale" });

    env.fakes.reset();
    const again = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const own = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [again.id])).id, {
      content: smsContent("Sale today. Text STOP to unsubscribe."),
    });
    await scheduleCampaign(env.shopId, own.id, { sendAt: null });
    await driveCampaign(own.id);
    expect(smsTo(again.phone!).map((m) => m.body)).toEqual(["Sale today. Text STOP to unsubscribe."]);
  });

  it("GIVEN the start job runs twice WHEN the campaign is dispatched THEN the audience is resolved once and each customer gets one message", async () => {
    const one = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [one.id])).id);
    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    await runCampaignStart(campaign.id);
    await runCampaignStart(campaign.id);
    await driveCampaign(campaign.id);
    await runCampaignBatch(campaign.id);
    expect(await db().campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(1);
    expect(smsTo(one.phone!)).toHaveLength(1);
  });
});

describe("quiet hours and the frequency cap", () => {
  it("GIVEN the recipient's local time is inside quiet hours WHEN the batch runs THEN nothing is sent and the recipient waits until the window opens", async () => {
    const now = new Date();
    const hour = (h: number) => `${String((now.getUTCHours() + h) % 24).padStart(2, "0")}:00`;
    // Sending allowed only from two hours from now (UTC) for one hour.
    await setShopRules(env.shopId, { quietHours: { start: hour(2), end: hour(3) } });
    try {
      const night = await customerWithConsent(env.shopId, { ianaTimezone: "UTC", marketing: { SMS: "GRANTED" } });
      const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [night.id])).id);
      await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
      const after = await driveCampaign(campaign.id);

      expect(after.status).toBe("SENDING");
      expect(smsTo(night.phone!)).toHaveLength(0);
      const [recipient] = await recipientsOf(campaign.id);
      expect(recipient.state).toBe("PENDING");
      const opens = new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours() + 2),
      );
      expect(recipient.dueAt.toISOString()).toBe(opens.toISOString());
      // A batch job waits for that moment.
      const delayed = await getQueue(QUEUE.campaigns).getDelayed();
      expect(delayed.some((j) => j.data.campaignId === campaign.id)).toBe(true);
      await cancelCampaign(env.shopId, campaign.id);
    } finally {
      await setShopRules(env.shopId);
    }
  });

  it("GIVEN a marketing message went to the customer an hour ago (cap 1 per 24 h) WHEN the campaign runs THEN that recipient is skipped as capped", async () => {
    const capped = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const free = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const conversation = await db().conversation.create({
      data: { shopId: env.shopId, customerId: capped.id, replyToken: `rt${Date.now()}`, status: "RESOLVED" },
    });
    await db().message.create({
      data: {
        shopId: env.shopId,
        conversationId: conversation.id,
        customerId: capped.id,
        direction: "OUTBOUND",
        channel: "SMS",
        author: "FLOW",
        body: "Your cart is waiting",
        deliveryStatus: "DELIVERED",
        idempotencyKey: `earlier:${capped.id}`,
        metadata: { purpose: "MARKETING" },
        createdAt: new Date(Date.now() - 3600_000),
        sentAt: new Date(Date.now() - 3600_000),
      },
    });
    const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [capped.id, free.id])).id);
    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    const done = await driveCampaign(campaign.id);

    expect(done.status).toBe("COMPLETED");
    expect(smsTo(capped.phone!)).toHaveLength(0);
    expect(smsTo(free.phone!)).toHaveLength(1);
    const progress = await campaignProgress(env.shopId, campaign.id);
    expect(progress).toMatchObject({ sent: 1, skipped: 1, skipReasons: { capped: 1 } });
  });
});

describe("pause, resume and cancel", () => {
  it("GIVEN a sending campaign WHEN it is paused THEN no batch picks anyone; WHEN resumed THEN everyone gets exactly one message", async () => {
    const people = await Promise.all(
      [1, 2, 3].map(() => customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } })),
    );
    const campaign = await draftCampaign(
      env.shopId,
      (
        await segmentOf(
          env.shopId,
          people.map((p) => p.id),
        )
      ).id,
    );
    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    await runCampaignStart(campaign.id);
    expect((await pauseCampaign(env.shopId, campaign.id)).status).toBe("PAUSED");

    expect(await runCampaignBatch(campaign.id)).toBe("idle");
    expect(env.fakes.twilio.messages).toHaveLength(0);
    expect((await campaignProgress(env.shopId, campaign.id)).pending).toBe(3);
    await expect(pauseCampaign(env.shopId, campaign.id)).rejects.toBeInstanceOf(CampaignStateError);

    expect((await resumeCampaign(env.shopId, campaign.id)).status).toBe("SENDING");
    for (let i = 0; i < 5 && (await runCampaignBatch(campaign.id)) === "next"; i++);
    for (const p of people) expect(smsTo(p.phone!)).toHaveLength(1);
    expect((await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("COMPLETED");
  });

  it("GIVEN a resolved campaign WHEN it is cancelled THEN its pending recipients are CANCELLED, nothing is sent and it cannot be resumed", async () => {
    const people = await Promise.all(
      [1, 2].map(() => customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } })),
    );
    const campaign = await draftCampaign(
      env.shopId,
      (
        await segmentOf(
          env.shopId,
          people.map((p) => p.id),
        )
      ).id,
    );
    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    await runCampaignStart(campaign.id);
    const cancelled = await cancelCampaign(env.shopId, campaign.id);

    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(await runCampaignBatch(campaign.id)).toBe("idle");
    expect(env.fakes.twilio.messages).toHaveLength(0);
    expect(await campaignProgress(env.shopId, campaign.id)).toMatchObject({ total: 2, cancelled: 2, pending: 0 });
    await expect(resumeCampaign(env.shopId, campaign.id)).rejects.toBeInstanceOf(CampaignStateError);
    await expect(cancelCampaign(env.shopId, campaign.id)).rejects.toBeInstanceOf(CampaignStateError);
  });

  it("GIVEN a scheduled campaign WHEN it is cancelled before its time THEN its start job is gone and nobody is resolved", async () => {
    const p = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [p.id])).id);
    const scheduled = await scheduleCampaign(env.shopId, campaign.id, { sendAt: new Date(Date.now() + 3600_000) });
    expect(scheduled.status).toBe("SCHEDULED");
    expect(await getQueue(QUEUE.campaigns).getJob(`campaign-start-${campaign.id}`)).toBeDefined();
    await cancelCampaign(env.shopId, campaign.id);
    expect(await getQueue(QUEUE.campaigns).getJob(`campaign-start-${campaign.id}`)).toBeUndefined();
    expect(await runCampaignStart(campaign.id)).toBe("noop");
    expect(await db().campaignRecipient.count({ where: { campaignId: campaign.id } })).toBe(0);
  });
});

describe("sending at the recipient's own time", () => {
  it("GIVEN recipient_time at 10:00 shop time (Los Angeles) WHEN the audience is resolved THEN each recipient is due at 10:00 in their own zone, the shop's zone when unknown", async () => {
    const shop = await createShop({ domain: `la-${Date.now()}.myshopify.com` });
    await db().shop.update({ where: { id: shop.id }, data: { ianaTimezone: "America/Los_Angeles" } });
    const ny = await customerWithConsent(shop.id, { ianaTimezone: "America/New_York" });
    const paris = await customerWithConsent(shop.id, { ianaTimezone: "Europe/Paris" });
    const unknown = await customerWithConsent(shop.id, { ianaTimezone: "Mars/Olympus_Mons" });
    const campaign = await draftCampaign(shop.id, (await segmentOf(shop.id, [ny.id, paris.id, unknown.id])).id, {
      sendMode: "recipient_time",
    });
    const sendAt = new Date("2027-01-15T18:00:00Z"); // 10:00 in Los Angeles (PST)
    await scheduleCampaign(shop.id, campaign.id, { sendAt });
    // The start job runs 26 h ahead, when the earliest zone could already be due.
    const start = await getQueue(QUEUE.campaigns).getJob(`campaign-start-${campaign.id}`);
    expect(start!.delay).toBeGreaterThan(0);
    expect(await runCampaignStart(campaign.id, new Date("2027-01-14T16:00:00Z"))).toBe("resolved");

    const due = new Map((await recipientsOf(campaign.id)).map((r) => [r.customerId, r.dueAt.toISOString()]));
    expect(due.get(ny.id)).toBe("2027-01-15T15:00:00.000Z");
    expect(due.get(paris.id)).toBe("2027-01-15T09:00:00.000Z");
    expect(due.get(unknown.id)).toBe("2027-01-15T18:00:00.000Z");
    await cancelCampaign(shop.id, campaign.id);
  });

  it("GIVEN two variants 50/50 WHEN the audience is resolved THEN each customer gets one variant, the same on every resolution", async () => {
    const people = await Promise.all(Array.from({ length: 30 }, () => customerWithConsent(env.shopId)));
    const segment = await segmentOf(
      env.shopId,
      people.map((p) => p.id),
    );
    const content = {
      variants: [
        { key: "A", weight: 50, messages: { SMS: { body: "A" } } },
        { key: "B", weight: 50, messages: { SMS: { body: "B" } } },
      ],
    };
    const first = await draftCampaign(env.shopId, segment.id, { content });
    await scheduleCampaign(env.shopId, first.id, { sendAt: new Date(Date.now() + 3600_000) });
    await db().campaign.update({ where: { id: first.id }, data: { sendAt: new Date() } });
    await runCampaignStart(first.id);
    const variants = (await recipientsOf(first.id)).map((r) => r.variant);
    expect(new Set(variants)).toEqual(new Set(["A", "B"]));
    await cancelCampaign(env.shopId, first.id);
  });
});

describe("throttling", () => {
  it("GIVEN an SMS sender limited to 2 messages a second WHEN 6 recipients are sent THEN the Twilio stand-in receives them at least 0.5 s apart", async () => {
    await setShopRules(env.shopId, { campaignSendRates: { SMS: 2 } });
    try {
      const people = await Promise.all(
        Array.from({ length: 6 }, () => customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } })),
      );
      const campaign = await draftCampaign(
        env.shopId,
        (
          await segmentOf(
            env.shopId,
            people.map((p) => p.id),
          )
        ).id,
      );
      await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
      const done = await driveCampaign(campaign.id);

      expect(done.status).toBe("COMPLETED");
      const times = env.fakes.twilio.messages.map((m) => m.dateCreated.getTime()).sort((x, y) => x - y);
      expect(times).toHaveLength(6);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      // The bucket's clock is Redis's; the stand-in's is this process's: allow a little jitter.
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(450);
      expect(times[5] - times[0]).toBeGreaterThanOrEqual(2400);
    } finally {
      await setShopRules(env.shopId);
    }
  }, 30_000);
});

describe("shop scoping", () => {
  it("GIVEN another shop's campaign id WHEN any lifecycle function or progress is asked THEN it is not found and the campaign is untouched", async () => {
    const other = await createShop({ domain: `other-${Date.now()}.myshopify.com` });
    const p = await customerWithConsent(other.id, { marketing: { SMS: "GRANTED" } });
    const theirs = await draftCampaign(other.id, (await segmentOf(other.id, [p.id])).id);
    for (const call of [
      () => scheduleCampaign(env.shopId, theirs.id, { sendAt: null }),
      () => pauseCampaign(env.shopId, theirs.id),
      () => resumeCampaign(env.shopId, theirs.id),
      () => cancelCampaign(env.shopId, theirs.id),
      () => campaignProgress(env.shopId, theirs.id),
    ])
      await expect(call()).rejects.toBeInstanceOf(CampaignNotFoundError);
    expect((await db().campaign.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("DRAFT");
  });

  it("GIVEN a draft with no channel message for its channels WHEN it is scheduled THEN it is refused with the reason", async () => {
    const p = await customerWithConsent(env.shopId);
    const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [p.id])).id, { channels: ["EMAIL"] });
    await expect(scheduleCampaign(env.shopId, campaign.id, { sendAt: null })).rejects.toThrow(
      "Variant A has no message for the campaign's channels.",
    );
  });
});

describe("one campaign batch", () => {
  it("GIVEN one customer with an open conversation and one with none WHEN a batch sends THEN the new conversation is written with the message's preview, the open one is touched, and both messages carry the campaign", async () => {
    const known = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const { conversation: open } = await createConversationWithMessage(env.shopId, known.id, "Where is my order?");
    const fresh = await customerWithConsent(env.shopId, { firstName: "Bea", marketing: { SMS: "GRANTED" } });
    const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [known.id, fresh.id])).id);
    await scheduleCampaign(env.shopId, campaign.id, { sendAt: null });
    await runCampaignStart(campaign.id);
    expect(await runCampaignBatch(campaign.id)).toBe("completed");

    const messages = await db().message.findMany({ where: { shopId: env.shopId, campaignId: campaign.id } });
    expect(messages.map((m) => m.customerId).sort()).toEqual([known.id, fresh.id].sort());
    expect(messages.every((m) => m.deliveryStatus === "QUEUED" && m.providerMessageId?.startsWith("SM"))).toBe(true);

    const toKnown = messages.find((m) => m.customerId === known.id)!;
    expect(toKnown.conversationId).toBe(open.id);
    const touched = await db().conversation.findUniqueOrThrow({ where: { id: open.id } });
    expect(touched.lastMessagePreview).toBe(toKnown.body.slice(0, 200));
    expect(touched.status).toBe("OPEN");

    const toFresh = messages.find((m) => m.customerId === fresh.id)!;
    const created = await db().conversation.findUniqueOrThrow({ where: { id: toFresh.conversationId } });
    expect(created).toMatchObject({
      customerId: fresh.id,
      status: "RESOLVED",
      lastMessagePreview: "Hi Bea, 20% off today.\nReply STOP to opt out.",
    });
    expect(created.lastActivityAt.getTime()).toBe(toFresh.createdAt.getTime());
    expect(await db().conversation.count({ where: { customerId: fresh.id } })).toBe(1);
  });
});

describe("recording a batch's acceptances", () => {
  it("GIVEN a campaign recipient SENDING with its message WHEN the provider's acceptance is recorded THEN the recipient is SENT in the same write, and a recipient of a message recorded elsewhere is left to the settle", async () => {
    const a = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const b = await customerWithConsent(env.shopId, { marketing: { SMS: "GRANTED" } });
    const campaign = await draftCampaign(env.shopId, (await segmentOf(env.shopId, [a.id, b.id])).id);
    const conversation = await db().conversation.create({
      data: { shopId: env.shopId, customerId: a.id, replyToken: `tok-${campaign.id}`, status: "RESOLVED" },
    });
    const messageOf = (customerId: string, status: "PENDING" | "DELIVERED") =>
      db().message.create({
        data: {
          shopId: env.shopId,
          conversationId: conversation.id,
          customerId,
          direction: "OUTBOUND",
          channel: "SMS",
          author: "FLOW",
          body: "Hi",
          toAddress: "+12025550143",
          deliveryStatus: status,
          idempotencyKey: `campaign:${campaign.id}:${customerId}`,
          campaignId: campaign.id,
          metadata: { purpose: "MARKETING" },
          sendAttemptedAt: new Date(),
        },
      });
    const pending = await messageOf(a.id, "PENDING");
    // A status callback got there first: the acceptance is not this batch's to write.
    const movedOn = await messageOf(b.id, "DELIVERED");
    for (const [customerId, message] of [
      [a.id, pending],
      [b.id, movedOn],
    ] as const)
      await db().campaignRecipient.create({
        data: {
          shopId: env.shopId,
          campaignId: campaign.id,
          customerId,
          variant: "A",
          dueAt: new Date(),
          state: "SENDING",
          channel: "SMS",
          messageId: message.id,
        },
      });

    await recordAcceptedSends([
      { message: pending, providerMessageId: "SMaaa", status: "QUEUED", from: "+15005550006" },
      { message: movedOn, providerMessageId: "SMbbb", status: "QUEUED", from: "+15005550006" },
    ]);

    const recipients = await db().campaignRecipient.findMany({
      where: { campaignId: campaign.id },
      select: { customerId: true, state: true },
    });
    expect(recipients.find((r) => r.customerId === a.id)?.state).toBe("SENT");
    expect(recipients.find((r) => r.customerId === b.id)?.state).toBe("SENDING");
    expect(await db().message.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      deliveryStatus: "QUEUED",
      providerMessageId: "SMaaa",
    });
    expect((await db().message.findUniqueOrThrow({ where: { id: movedOn.id } })).deliveryStatus).toBe("DELIVERED");
  });
});
