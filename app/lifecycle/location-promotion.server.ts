// Location promotions (docs/decisions/0061): marketable Shopify customers in the promotion's area
// (a listed country, a listed region, or within a distance of a point), and in its segment when it
// has one, enter once per promotion; each message carries the recipient's own discount code,
// created through the Admin API for that customer only. A run stops when its promotion was renamed
// or the customer no longer matches the area or segment.
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { lifecycleSettingsSchemas } from "../flows/lifecycle/settings";
import { runDiscount } from "./discount-for-run.server";
import { enrolCandidates, MARKETABLE, MAX_ENROL_PER_SWEEP, notActiveIn } from "./enrol.server";
import type { LifecycleFlow, LifecycleRun } from "./lifecycle-flow";
import {
  hasArea,
  locationTriggerKey,
  locationTriggerPrefix,
  promotionKey,
  promotionOfTriggerKey,
  type LocationPromotionSettings,
} from "./location-area";
import { customersInArea, inSegment } from "./location-candidates.server";

function settingsOf(run: LifecycleRun): LocationPromotionSettings {
  const raw = run.settings && typeof run.settings === "object" && !Array.isArray(run.settings) ? run.settings : {};
  return lifecycleSettingsSchemas.LOCATION_PROMOTION.parse(raw);
}

/** SQL: the customer (alias c) has no run of this promotion yet, whatever its outcome. */
function notInPromotion(flowId: string, promotion: string): Prisma.Sql {
  return Prisma.sql`NOT EXISTS (SELECT 1 FROM "FlowRun" r
   WHERE r."flowId" = ${flowId} AND r."triggerKey" = ${locationTriggerPrefix(promotion)} || c."id")`;
}

async function isSegmentMember(shopId: string, segmentId: string, customerId: string): Promise<boolean> {
  const member = await db().segmentMember.findFirst({
    where: { shopId, segmentId, customerId },
    select: { segmentId: true },
  });
  return member !== null;
}

export const locationPromotion: LifecycleFlow<"LOCATION_PROMOTION"> = {
  kind: "LOCATION_PROMOTION",

  async enrol(flow, now) {
    const settings = flow.settings;
    if (!hasArea(settings)) return 0;
    const promotion = promotionKey(settings);
    const filters = [
      // The code is limited to one Shopify customer: a contact Shopify does not know cannot have one.
      Prisma.sql`c."shopifyCustomerId" IS NOT NULL`,
      MARKETABLE,
      notActiveIn(flow.id),
      notInPromotion(flow.id, promotion),
      ...(settings.segmentId ? [inSegment(flow.shopId, settings.segmentId)] : []),
    ];
    const customers = await customersInArea(flow.shopId, settings, Prisma.join(filters, " AND "), MAX_ENROL_PER_SWEEP);
    return enrolCandidates(
      flow,
      customers.map((c) => ({
        customerId: c.customerId,
        triggerKey: locationTriggerKey(promotion, c.customerId),
        anchor: now,
      })),
      now,
    );
  },

  async stopReason(run) {
    const settings = settingsOf(run);
    const current = promotionKey(settings);
    const own = promotionOfTriggerKey(run.triggerKey, run.customerId);
    if (own !== null && own !== current) {
      return `The promotion was renamed ("${own}" is now "${current}"); customers who match enter the new one.`;
    }
    if (!hasArea(settings)) return "The promotion no longer has an area (no country, region or distance).";
    if (settings.segmentId && !(await isSegmentMember(run.shopId, settings.segmentId, run.customerId))) {
      return "The customer is no longer in the promotion's segment.";
    }
    const matching = await customersInArea(run.shopId, settings, Prisma.sql`c."id" = ${run.customerId}`, 1);
    return matching.length ? null : "The customer is no longer in the promotion's area.";
  },

  async templateExtras(run, now) {
    const settings = settingsOf(run);
    return runDiscount(
      {
        runId: run.id,
        shopId: run.shopId,
        customerId: run.customerId,
        promotion: promotionOfTriggerKey(run.triggerKey, run.customerId) ?? promotionKey(settings),
        percent: settings.discountPercent,
        validDays: settings.discountValidDays,
      },
      now,
    );
  },

  sampleExtras(shopUrl) {
    const url = shopUrl.replace(/\/+$/, "");
    return {
      discount: {
        code: "SAMPLE-7Q2K9",
        percent: 10,
        ends_at: new Date(Date.UTC(2030, 0, 15)).toISOString(),
        url: `${url}/discount/SAMPLE-7Q2K9`,
      },
    };
  },
};
