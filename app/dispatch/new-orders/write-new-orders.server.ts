// The batch's writes, in one transaction: customers, identities, orders, timeline events, customer
// totals, order-confirmation runs and steps, and the receipts marked PROCESSED with them. Each
// statement (prisma/sql/, typed SQL) takes the whole batch as one JSON parameter (jsonb_to_recordset). A unique violation
// (a concurrent job created one of these rows first) aborts it all: the caller then runs each
// receipt through the per-order path, which finds the winner's rows.
import { randomUUID } from "node:crypto";
import type { Tx } from "../../commerce/transaction.server";
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import { updatedCustomer, type CurrentCustomer, type NewOrdersPlan } from "./plan-new-orders";

/** JSON for jsonb_to_recordset: 64-bit ids as strings (JSON numbers would lose digits). */
function json(rows: unknown[]): string {
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

async function insertCustomers(tx: Tx, plan: NewOrdersPlan, now: Date) {
  if (plan.newCustomers.length === 0) return;
  await tx.$queryRawTyped(sql.insertBatchCustomers(json(plan.newCustomers), now));
}

/** Locks the known customers (as refreshCustomerStats does, so totals count every committed order) and updates them. */
async function updateKnownCustomers(tx: Tx, plan: NewOrdersPlan, now: Date) {
  if (plan.customerUpdates.length === 0) return;
  const current = await tx.$queryRawTyped(sql.lockBatchCustomers(plan.customerUpdates.map((u) => u.id)));
  const byId = new Map(current.map((c) => [c.id, c as CurrentCustomer]));
  const rows = plan.customerUpdates.flatMap((u) => {
    const row = byId.get(u.id);
    return row ? [updatedCustomer(row, u)] : [];
  });
  await tx.$queryRawTyped(sql.updateBatchCustomers(json(rows), now));
}

async function insertIdentities(tx: Tx, plan: NewOrdersPlan, now: Date) {
  if (plan.identities.length === 0) return;
  await tx.$queryRawTyped(sql.insertBatchIdentities(json(plan.identities), now));
}

async function insertOrdersAndEvents(tx: Tx, plan: NewOrdersPlan, now: Date) {
  await tx.$queryRawTyped(sql.insertBatchOrders(json(plan.orders), now));
  if (plan.events.length === 0) return;
  const events = plan.events.map((e) => ({ ...e, id: randomUUID() }));
  await tx.$queryRawTyped(sql.insertBatchTimelineEvents(json(events), now));
}

async function insertRuns(tx: Tx, plan: NewOrdersPlan, now: Date) {
  if (plan.runs.length === 0) return;
  const runs = plan.runs.map(({ steps: _steps, ...run }) => run);
  const steps = plan.runs.flatMap((run) =>
    run.steps.map((s) => ({ id: s.id, shopId: run.shopId, runId: run.id, position: s.position, dueAt: s.dueAt })),
  );
  await tx.$queryRawTyped(sql.insertBatchFlowRuns(json(runs), now));
  await tx.$queryRawTyped(sql.insertBatchFlowSteps(json(steps), now));
}

export async function writeNewOrders(plan: NewOrdersPlan, now: Date): Promise<void> {
  if (plan.orders.length === 0) return;
  await db().$transaction(
    async (tx) => {
      await insertCustomers(tx, plan, now);
      await updateKnownCustomers(tx, plan, now);
      await insertIdentities(tx, plan, now);
      await insertOrdersAndEvents(tx, plan, now);
      // refreshCustomerStats for every customer of the batch: their rows are locked (or new) already.
      await tx.$queryRawTyped(sql.refreshBatchCustomerTotals([...new Set(plan.orders.map((o) => o.customerId))]));
      await insertRuns(tx, plan, now);
      await tx.$queryRawTyped(sql.markReceiptsProcessed(plan.receiptIds));
    },
    { maxWait: 15_000, timeout: 30_000 },
  );
}
