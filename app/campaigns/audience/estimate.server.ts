// The audience estimate shown before Schedule / Send now: what would happen to each member of the
// campaign's segment if it went out at the chosen time. One set-based statement over SegmentMember
// decides reachability, marketing consent (app/consent/effective-consent.server.ts, in SQL), the
// fallback channel and the frequency cap; the statement returns rows grouped by outcome and by what
// decides a recipient's zone, and the quiet-hours check runs per group here (time zones need Intl).
//
// Definitions (README "Campaigns: audience estimate"):
// - members: customers in the segment now.
// - reachable on a channel: not erased or merged away, an address for it (email; phone; a WhatsApp
//   identity or the phone) and the shop has that channel connected.
// - consented on a channel: marketing consent as every automated send asks (a GRANTED marketing row,
//   no opt-out of all messages; WhatsApp also through Shopify-collected SMS consent).
// - channel: the first of the campaign's channels, in its fallback order, that is reachable and consented.
// - skipped, no reachable channel: reachable on none of the campaign's channels.
// - skipped, no consent: reachable on one at least, consented on none of those.
// - skipped, capped: the frequency cap is full now on the chosen channel (marketing messages of
//   flows and campaigns in the shop's sliding window, Shop.settings.frequencyCap).
// - will receive: the others; delayed by quiet hours: of those, the ones whose send time falls
//   outside the shop's quiet-hours window in their own zone (delayed to its start, never dropped).
import { db } from "../../db/client.server";
import { Prisma } from "../../generated/prisma/client";
import { shopChannels } from "../../flow-runs/step-facts.server";
import { instantOfWallClock, isValidTimeZone, nextAllowedTime, wallClockAt } from "../../flows/quiet-hours";
import { recipientTimezone } from "../../flows/recipient-timezone";
import { shopMessagingSettings } from "../../flows/shop-settings";
import { MARKETING_FLOW_KINDS } from "../../kpis/marketing-sql.server";
import { at } from "../../kpis/sql.server";
import type { CampaignChannel } from "../content";

export interface AudienceEstimate {
  members: number;
  willReceive: number;
  delayedByQuietHours: number;
  skipped: { noConsent: number; noReachableChannel: number; capped: number };
  /** Per campaign channel, in fallback order. */
  channels: Array<{
    channel: CampaignChannel;
    connected: boolean;
    reachable: number;
    consented: number;
    chosen: number;
  }>;
  /** The instant the estimate assumed (shop time: sendAt or now). */
  sendAt: string;
  sendMode: "shop_time" | "recipient_time";
  quietHours: { start: string; end: string };
  frequencyCap: { maxPerWindow: number; windowHours: number };
  computedAt: string;
}

export interface EstimateInput {
  segmentId: string;
  channels: CampaignChannel[];
  sendMode: "shop_time" | "recipient_time";
  sendAt: Date | null;
}

interface GroupRow {
  outcome: "send" | "capped" | "no_consent" | "no_channel";
  chosen: CampaignChannel | null;
  country: string | null;
  province: string | null;
  phone: string | null;
  tz: string | null;
  n: number;
  reach_sms: number;
  reach_whatsapp: number;
  reach_email: number;
  ok_sms: number;
  ok_whatsapp: number;
  ok_email: number;
}

const COLUMN: Record<CampaignChannel, string> = { SMS: "sms", WHATSAPP: "whatsapp", EMAIL: "email" };

// Messages claimed longer ago than this are never still waiting for their provider's answer: bounding
// createdAt lets the (customerId, channel, direction, createdAt) index find the window's messages.
const CLAIM_TO_SEND_MAX_DAYS = 7;

export async function estimateAudience(
  shopId: string,
  input: EstimateInput,
  now = new Date(),
): Promise<AudienceEstimate> {
  const [shop, { connected }] = await Promise.all([
    db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true, settings: true } }),
    shopChannels(shopId),
  ]);
  const settings = shopMessagingSettings(shop.settings);
  const cap = settings.frequencyCap;
  const capFrom = new Date(now.getTime() - cap.windowHours * 3600_000);
  const claimFrom = new Date(capFrom.getTime() - CLAIM_TO_SEND_MAX_DAYS * 24 * 3600_000);
  const channels = [...new Set(input.channels)];
  const ok = (c: CampaignChannel) => Prisma.raw(`(reach_${COLUMN[c]} AND ok_${COLUMN[c]})`);
  const chosen = channels.length
    ? Prisma.sql`CASE ${Prisma.join(
        channels.map((c) => Prisma.sql`WHEN ${ok(c)} THEN ${c}`),
        " ",
      )} END`
    : Prisma.sql`NULL::text`;
  const anyReach = channels.length
    ? Prisma.raw(channels.map((c) => `reach_${COLUMN[c]}`).join(" OR "))
    : Prisma.raw("false");
  const recentOfChosen = Prisma.sql`CASE chosen WHEN 'SMS' THEN recent_sms WHEN 'WHATSAPP' THEN recent_whatsapp WHEN 'EMAIL' THEN recent_email END`;
  const capped = cap.maxPerWindow > 0 ? Prisma.sql`${recentOfChosen} >= ${cap.maxPerWindow}` : Prisma.sql`false`;

  const rows = await db().$queryRaw<GroupRow[]>(Prisma.sql`
    WITH facts AS (
      SELECT c.id,
             c.phone, c."ianaTimezone" AS tz, addr.country, addr.province,
             (live AND c.email IS NOT NULL AND c.email <> '' AND ${!!connected.EMAIL}) AS reach_email,
             (live AND c.phone IS NOT NULL AND c.phone <> '' AND ${!!connected.SMS}) AS reach_sms,
             (live AND ((c.phone IS NOT NULL AND c.phone <> '') OR EXISTS (
                SELECT 1 FROM "CustomerIdentity" i
                 WHERE i."customerId" = c.id AND i."shopId" = ${shopId} AND i.kind = 'WHATSAPP'))
                   AND ${!!connected.WHATSAPP}) AS reach_whatsapp,
             (NOT coalesce(k.email_off, false) AND k.email_mk = 'GRANTED') AS ok_email,
             (NOT coalesce(k.sms_off, false) AND k.sms_mk = 'GRANTED') AS ok_sms,
             (NOT coalesce(k.whatsapp_off, false) AND (k.whatsapp_mk = 'GRANTED' OR (
                k.whatsapp_mk IS NULL AND NOT coalesce(k.sms_off, false) AND k.sms_mk = 'GRANTED'
                AND k.sms_mk_source IN ('SHOPIFY_CUSTOMER', 'CHECKOUT')))) AS ok_whatsapp,
             coalesce(r.sms, 0) AS recent_sms, coalesce(r.whatsapp, 0) AS recent_whatsapp,
             coalesce(r.email, 0) AS recent_email
        FROM "SegmentMember" sm
        JOIN "Customer" c ON c.id = sm."customerId" AND c."shopId" = sm."shopId"
        CROSS JOIN LATERAL (SELECT (c."redactedAt" IS NULL AND c."mergedIntoId" IS NULL) AS live) l
        LEFT JOIN LATERAL (
          SELECT bool_or(channel = 'EMAIL' AND purpose = 'TRANSACTIONAL' AND state = 'REVOKED') AS email_off,
                 bool_or(channel = 'SMS' AND purpose = 'TRANSACTIONAL' AND state = 'REVOKED') AS sms_off,
                 bool_or(channel = 'WHATSAPP' AND purpose = 'TRANSACTIONAL' AND state = 'REVOKED') AS whatsapp_off,
                 max(state::text) FILTER (WHERE channel = 'EMAIL' AND purpose = 'MARKETING') AS email_mk,
                 max(state::text) FILTER (WHERE channel = 'SMS' AND purpose = 'MARKETING') AS sms_mk,
                 max(source::text) FILTER (WHERE channel = 'SMS' AND purpose = 'MARKETING') AS sms_mk_source,
                 max(state::text) FILTER (WHERE channel = 'WHATSAPP' AND purpose = 'MARKETING') AS whatsapp_mk
            FROM "Consent" WHERE "customerId" = c.id AND "shopId" = ${shopId}) k ON true
        LEFT JOIN LATERAL (
          SELECT o."shippingAddress"->>'countryCode' AS country, o."shippingAddress"->>'province' AS province
            FROM "Order" o WHERE o."customerId" = c.id AND o."shopId" = ${shopId}
           ORDER BY o."createdAt" DESC LIMIT 1) addr ON true
        LEFT JOIN LATERAL (
          SELECT count(*) FILTER (WHERE m.channel = 'SMS')::int AS sms,
                 count(*) FILTER (WHERE m.channel = 'WHATSAPP')::int AS whatsapp,
                 count(*) FILTER (WHERE m.channel = 'EMAIL')::int AS email
            FROM "Message" m
           WHERE m."customerId" = c.id AND m."shopId" = ${shopId} AND m.direction = 'OUTBOUND'
             AND m.channel IN ('SMS', 'WHATSAPP', 'EMAIL')
             AND m."deliveryStatus" NOT IN ('FAILED', 'UNDELIVERED')
             AND m."createdAt" > ${at(claimFrom)} AND m."createdAt" <= ${at(now)}
             AND coalesce(m."sentAt", m."createdAt") > ${at(capFrom)}
             AND (m."campaignId" IS NOT NULL OR (m.author = 'FLOW' AND (
                  m.metadata->>'purpose' = 'MARKETING' OR (m.metadata->>'purpose' IS NULL AND EXISTS (
                    SELECT 1 FROM "Flow" f WHERE f.id = m."flowId"
                       AND f.kind::text IN (${Prisma.join([...MARKETING_FLOW_KINDS])}))))))
        ) r ON true
       WHERE sm."segmentId" = ${input.segmentId} AND sm."shopId" = ${shopId}
    ),
    decided AS (
      SELECT f.*, ${chosen} AS chosen, (${anyReach}) AS any_reach FROM facts f
    ),
    judged AS (
      SELECT d.*,
             CASE WHEN NOT d.any_reach THEN 'no_channel'
                  WHEN d.chosen IS NULL THEN 'no_consent'
                  WHEN ${capped} THEN 'capped'
                  ELSE 'send' END AS outcome
        FROM decided d
    )
    SELECT outcome, chosen,
           CASE WHEN outcome = 'send' THEN country END AS country,
           CASE WHEN outcome = 'send' THEN province END AS province,
           CASE WHEN outcome = 'send' AND country IS NULL THEN phone END AS phone,
           CASE WHEN outcome = 'send' AND country IS NULL THEN tz END AS tz,
           count(*)::int AS n,
           count(*) FILTER (WHERE reach_sms)::int AS reach_sms,
           count(*) FILTER (WHERE reach_whatsapp)::int AS reach_whatsapp,
           count(*) FILTER (WHERE reach_email)::int AS reach_email,
           count(*) FILTER (WHERE reach_sms AND ok_sms)::int AS ok_sms,
           count(*) FILTER (WHERE reach_whatsapp AND ok_whatsapp)::int AS ok_whatsapp,
           count(*) FILTER (WHERE reach_email AND ok_email)::int AS ok_email
      FROM judged
     GROUP BY 1, 2, 3, 4, 5, 6`);

  const shopTz = isValidTimeZone(shop.ianaTimezone) ? shop.ianaTimezone : "UTC";
  const sendAt = input.sendAt && input.sendAt.getTime() > now.getTime() ? input.sendAt : now;
  const shopWall = wallClockAt(sendAt, shopTz);
  /** When this recipient's message goes: the shop's instant, or that wall-clock time in their zone. */
  const sendInstant = (zone: string) =>
    input.sendMode === "recipient_time" && input.sendAt
      ? instantOfWallClock(
          {
            year: shopWall.year,
            month: shopWall.month,
            day: shopWall.day,
            minutes: shopWall.hour * 60 + shopWall.minute,
          },
          zone,
        )
      : sendAt;

  const estimate: AudienceEstimate = {
    members: 0,
    willReceive: 0,
    delayedByQuietHours: 0,
    skipped: { noConsent: 0, noReachableChannel: 0, capped: 0 },
    channels: channels.map((channel) => ({
      channel,
      connected: !!connected[channel],
      reachable: 0,
      consented: 0,
      chosen: 0,
    })),
    sendAt: sendAt.toISOString(),
    sendMode: input.sendMode,
    quietHours: settings.quietHours,
    frequencyCap: cap,
    computedAt: now.toISOString(),
  };
  for (const row of rows) {
    estimate.members += row.n;
    for (const c of estimate.channels) {
      c.reachable += row[`reach_${COLUMN[c.channel]}` as "reach_sms"];
      c.consented += row[`ok_${COLUMN[c.channel]}` as "ok_sms"];
    }
    if (row.outcome === "no_channel") estimate.skipped.noReachableChannel += row.n;
    else if (row.outcome === "no_consent") estimate.skipped.noConsent += row.n;
    else if (row.outcome === "capped") estimate.skipped.capped += row.n;
    else {
      estimate.willReceive += row.n;
      const chosenRow = estimate.channels.find((c) => c.channel === row.chosen);
      if (chosenRow) chosenRow.chosen += row.n;
      const zone = recipientZoneOf(row, shopTz);
      if (nextAllowedTime(sendInstant(zone), zone, settings.quietHours)) estimate.delayedByQuietHours += row.n;
    }
  }
  return estimate;
}

/** As flows decide it: the latest order's shipping address, else the phone, else the customer's zone, else the shop's. */
function recipientZoneOf(row: Pick<GroupRow, "country" | "province" | "phone" | "tz">, shopTz: string): string {
  const fallback = isValidTimeZone(row.tz) ? row.tz : shopTz;
  const zone = recipientTimezone({
    shippingCountryCode: row.country,
    shippingProvince: row.province,
    phone: row.phone,
    shopTimezone: fallback,
  }).timeZone;
  return isValidTimeZone(zone) ? zone : "UTC";
}
