// The support half of the KPI dashboard: every figure for the period beside the previous one,
// filtered by channel, team and person, from resolution cycles (ConversationCycle), staff replies'
// waits, surveys and SLA breaches. Definitions: definitions.ts. Every query is scoped to one shop.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { ConversationPriority } from "../generated/prisma/enums";
import { readSlaSettings, SLA_PRIORITIES } from "../sla/settings";
import { TIME_BUCKETS, type TimeBucketKey } from "./definitions";
import type { KpiFilters, KpiPeriod } from "./period";
import {
  at,
  conversationFilters,
  cycleFilters,
  durationAggregates,
  kpiQuery,
  local,
  periodSplit,
  replyFilters,
  surveyFilters,
  type DurationRow,
} from "./sql.server";

/** A resolved cycle counts as "no person" when resolved within this long of opening. */
export const NO_PERSON_WINDOW_SECONDS = 72 * 3600;

export interface DurationFigures {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  businessMedianSeconds: number | null;
  businessP90Seconds: number | null;
  buckets: Array<{ key: TimeBucketKey; wall: number; business: number }>;
}

export interface SupportPeriodFigures {
  firstResponse: DurationFigures;
  replyTime: DurationFigures;
  resolution: DurationFigures;
  csat: {
    answered: number;
    averageScore: number | null;
    satisfied: number;
    satisfiedShare: number | null;
    sent: number;
    sentAnswered: number;
    responseRate: number | null;
  };
  sla: { withTargets: number; met: number; share: number | null };
  volume: number;
  resolvedWithoutPerson: { resolved: number; withoutPerson: number; share: number | null };
}

export interface SupportKpis {
  current: SupportPeriodFigures;
  previous: SupportPeriodFigures;
  volumeByChannel: Array<{ channel: string; current: number; previous: number }>;
  volumeByDay: Array<{ date: string; count: number }>;
  volumeByHour: Array<{ hour: number; count: number }>;
  backlog: { open: number; unassigned: number };
  /** Nothing at all in either period and no backlog: the page shows its empty state. */
  empty: boolean;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

// Percentiles interpolate: whole seconds are precise enough and keep float noise out.
const whole = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));

function durationFigures(row: DurationRow | undefined): DurationFigures {
  return {
    count: row?.n ?? 0,
    medianSeconds: whole(row?.wall_p50),
    p90Seconds: whole(row?.wall_p90),
    businessMedianSeconds: whole(row?.business_p50),
    businessP90Seconds: whole(row?.business_p90),
    buckets: TIME_BUCKETS.map((b, i) => ({ key: b.key, wall: row?.[`w${i}`] ?? 0, business: row?.[`b${i}`] ?? 0 })),
  };
}

/** The priorities whose current SLA policy has at least one target (none while SLAs are off). */
export async function prioritiesWithTargets(shopId: string): Promise<string[]> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { settings: true } });
  const sla = readSlaSettings(shop.settings);
  if (!sla.enabled) return [];
  return SLA_PRIORITIES.filter((p) => {
    const policy = sla.policies[p];
    return (
      policy.firstResponseMinutes !== null || policy.nextResponseMinutes !== null || policy.resolutionMinutes !== null
    );
  });
}

export async function supportKpis(shopId: string, period: KpiPeriod, filters: KpiFilters): Promise<SupportKpis> {
  const cyc = cycleFilters(filters);
  const rep = replyFilters(filters);
  const sur = surveyFilters(filters);
  const fr = periodSplit(Prisma.sql`cy."firstResponseAt"`, period);
  const rs = periodSplit(Prisma.sql`cy."resolvedAt"`, period);
  const op = periodSplit(Prisma.sql`cy."openedAt"`, period);
  const rsBreached = periodSplit(Prisma.sql`bc."resolvedAt"`, period);
  // Staff replies with a recorded wait, one period at a time: each is one range of the partial index
  // Message_kpi_reply_wait_idx read in order, aggregated without sorting by period first.
  const replyWaits = (label: "current" | "previous", from: Date, to: Date) => Prisma.sql`
        SELECT ${label}::text AS period, ${durationAggregates()} FROM (
          SELECT m."replyWaitSeconds" AS wall, m."replyWaitBusinessSeconds" AS business
            FROM "Message" m ${rep.join}
           WHERE m."shopId" = ${shopId} AND m."createdAt" >= ${at(from)} AND m."createdAt" < ${at(to)}
             AND m."replyWaitSeconds" IS NOT NULL ${rep.where}
        ) s HAVING count(*) > 0`;
  // Resolution and "no person": the resolved cycles alone.
  const resolutionQuery = kpiQuery<Array<DurationRow & { without_person: number }>>(Prisma.sql`
        SELECT period, ${durationAggregates()},
               count(*) FILTER (WHERE NOT "humanInvolved" AND wall <= ${NO_PERSON_WINDOW_SECONDS})::int AS without_person
          FROM (
          SELECT ${rs.label} AS period, cy."resolutionSeconds" AS wall, cy."resolutionBusinessSeconds" AS business,
                 cy."humanInvolved"
            FROM "ConversationCycle" cy ${cyc.join}
           WHERE cy."shopId" = ${shopId} AND cy."openedAt" < ${at(period.to)} AND ${rs.range} ${cyc.where}
        ) s GROUP BY period`);
  // % of SLAs met, beside it on its own connection: the same resolved cycles, those whose
  // conversation's priority has SLA targets (the join is needed only when some priority has none);
  // met when no breach fell due inside the cycle, the breached cycles read as one set (hashed once)
  // rather than a breach lookup per cycle. No query at all while SLAs are off.
  const slaQuery = async (): Promise<Array<{ period: string; with_targets: number; met: number }>> => {
    const targeted = await prioritiesWithTargets(shopId);
    if (targeted.length === 0) return [];
    const everyPriority = targeted.length === Object.keys(ConversationPriority).length;
    const priority = everyPriority
      ? { join: Prisma.empty, where: Prisma.empty }
      : {
          join: Prisma.sql`JOIN "Conversation" rc ON rc.id = cy."conversationId" AND rc."shopId" = ${shopId}`,
          where: Prisma.sql`AND rc.priority::text IN (${Prisma.join(targeted)})`,
        };
    return kpiQuery(Prisma.sql`
        SELECT period, count(*)::int AS with_targets, count(*) FILTER (WHERE NOT breached)::int AS met
          FROM (
          SELECT ${rs.label} AS period,
                 cy.id IN (SELECT bc.id FROM "SlaBreach" b
                             JOIN "ConversationCycle" bc ON bc."conversationId" = b."conversationId"
                            WHERE b."shopId" = ${shopId} AND bc."shopId" = ${shopId}
                              AND bc."openedAt" < ${at(period.to)} AND ${rsBreached.range}
                              AND b."dueAt" >= bc."openedAt" AND b."dueAt" <= bc."resolvedAt") AS breached
            FROM "ConversationCycle" cy ${priority.join} ${cyc.join}
           WHERE cy."shopId" = ${shopId} AND cy."openedAt" < ${at(period.to)} AND ${rs.range} ${cyc.where} ${priority.where}
        ) s GROUP BY period`);
  };

  const [firstResponse, replyTime, resolution, sla, csatAnswered, csatSent, volume, thisPeriod, backlog] =
    await Promise.all([
      kpiQuery<DurationRow[]>(Prisma.sql`
        SELECT period, ${durationAggregates()} FROM (
          SELECT ${fr.label} AS period, cy."firstResponseSeconds" AS wall, cy."firstResponseBusinessSeconds" AS business
            FROM "ConversationCycle" cy ${cyc.join}
           WHERE cy."shopId" = ${shopId} AND cy."openedAt" < ${at(period.to)} AND ${fr.range} ${cyc.where}
        ) s GROUP BY period`),
      kpiQuery<DurationRow[]>(Prisma.sql`
        ${replyWaits("current", period.from, period.to)}
        UNION ALL
        ${replyWaits("previous", period.previousFrom, period.from)}`),
      resolutionQuery,
      slaQuery(),
      kpiQuery<Array<{ period: string; answered: number; average: number | null; satisfied: number }>>(Prisma.sql`
        SELECT ${periodSplit(Prisma.sql`s."answeredAt"`, period).label} AS period, count(*)::int AS answered,
               avg(s.score)::float8 AS average, count(*) FILTER (WHERE s.score >= 4)::int AS satisfied
          FROM "CsatSurvey" s ${sur.join}
         WHERE s."shopId" = ${shopId} AND s.score IS NOT NULL
           AND ${periodSplit(Prisma.sql`s."answeredAt"`, period).range} ${sur.where}
         GROUP BY 1`),
      kpiQuery<Array<{ period: string; sent: number; answered: number }>>(Prisma.sql`
        SELECT ${periodSplit(Prisma.sql`s."sentAt"`, period).label} AS period, count(*)::int AS sent,
               count(*) FILTER (WHERE s.score IS NOT NULL)::int AS answered
          FROM "CsatSurvey" s ${sur.join}
         WHERE s."shopId" = ${shopId} AND ${periodSplit(Prisma.sql`s."sentAt"`, period).range} ${sur.where}
         GROUP BY 1`),
      // Cycles opened in both periods by channel; and, on its own connection, those of this period by
      // local hour (at most 24 per day), whose date and hour of day are formatted once per hour.
      kpiQuery<Array<{ period: string; channel: string; n: number }>>(Prisma.sql`
        SELECT CASE WHEN is_current THEN 'current' ELSE 'previous' END AS period, channel::text AS channel, n
          FROM (SELECT cy."openedAt" >= ${at(period.from)} AS is_current, cy.channel, count(*)::int AS n
                  FROM "ConversationCycle" cy ${cyc.join}
                 WHERE cy."shopId" = ${shopId} AND ${op.range} ${cyc.where}
                 GROUP BY 1, 2) v`),
      kpiQuery<Array<{ date: string; hour: number; n: number }>>(Prisma.sql`
        SELECT to_char(local_hour, 'YYYY-MM-DD') AS date, extract(hour FROM local_hour)::int AS hour, n
          FROM (SELECT date_trunc('hour', ${local(Prisma.sql`cy."openedAt"`, period.timeZone)}) AS local_hour,
                       count(*)::int AS n
                  FROM "ConversationCycle" cy ${cyc.join}
                 WHERE cy."shopId" = ${shopId} AND cy."openedAt" >= ${at(period.from)}
                   AND cy."openedAt" < ${at(period.to)} ${cyc.where}
                 GROUP BY 1) h`),
      kpiQuery<Array<{ open: number; unassigned: number }>>(Prisma.sql`
        SELECT count(*)::int AS open, count(*) FILTER (WHERE c."assigneeId" IS NULL)::int AS unassigned
          FROM "Conversation" c
         WHERE c."shopId" = ${shopId} AND c.status <> 'RESOLVED' ${conversationFilters(filters)}`),
    ]);

  const sum = (rows: Array<{ n: number }>) => rows.reduce((total, r) => total + r.n, 0);
  const figures = (p: "current" | "previous"): SupportPeriodFigures => {
    const res = resolution.find((r) => r.period === p);
    const slaRow = sla.find((r) => r.period === p);
    const answered = csatAnswered.find((r) => r.period === p);
    const sent = csatSent.find((r) => r.period === p);
    return {
      firstResponse: durationFigures(firstResponse.find((r) => r.period === p)),
      replyTime: durationFigures(replyTime.find((r) => r.period === p)),
      resolution: durationFigures(res),
      csat: {
        answered: answered?.answered ?? 0,
        averageScore: answered?.average ?? null,
        satisfied: answered?.satisfied ?? 0,
        satisfiedShare: share(answered?.satisfied ?? 0, answered?.answered ?? 0),
        sent: sent?.sent ?? 0,
        sentAnswered: sent?.answered ?? 0,
        responseRate: share(sent?.answered ?? 0, sent?.sent ?? 0),
      },
      sla: {
        withTargets: slaRow?.with_targets ?? 0,
        met: slaRow?.met ?? 0,
        share: share(slaRow?.met ?? 0, slaRow?.with_targets ?? 0),
      },
      volume: sum(volume.filter((v) => v.period === p)),
      resolvedWithoutPerson: {
        resolved: res?.n ?? 0,
        withoutPerson: res?.without_person ?? 0,
        share: share(res?.without_person ?? 0, res?.n ?? 0),
      },
    };
  };
  const current = figures("current");
  const previous = figures("previous");
  const channels = [...new Set(volume.map((v) => v.channel))].sort();
  const count = (p: string, channel: string) => sum(volume.filter((v) => v.period === p && v.channel === channel));
  const open = backlog[0] ?? { open: 0, unassigned: 0 };
  return {
    current,
    previous,
    volumeByChannel: channels.map((channel) => ({
      channel,
      current: count("current", channel),
      previous: count("previous", channel),
    })),
    volumeByDay: everyDay(period).map((date) => ({ date, count: sum(thisPeriod.filter((d) => d.date === date)) })),
    volumeByHour: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      count: sum(thisPeriod.filter((h) => h.hour === hour)),
    })),
    backlog: open,
    empty:
      current.volume + previous.volume + current.resolution.count + previous.resolution.count === 0 &&
      current.csat.answered + previous.csat.answered + current.replyTime.count === 0 &&
      open.open === 0,
  };
}

/** Every date of the period (YYYY-MM-DD), so a quiet day shows as zero rather than missing. */
function everyDay(period: KpiPeriod): string[] {
  const out: string[] = [];
  const start = Date.parse(period.fromDate);
  for (let i = 0; i < period.days; i++) out.push(new Date(start + i * 86_400_000).toISOString().slice(0, 10));
  return out;
}
