// Shared set-up for the campaign engine's tests: customers with consent, a segment whose members
// are inserted directly (the segments' own refresh is stubbed by each test file), a campaign, and a
// driver that runs the start and batch processors in this process until nothing is left to do.
import { db } from "../../app/db/client.server";
import type { CampaignContent } from "../../app/campaigns/content";
import type { Channel } from "../../app/generated/prisma/client";
import { runCampaignBatch, runCampaignStart } from "../../app/campaigns/engine/run-campaign.server";

let seq = 0;
export const uniquePhone = (prefix = "+1415") =>
  `${prefix}${String(5_000_000 + ((Date.now() + seq++) % 4_000_000)).padStart(7, "0")}`;

export async function customerWithConsent(
  shopId: string,
  o: {
    phone?: string | null;
    email?: string | null;
    firstName?: string;
    ianaTimezone?: string | null;
    marketing?: Partial<Record<Channel, "GRANTED" | "REVOKED">>;
  } = {},
) {
  const n = seq++;
  const customer = await db().customer.create({
    data: {
      shopId,
      firstName: o.firstName ?? "Ada",
      phone: o.phone === undefined ? uniquePhone() : o.phone,
      email: o.email === undefined ? `ada${n}-${Date.now()}@example.com` : o.email,
      ianaTimezone: o.ianaTimezone ?? null,
    },
  });
  for (const [channel, state] of Object.entries(o.marketing ?? {}))
    await db().consent.create({
      data: {
        shopId,
        customerId: customer.id,
        channel: channel as Channel,
        purpose: "MARKETING",
        state: state!,
        source: "SHOPIFY_CUSTOMER",
        occurredAt: new Date(),
      },
    });
  return customer;
}

export async function segmentOf(shopId: string, customerIds: string[]) {
  const segment = await db().segment.create({ data: { shopId, name: `Segment ${Date.now()}-${seq++}` } });
  await db().segmentMember.createMany({
    data: customerIds.map((customerId) => ({ segmentId: segment.id, customerId, shopId })),
  });
  return segment;
}

export const smsContent = (body: string): CampaignContent => ({
  variants: [{ key: "A", weight: 100, messages: { SMS: { body } } }],
});

export async function draftCampaign(
  shopId: string,
  segmentId: string,
  o: { channels?: Channel[]; content?: CampaignContent; sendMode?: string; name?: string } = {},
) {
  return db().campaign.create({
    data: {
      shopId,
      segmentId,
      name: o.name ?? "Winter sale",
      channels: o.channels ?? ["SMS"],
      content: (o.content ?? smsContent("Hi {{ customer.first_name }}, 20% off today.")) as object,
      sendMode: o.sendMode ?? "shop_time",
    },
  });
}

/** Runs the start job, then batches, until the campaign leaves SENDING or no batch makes progress. */
export async function driveCampaign(campaignId: string, maxBatches = 50) {
  await runCampaignStart(campaignId);
  for (let i = 0; i < maxBatches; i++) {
    const next = await runCampaignBatch(campaignId);
    if (next !== "next") break;
  }
  return db().campaign.findUniqueOrThrow({ where: { id: campaignId } });
}

export const recipientsOf = (campaignId: string) =>
  db().campaignRecipient.findMany({ where: { campaignId }, orderBy: { createdAt: "asc" } });

/** Shop.settings with quiet hours off (start = end) unless given, and a cap of 1 per 24 h. */
export async function setShopRules(
  shopId: string,
  o: { quietHours?: { start: string; end: string }; campaignSendRates?: Record<string, number> } = {},
) {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
  await db().shop.update({
    where: { id: shopId },
    data: {
      settings: {
        ...(shop.settings as object),
        quietHours: o.quietHours ?? { start: "00:00", end: "00:00" },
        frequencyCap: { maxPerWindow: 1, windowHours: 24 },
        ...(o.campaignSendRates ? { campaignSendRates: o.campaignSendRates } : {}),
      },
    },
  });
}
