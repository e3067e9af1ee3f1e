// What the Analytics page's loader and the KPI exports read from the URL: the period (shop time
// zone) and the filters, checked, plus the choices the filter menus offer.
import { db } from "../db/client.server";
import { Channel } from "../generated/prisma/enums";
import { KpiPeriodError, parseKpiFilters, parseKpiPeriod, type KpiFilters, type KpiPeriod } from "./period";

export const KPI_CHANNELS = Object.values(Channel);

/** The period and filters of a KPI URL; KpiPeriodError (answer 400) for a bad date or channel. */
export function readKpiQuery(
  params: URLSearchParams,
  shop: { ianaTimezone: string },
  now?: Date,
): { period: KpiPeriod; filters: KpiFilters } {
  const period = parseKpiPeriod(params, shop.ianaTimezone, now);
  const filters = parseKpiFilters(params);
  // "sms" or "SMS", as the marketing half reads it.
  const channel = filters.channel?.toUpperCase() ?? null;
  if (channel && !(KPI_CHANNELS as string[]).includes(channel))
    throw new KpiPeriodError(`Unknown channel "${filters.channel!.slice(0, 40)}".`);
  return { period, filters: { ...filters, channel } };
}

export interface KpiFilterOptions {
  teams: Array<{ id: string; name: string }>;
  people: Array<{ id: string; name: string }>;
}

/** The shop's teams, and its people: staff members, plus anyone conversations are assigned to. */
export async function kpiFilterOptions(shopId: string): Promise<KpiFilterOptions> {
  const [teams, staff, assignees] = await Promise.all([
    db().team.findMany({ where: { shopId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db().staffMember.findMany({ where: { shopId }, orderBy: { name: "asc" }, select: { userId: true, name: true } }),
    db().conversation.groupBy({
      by: ["assigneeId", "assigneeName"],
      where: { shopId, assigneeId: { not: null } },
      orderBy: { assigneeName: "asc" },
      take: 200,
    }),
  ]);
  const people = new Map(staff.map((s) => [s.userId, s.name]));
  for (const a of assignees)
    if (a.assigneeId && !people.has(a.assigneeId)) people.set(a.assigneeId, a.assigneeName ?? a.assigneeId);
  return {
    teams,
    people: [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
