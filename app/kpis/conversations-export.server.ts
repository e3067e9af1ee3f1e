// `GET /app/analytics/conversations.csv`: one row per resolution cycle opened in the period (the
// "Conversations" volume of the dashboard, same filters), so a reopened conversation is two rows.
import { db } from "../db/client.server";
import { Prisma } from "../generated/prisma/client";
import { csvDocument } from "./csv";
import type { KpiFilters, KpiPeriod } from "./period";
import { at, cycleFilters } from "./sql.server";

export const CONVERSATIONS_CSV_COLUMNS = [
  "conversation_id",
  "cycle",
  "channel",
  "status",
  "team_id",
  "team_name",
  "assignee_id",
  "assignee_name",
  "opened_at",
  "first_response_at",
  "first_response_seconds",
  "first_response_business_seconds",
  "resolved_at",
  "resolution_seconds",
  "resolution_business_seconds",
  "human_involved",
  "handed_off",
  "sla_breaches",
  "csat_score",
] as const;

/** At most this many rows in one file (a year of a busy shop); the period narrows it. */
export const MAX_EXPORT_ROWS = 100_000;

interface Row {
  conversation_id: string;
  cycle: number;
  channel: string;
  status: string;
  team_id: string | null;
  team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  opened_at: Date;
  first_response_at: Date | null;
  first_response_seconds: number | null;
  first_response_business_seconds: number | null;
  resolved_at: Date | null;
  resolution_seconds: number | null;
  resolution_business_seconds: number | null;
  human_involved: boolean;
  handed_off: boolean;
  sla_breaches: number;
  csat_score: number | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export async function conversationsCsv(shopId: string, period: KpiPeriod, filters: KpiFilters): Promise<string> {
  const f = cycleFilters(filters);
  // The team and person: as recorded at the resolve, or the conversation's now while open. The
  // survey (one per conversation, sent at its first resolve) belongs to the first resolved cycle.
  const rows = await db().$queryRaw<Row[]>`
    SELECT cy."conversationId" AS conversation_id, cy.seq AS cycle, cy.channel::text AS channel,
           cv.status::text AS status, t.id AS team_id, t.name AS team_name,
           x.assignee_id, coalesce(sm.name, CASE WHEN x.assignee_id = cv."assigneeId" THEN cv."assigneeName" END) AS assignee_name,
           cy."openedAt" AS opened_at, cy."firstResponseAt" AS first_response_at,
           cy."firstResponseSeconds" AS first_response_seconds,
           cy."firstResponseBusinessSeconds" AS first_response_business_seconds,
           cy."resolvedAt" AS resolved_at, cy."resolutionSeconds" AS resolution_seconds,
           cy."resolutionBusinessSeconds" AS resolution_business_seconds,
           cy."humanInvolved" AS human_involved, cy."handedOff" AS handed_off,
           (SELECT count(*)::int FROM "SlaBreach" b
             WHERE b."conversationId" = cy."conversationId" AND b."shopId" = ${shopId}
               AND b."dueAt" >= cy."openedAt" AND b."dueAt" <= coalesce(cy."resolvedAt", 'infinity'::timestamp)) AS sla_breaches,
           CASE WHEN cy.seq = (SELECT min(c2.seq) FROM "ConversationCycle" c2
                                WHERE c2."conversationId" = cy."conversationId" AND c2."resolvedAt" IS NOT NULL)
                THEN s.score END AS csat_score
      FROM "ConversationCycle" cy
      JOIN "Conversation" cv ON cv.id = cy."conversationId" AND cv."shopId" = ${shopId}
      ${f.join}
      CROSS JOIN LATERAL (SELECT CASE WHEN cy."resolvedAt" IS NULL THEN cv."teamId" ELSE cy."teamId" END AS team_id,
                                 CASE WHEN cy."resolvedAt" IS NULL THEN cv."assigneeId" ELSE cy."assigneeId" END AS assignee_id) x
      LEFT JOIN "Team" t ON t.id = x.team_id AND t."shopId" = ${shopId}
      LEFT JOIN "StaffMember" sm ON sm."userId" = x.assignee_id AND sm."shopId" = ${shopId}
      LEFT JOIN "CsatSurvey" s ON s."conversationId" = cy."conversationId" AND s."shopId" = ${shopId}
     WHERE cy."shopId" = ${shopId} AND cy."openedAt" >= ${at(period.from)} AND cy."openedAt" < ${at(period.to)} ${f.where}
     ORDER BY cy."openedAt", cy."conversationId", cy.seq
     LIMIT ${Prisma.raw(String(MAX_EXPORT_ROWS))}`;
  return csvDocument(
    CONVERSATIONS_CSV_COLUMNS,
    rows.map((r) => [
      r.conversation_id,
      r.cycle,
      r.channel,
      r.status,
      r.team_id,
      r.team_name,
      r.assignee_id,
      r.assignee_name,
      iso(r.opened_at),
      iso(r.first_response_at),
      r.first_response_seconds,
      r.first_response_business_seconds,
      iso(r.resolved_at),
      r.resolution_seconds,
      r.resolution_business_seconds,
      r.human_involved,
      r.handed_off,
      r.sla_breaches,
      r.csat_score,
    ]),
  );
}
