// What one campaign batch writes, row by row (the write-cost changes of decision 0062): the message
// carries its campaign from the insert, a conversation created for it is written once with the
// message's preview, a conversation found is touched, and an accepted send settles its recipient
// in the acceptance's own transaction rather than by a later scan.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("../../app/segments/membership.server", () => ({ refreshSegmentMembers: vi.fn(async () => 0) }));

import { db } from "../../app/db/client.server";
import { scheduleCampaign } from "../../app/campaigns/engine/lifecycle.server";
import { runCampaignBatch, runCampaignStart } from "../../app/campaigns/engine/run-campaign.server";
import { closeThrottle } from "../../app/campaigns/engine/throttle.server";
import { recordAcceptedSends } from "../../app/dispatch/sends/record-accepted.server";
import { createConversationWithMessage } from "../support/factories";
import { customerWithConsent, draftCampaign, segmentOf, setShopRules } from "./campaign-support";
import { startSendingEnv, type SendingEnv } from "./sending-helpers";

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
