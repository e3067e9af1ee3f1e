import { db } from "../../db/client.server";
import { enqueue } from "../../jobs/enqueue.server";
import { JOB } from "../../jobs/queues.server";

/**
 * Queues an import of the shop's history and returns the run id. A shop has at
 * most one run in flight: asking again while one is QUEUED or RUNNING returns it.
 */
export async function startBackfill(shopId: string, reason: string): Promise<string> {
  const run = await db().$transaction(async (tx) => {
    // Serialises concurrent starts for one shop (an install racing a manual re-import).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`backfill:${shopId}`}))`;
    const inFlight = await tx.backfillRun.findFirst({
      where: { shopId, status: { in: ["QUEUED", "RUNNING"] } },
      orderBy: { createdAt: "desc" },
    });
    return inFlight ?? (await tx.backfillRun.create({ data: { shopId, reason, status: "QUEUED" } }));
  });
  // Enqueued after commit; if Redis is down now, the reconciler enqueues the QUEUED row later.
  // The job id is deterministic, so enqueueing an existing run again is a no-op.
  await enqueue(JOB.runBackfill, { backfillRunId: run.id });
  return run.id;
}
