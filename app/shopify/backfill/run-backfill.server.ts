// Imports a shop's history: its settings, customers, 90 days of orders with
// fulfillments, open abandoned checkouts, and its product catalogue. Every write is an idempotent
// ingest, so a retried or resumed run redoes work without duplicating it.
import { UnrecoverableError } from "bullmq";
import { db } from "../../db/client.server";
import type { Prisma } from "../../generated/prisma/client";
import { logger } from "../../lib/logger.server";
import { adminClientForShop } from "../admin-client.server";
import { MissingOfflineSessionError } from "../graphql/errors";
import { HISTORY_DAYS, type BackfillContext } from "./backfill-context";
import { importAbandonedCheckouts } from "./import-checkouts.server";
import { importCustomers } from "./import-customers.server";
import { importOrders } from "./import-orders.server";
import { importProducts } from "./import-products.server";
import { countHistory, importShopInfo } from "./import-shop.server";
import { advanceCheckoutSweep } from "./sweep-checkouts.server";
import { PHASES, recordProgress, type BackfillPhase } from "./run-progress.server";
import { enqueuePoliciesAfterBackfill } from "../../knowledge/shop-policy-jobs.server";

/** Where a retried run picks up: the phase it was in, redone from that phase's start. */
function resumePhase(status: string, phase: string | null): BackfillPhase {
  if (status === "QUEUED" || !phase || !PHASES.includes(phase as BackfillPhase)) return "shop";
  return phase as BackfillPhase;
}

export async function runBackfill(backfillRunId: string): Promise<void> {
  const run = await db().backfillRun.findUnique({ where: { id: backfillRunId }, include: { shop: true } });
  if (!run) {
    logger.warn({ backfillRunId }, "backfill run no longer exists (shop deleted?)");
    return;
  }
  if (run.status === "COMPLETED") return;

  const startedAt = run.startedAt ?? new Date();
  const startPhase = resumePhase(run.status, run.phase);
  const throttledBefore = run.throttledMs;
  await recordProgress(run.id, { status: "RUNNING", startedAt, finishedAt: null, error: null, phase: startPhase });

  let throttledSoFar = () => throttledBefore;
  const log = logger.child({ backfillRunId: run.id, shop: run.shop.domain });
  try {
    const client = await adminClientForShop(run.shop.domain);
    throttledSoFar = () => throttledBefore + client.throttledMs;
    const ctx: BackfillContext = {
      runId: run.id,
      shopId: run.shopId,
      client,
      ordersSince: new Date(startedAt.getTime() - HISTORY_DAYS * 24 * 3600 * 1000),
      mode: run.mode,
      progress: (patch: Prisma.BackfillRunUpdateInput = {}) =>
        recordProgress(run.id, { ...patch, throttledMs: throttledSoFar() }),
    };
    const reached = (phase: BackfillPhase) => PHASES.indexOf(startPhase) <= PHASES.indexOf(phase);

    if (reached("shop")) {
      await importShopInfo(client, run.shopId);
      const counts = await countHistory(client, ctx.ordersSince);
      ctx.mode = counts.mode;
      await ctx.progress({ customersTotal: counts.customersTotal, ordersTotal: counts.ordersTotal, mode: counts.mode });
      log.info(counts, "backfill sized");
    }
    if (reached("customers")) {
      await ctx.progress({ phase: "customers", customersImported: 0 });
      await importCustomers(ctx);
    }
    if (reached("orders")) {
      await ctx.progress({ phase: "orders", ordersImported: 0 });
      await importOrders(ctx);
    }
    if (reached("checkouts")) {
      await ctx.progress({ phase: "checkouts", checkoutsImported: 0 });
      const sweepFrom = new Date();
      await importAbandonedCheckouts({
        client,
        shopId: run.shopId,
        operationName: "BackfillAbandonedCheckouts",
        searchQuery: "status:open",
        onPage: (checkoutsImported) => ctx.progress({ checkoutsImported }),
      });
      // The periodic sweep carries on from here rather than from the beginning of time.
      await advanceCheckoutSweep(run.shopId, sweepFrom);
    }
    if (reached("products")) {
      await ctx.progress({ phase: "products", productsImported: 0 });
      await importProducts(ctx);
    }
    await ctx.progress({ phase: "done", status: "COMPLETED", finishedAt: new Date() });
    // The policies come in the language importShopInfo just read (app/knowledge/shop-policy-jobs).
    await enqueuePoliciesAfterBackfill(run.shopId, run.id);
    log.info({ throttledMs: throttledSoFar() }, "backfill completed");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordProgress(run.id, {
      status: "FAILED",
      error: message,
      finishedAt: new Date(),
      throttledMs: throttledSoFar(),
    });
    log.warn({ err: message }, "backfill failed");
    // Retrying cannot conjure an access token; only a reinstall can.
    if (error instanceof MissingOfflineSessionError) throw new UnrecoverableError(message);
    throw error;
  }
}
