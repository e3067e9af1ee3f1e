// The support half of the KPI dashboard: every figure for the period beside the previous one,
// filtered by channel, team and person, from resolution cycles (ConversationCycle), staff replies'
// waits, surveys and SLA breaches. Definitions: definitions.ts. Every query is scoped to one shop.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { readSlaSettings, SLA_PRIORITIES } from "../sla/settings";
import { TIME_BUCKETS, type TimeBucketKey } from "./definitions";
import type { KpiFilters, KpiPeriod } from "./period";
import {
  at,
  conversationFilters,
  cycleFilters,
  durationAggregates,
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
  const q = db();
  const cyc = cycleFilters(filters);
  const rep = replyFilters(filters);
  const sur = surveyFilters(filters);
  const fr = periodSplit(Prisma.sql`cy."firstResponseAt"`, period);
  const rs = periodSplit(Prisma.sql`cy."resolvedAt"`, period);
  const op = periodSplit(Prisma.sql`cy."openedAt"`, period);
  const rw = periodSplit(Prisma.sql`m."createdAt"`, period);
  const targeted = await prioritiesWithTargets(shopId);
  // The resolved cycle had SLA targets when its conversation's priority has any; met when no
  // breach fell due inside the cycle.
  const hasTargets =
    targeted.length > 0 ? Prisma.sql`rc.priority::text IN (${Prisma.join(targeted)})` : Prisma.sql`FALSE`;

  const [firstResponse, replyTime, resolution, csatAnswered, csatSent, opened, backlog] = await Promise.all([
    q.$queryRaw<DurationRow[]>`
        SELECT period, ${durationAggregates()} FROM (
          SELECT ${fr.label} AS period, cy."firstResponseSeconds" AS wall, cy."firstResponseBusinessSeconds" AS business
            FROM "ConversationCycle" cy ${cyc.join}
           WHERE cy."shopId" = ${shopId} AND cy."openedAt" < ${at(period.to)} AND ${fr.range} ${cyc.where}
        ) s GROUP BY period`,
    q.$queryRaw<DurationRow[]>`
        SELECT period, ${durationAggregates()} FROM (
          SELECT ${rw.label} AS period, m."replyWaitSeconds" AS wall, m."replyWaitBusinessSeconds" AS business
            FROM "Message" m ${rep.join}
           WHERE m."shopId" = ${shopId} AND ${rw.range} AND m."replyWaitSeconds" IS NOT NULL ${rep.where}
        ) s GROUP BY period`,
    q.$queryRaw<Array<DurationRow & { with_targets: number; met: number; without_person: number }>>`
        SELECT period, ${durationAggregates()},
               count(*) FILTER (WHERE with_targets)::int AS with_targets,
               count(*) FILTER (WHERE with_targets AND NOT breached)::int AS met,
               count(*) FILTER (WHERE NOT "humanInvolved" AND wall <= ${NO_PERSON_WINDOW_SECONDS})::int AS without_person
          FROM (
          SELECT ${rs.label} AS period, cy."resolutionSeconds" AS wall, cy."resolutionBusinessSeconds" AS business,
                 cy."humanInvolved", ${hasTargets} AS with_targets,
                 EXISTS (SELECT 1 FROM "SlaBreach" b
                          WHERE b."conversationId" = cy."conversationId" AND b."shopId" = ${shopId}
                            AND b."dueAt" >= cy."openedAt" AND b."dueAt" <= cy."resolvedAt") AS breached
            FROM "ConversationCycle" cy JOIN "Conversation" rc ON rc.id = cy."conversationId" ${cyc.join}
           WHERE cy."shopId" = ${shopId} AND cy."openedAt" < ${at(period.to)} AND ${rs.range} ${cyc.where}
        ) s GROUP BY period`,
    q.$queryRaw<Array<{ period: string; answered: number; average: number | null; satisfied: number }>>`
        SELECT ${periodSplit(Prisma.sql`s."answeredAt"`, period).label} AS period, count(*)::int AS answered,
               avg(s.score)::float8 AS average, count(*) FILTER (WHERE s.score >= 4)::int AS satisfied
          FROM "CsatSurvey" s ${sur.join}
         WHERE s."shopId" = ${shopId} AND s.score IS NOT NULL
           AND ${periodSplit(Prisma.sql`s."answeredAt"`, period).range} ${sur.where}
         GROUP BY 1`,
    q.$queryRaw<Array<{ period: string; sent: number; answered: number }>>`
        SELECT ${periodSplit(Prisma.sql`s."sentAt"`, period).label} AS period, count(*)::int AS sent,
               count(*) FILTER (WHERE s.score IS NOT NULL)::int AS answered
          FROM "CsatSurvey" s ${sur.join}
         WHERE s."shopId" = ${shopId} AND ${periodSplit(Prisma.sql`s."sentAt"`, period).range} ${sur.where}
         GROUP BY 1`,
    // One pass over the cycles opened in both periods: by channel, local date and local hour.
    q.$queryRaw<Array<{ period: string; channel: string; date: string; hour: number; n: number }>>`
        SELECT ${op.label} AS period, cy.channel::text AS channel,
               to_char(${local(Prisma.sql`cy."openedAt"`, period.timeZone)}, 'YYYY-MM-DD') AS date,
               extract(hour FROM ${local(Prisma.sql`cy."openedAt"`, period.timeZone)})::int AS hour, count(*)::int AS n
          FROM "ConversationCycle" cy ${cyc.join}
         WHERE cy."shopId" = ${shopId} AND ${op.range} ${cyc.where}
         GROUP BY 1, 2, 3, 4`,
    q.$queryRaw<Array<{ open: number; unassigned: number }>>`
        SELECT count(*)::int AS open, count(*) FILTER (WHERE c."assigneeId" IS NULL)::int AS unassigned
          FROM "Conversation" c
         WHERE c."shopId" = ${shopId} AND c.status <> 'RESOLVED' ${conversationFilters(filters)}`,
  ]);

  const sum = (rows: typeof opened) => rows.reduce((total, r) => total + r.n, 0);
  const volume = opened;
  const thisPeriod = opened.filter((o) => o.period === "current");
  const figures = (p: "current" | "previous"): SupportPeriodFigures => {
    const res = resolution.find((r) => r.period === p);
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
        withTargets: res?.with_targets ?? 0,
        met: res?.met ?? 0,
        share: share(res?.met ?? 0, res?.with_targets ?? 0),
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
