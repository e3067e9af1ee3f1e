// Shared pieces of the KPI queries: instants as SQL parameters, the period split, the duration
// aggregates and the filters. Set-based SQL, because medians, percentiles and filtered counts over a
// period are what PostgreSQL computes in one pass and Prisma's groupBy cannot.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { TIME_BUCKETS } from "./definitions";
import type { KpiFilters, KpiPeriod } from "./period";

/**
 * One KPI statement, run with JIT compilation and parallel workers off for it alone (set_config
 * local to its own short transaction: each statement still takes its own pooled connection, so a
 * page's statements run side by side). These statements aggregate tens of thousands of rows once:
 * above jit_above_cost PostgreSQL spent ~100 ms compiling expressions that then ran for a few
 * milliseconds, and the page's own statements already occupy the cores that parallel workers would
 * compete for (bench:kpis, decision 0045).
 */
export async function kpiQuery<T>(sql: Prisma.Sql): Promise<T> {
  const [, rows] = await db().$transaction([
    db().$queryRaw`SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
    db().$queryRaw<T>(sql),
  ]);
  return rows;
}

/**
 * Prisma DateTime columns are `timestamp(3)` holding UTC: an ISO instant cast to `timestamp` drops
 * its "Z" and compares as UTC, whatever the session's time zone.
 */
export const at = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamp`;

/** "current" or "previous" for a timestamp column, with the WHERE range spanning both periods. */
export function periodSplit(column: Prisma.Sql, period: KpiPeriod) {
  return {
    label: Prisma.sql`CASE WHEN ${column} >= ${at(period.from)} THEN 'current' ELSE 'previous' END`,
    range: Prisma.sql`${column} >= ${at(period.previousFrom)} AND ${column} < ${at(period.to)}`,
  };
}

/** The local (shop zone) timestamp of a UTC column. */
export const local = (column: Prisma.Sql, timeZone: string) =>
  Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})`;

/**
 * Median, p90 (percentile_cont: linear interpolation) and bucket counts of `wall` and `business`
 * columns of an inner query that also yields `period`.
 */
export function durationAggregates(): Prisma.Sql {
  const buckets = (column: string, prefix: string) =>
    TIME_BUCKETS.map(
      (b, i) =>
        `count(*) FILTER (WHERE ${column} >= ${b.fromSeconds}${b.toSeconds === null ? "" : ` AND ${column} < ${b.toSeconds}`})::int AS ${prefix}${i}`,
    ).join(",\n");
  return Prisma.raw(`count(wall)::int AS n,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY wall)::float8 AS wall_p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY wall)::float8 AS wall_p90,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY business)::float8 AS business_p50,
    percentile_cont(0.9) WITHIN GROUP (ORDER BY business)::float8 AS business_p90,
    ${buckets("wall", "w")},
    ${buckets("business", "b")}`);
}

export interface DurationRow {
  period: "current" | "previous";
  n: number;
  wall_p50: number | null;
  wall_p90: number | null;
  business_p50: number | null;
  business_p90: number | null;
  [bucket: `w${number}` | `b${number}`]: number;
}

const sqlAnd = (parts: Prisma.Sql[]) =>
  parts.length === 0 ? Prisma.empty : Prisma.sql` AND ${Prisma.join(parts, " AND ")}`;

/**
 * The filters on resolution cycles (alias cy, its conversation c): the cycle's channel; team and
 * person as the cycle recorded them at its resolve, or the conversation's now while it is open.
 */
export function cycleFilters(f: KpiFilters): { join: Prisma.Sql; where: Prisma.Sql } {
  const parts: Prisma.Sql[] = [];
  if (f.channel) parts.push(Prisma.sql`cy.channel::text = ${f.channel}`);
  if (f.teamId)
    parts.push(Prisma.sql`(CASE WHEN cy."resolvedAt" IS NULL THEN c."teamId" ELSE cy."teamId" END) = ${f.teamId}`);
  if (f.assigneeId)
    parts.push(
      Prisma.sql`(CASE WHEN cy."resolvedAt" IS NULL THEN c."assigneeId" ELSE cy."assigneeId" END) = ${f.assigneeId}`,
    );
  const needsConversation = f.teamId !== null || f.assigneeId !== null;
  return {
    join: needsConversation ? Prisma.sql`JOIN "Conversation" c ON c.id = cy."conversationId"` : Prisma.empty,
    where: sqlAnd(parts),
  };
}

/** Filters on staff replies (alias m, conversation c): the reply's channel, team now, who replied. */
export function replyFilters(f: KpiFilters): { join: Prisma.Sql; where: Prisma.Sql } {
  const parts: Prisma.Sql[] = [];
  if (f.channel) parts.push(Prisma.sql`m.channel::text = ${f.channel}`);
  if (f.teamId) parts.push(Prisma.sql`c."teamId" = ${f.teamId}`);
  if (f.assigneeId) parts.push(Prisma.sql`m."staffUserId" = ${f.assigneeId}`);
  return {
    join: f.teamId ? Prisma.sql`JOIN "Conversation" c ON c.id = m."conversationId"` : Prisma.empty,
    where: sqlAnd(parts),
  };
}

/** Filters on surveys (alias s, conversation c): the survey's channel, the conversation's team and assignee now. */
export function surveyFilters(f: KpiFilters): { join: Prisma.Sql; where: Prisma.Sql } {
  const parts: Prisma.Sql[] = [];
  if (f.channel) parts.push(Prisma.sql`s.channel::text = ${f.channel}`);
  if (f.teamId) parts.push(Prisma.sql`c."teamId" = ${f.teamId}`);
  if (f.assigneeId) parts.push(Prisma.sql`c."assigneeId" = ${f.assigneeId}`);
  return {
    join: f.teamId || f.assigneeId ? Prisma.sql`JOIN "Conversation" c ON c.id = s."conversationId"` : Prisma.empty,
    where: sqlAnd(parts),
  };
}

/** Filters on conversations (alias c) for the backlog: last inbound channel, team, assignee. */
export function conversationFilters(f: KpiFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.channel) parts.push(Prisma.sql`c."lastInboundChannel"::text = ${f.channel}`);
  if (f.teamId) parts.push(Prisma.sql`c."teamId" = ${f.teamId}`);
  if (f.assigneeId) parts.push(Prisma.sql`c."assigneeId" = ${f.assigneeId}`);
  return sqlAnd(parts);
}
