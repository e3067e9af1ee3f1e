// The `check-sla-breaches` maintenance job (every minute): each due time that has passed on an
// unresolved conversation of a shop with SLAs on is recorded once as an SlaBreach (unique on
// conversation, metric and due time, so a rerun adds nothing), the conversation's priority goes up
// one step (never past URGENT) and Shopify Flow's "sla-breached" fires, all in one transaction.
// Escalating does not recompute the due times: the breached target stays visible as "Overdue by",
// and a shorter target could otherwise breach again at once and climb to URGENT in minutes.
import type { ConversationPriority, SlaMetric } from "../generated/prisma/client";
import { Prisma } from "../generated/prisma/client";
import { db } from "../db/client.server";
import { inRetryingTransaction } from "../commerce/transaction.server";
import { logger } from "../lib/logger.server";
import { slaBreachedTrigger } from "../shopify-flow/events.server";
import { escalateOnBreach } from "../routing/sweep.server";

const log = logger.child({ module: "sla-breaches" });
const BATCH = 500;

const FIELD: Record<SlaMetric, "firstResponseDueAt" | "nextResponseDueAt" | "resolutionDueAt"> = {
  FIRST_RESPONSE: "firstResponseDueAt",
  NEXT_RESPONSE: "nextResponseDueAt",
  RESOLUTION: "resolutionDueAt",
};

const ESCALATED: Record<ConversationPriority, ConversationPriority> = {
  LOW: "NORMAL",
  NORMAL: "HIGH",
  HIGH: "URGENT",
  URGENT: "URGENT",
};

/** Records every breach not yet recorded; returns how many it recorded. */
export async function checkSlaBreaches(now: Date = new Date()): Promise<number> {
  // Timestamps are stored as UTC without a zone; compare with the same.
  const at = now.toISOString();
  const due = await db().$queryRaw<{ id: string; metric: SlaMetric }[]>(Prisma.sql`
    SELECT c.id, m.metric
      FROM "Conversation" c
      JOIN "Shop" s ON s.id = c."shopId"
     CROSS JOIN LATERAL (VALUES ('FIRST_RESPONSE', c."firstResponseDueAt"),
                                ('NEXT_RESPONSE', c."nextResponseDueAt"),
                                ('RESOLUTION', c."resolutionDueAt")) AS m(metric, "dueAt")
     WHERE m."dueAt" IS NOT NULL
       AND m."dueAt" <= (${at}::timestamptz AT TIME ZONE 'UTC')
       AND c.status <> 'RESOLVED'
       AND s.settings -> 'sla' ->> 'enabled' = 'true'
       AND NOT EXISTS (SELECT 1 FROM "SlaBreach" b
                        WHERE b."conversationId" = c.id AND b.metric::text = m.metric AND b."dueAt" = m."dueAt")
     ORDER BY m."dueAt"
     LIMIT ${BATCH}`);
  let recorded = 0;
  for (const row of due) if (await recordBreach(row.id, row.metric, now)) recorded++;
  if (recorded > 0) log.warn({ recorded }, "SLA breaches recorded");
  return recorded;
}

async function recordBreach(conversationId: string, metric: SlaMetric, now: Date): Promise<boolean> {
  return inRetryingTransaction(async (tx) => {
    const c = await tx.conversation.findUnique({
      where: { id: conversationId },
      select: {
        shopId: true,
        status: true,
        priority: true,
        firstResponseDueAt: true,
        nextResponseDueAt: true,
        resolutionDueAt: true,
      },
    });
    const dueAt = c?.[FIELD[metric]];
    // Answered or resolved since the query: nothing to record.
    if (!c || c.status === "RESOLVED" || !dueAt || dueAt > now) return false;
    const { count } = await tx.slaBreach.createMany({
      data: [{ shopId: c.shopId, conversationId, metric, priority: c.priority, dueAt, breachedAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    const escalated = ESCALATED[c.priority];
    if (escalated !== c.priority)
      await tx.conversation.update({ where: { id: conversationId }, data: { priority: escalated } });
    await slaBreachedTrigger(tx, { shopId: c.shopId, conversationId, target: metric.toLowerCase(), dueAt });
    // Routing: the breach hands the conversation to its team's lead (once; app/routing/).
    await escalateOnBreach(tx, conversationId, now);
    log.warn({ shopId: c.shopId, conversationId, metric, dueAt, priority: escalated }, "SLA breached");
    return true;
  });
}
