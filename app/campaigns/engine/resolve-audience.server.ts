// Resolving a campaign's audience, once: the segment is refreshed, then one INSERT … SELECT turns
// its members into CampaignRecipient rows (the (campaignId, customerId) key makes a second run a
// no-op), each with its A/B variant and its due time, and the campaign becomes SENDING with
// resolvedAt and audienceCount in the same transaction. A crash before the commit leaves the
// campaign SCHEDULED with no recipients, and the start job (or the reconciler) runs it again.
import { Prisma } from "../../generated/prisma/client";
import { db } from "../../db/client.server";
import { logger } from "../../lib/logger.server";
import { isValidTimeZone } from "../../flows/quiet-hours";
import { refreshSegmentMembers } from "../../segments/membership.server";
import { readCampaignContent } from "../content";
import { sendModeOf } from "./start-time";
import { variantBounds } from "./variant-buckets";

export type ResolveOutcome = "resolved" | "already-resolved" | "not-scheduled" | "no-segment";

export async function resolveCampaignAudience(campaignId: string, now: Date = new Date()): Promise<ResolveOutcome> {
  const campaign = await db().campaign.findUnique({
    where: { id: campaignId },
    include: { shop: { select: { ianaTimezone: true } } },
  });
  if (!campaign) return "not-scheduled";
  if (campaign.resolvedAt) return "already-resolved";
  if (campaign.status !== "SCHEDULED") return "not-scheduled";
  if (!campaign.segmentId) return "no-segment";

  // The segment as it is now (segments helper; its rows are the audience).
  await refreshSegmentMembers(campaign.shopId, campaign.segmentId);

  const bounds = variantBounds(readCampaignContent(campaign.content).variants);
  const variantSql =
    bounds.length === 0
      ? Prisma.sql`'A'`
      : Prisma.sql`CASE ${Prisma.join(
          bounds.map((b) => Prisma.sql`WHEN v.bucket < ${b.below} THEN ${b.key}`),
          " ",
        )} END`;
  const shopZone = isValidTimeZone(campaign.shop.ianaTimezone) ? campaign.shop.ianaTimezone : "UTC";
  const sendAt = campaign.sendAt ?? now;
  // recipient_time: sendAt's wall clock in the shop's zone, at that wall clock in the customer's zone
  // (Customer.ianaTimezone when PostgreSQL knows it, else the shop's). Stored as UTC like every column.
  const dueSql =
    sendModeOf(campaign.sendMode) === "recipient_time"
      ? Prisma.sql`((((${sendAt}::timestamptz AT TIME ZONE ${shopZone}) AT TIME ZONE COALESCE(tz.name, ${shopZone}))) AT TIME ZONE 'UTC')::timestamp(3)`
      : Prisma.sql`(${now}::timestamptz AT TIME ZONE 'UTC')::timestamp(3)`;

  const started = Date.now();
  const count = await db().$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ status: string; resolvedAt: Date | null }[]>`
        SELECT "status", "resolvedAt" FROM "Campaign" WHERE "id" = ${campaignId} FOR UPDATE`;
      if (!locked || locked.resolvedAt || locked.status !== "SCHEDULED") return null;
      const inserted = await tx.$executeRaw`
        INSERT INTO "CampaignRecipient" ("id", "shopId", "campaignId", "customerId", "variant", "dueAt", "state", "createdAt", "updatedAt")
        SELECT gen_random_uuid()::text, ${campaign.shopId}, ${campaignId}, v."customerId", ${variantSql}, ${dueSql}, 'PENDING', now(), now()
          FROM (
            SELECT sm."customerId", c."ianaTimezone",
                   mod(abs(hashtext(${campaignId} || ':' || sm."customerId")::bigint), 100) AS bucket
              FROM "SegmentMember" sm
              JOIN "Customer" c ON c."id" = sm."customerId" AND c."shopId" = ${campaign.shopId}
             WHERE sm."segmentId" = ${campaign.segmentId} AND sm."shopId" = ${campaign.shopId}
               AND c."mergedIntoId" IS NULL AND c."redactedAt" IS NULL
          ) v
          LEFT JOIN (SELECT "name" FROM pg_timezone_names) tz ON tz."name" = v."ianaTimezone"
        ON CONFLICT ("campaignId", "customerId") DO NOTHING`;
      const total = await tx.campaignRecipient.count({ where: { campaignId } });
      await tx.campaign.update({
        where: { id: campaignId },
        data: { status: "SENDING", resolvedAt: now, startedAt: now, audienceCount: total },
      });
      logger.info({ campaignId, inserted, total, ms: Date.now() - started }, "campaign audience resolved");
      return total;
    },
    { maxWait: 15_000, timeout: 120_000 },
  );
  return count === null ? "not-scheduled" : "resolved";
}
