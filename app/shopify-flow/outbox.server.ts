// Shopify Flow triggers, sent through an outbox (decision 0041). The FlowTriggerEvent row is written
// in the transaction of the event it reports, so a trigger exists exactly when the event committed;
// after the commit a job `flow-trigger-<rowId>` (ids only) calls flowTriggerReceive through the
// throttle-aware Admin API client; the reconciler re-enqueues PENDING rows Redis forgot.
// Not to be confused with app/flows/ and app/flow-runs/: our own marketing flows.
import type { Job } from "bullmq";
import type { Tx } from "../commerce/transaction.server";
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import { enqueue, requeueUnlessLive } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";
import { adminClientForShop } from "../shopify/admin-client.server";
import { AdminApiError } from "../shopify/graphql/errors";
import type { FlowTriggerHandle } from "./triggers";

const log = logger.child({ module: "shopify-flow" });

export interface TriggerInput {
  shopId: string;
  handle: FlowTriggerHandle;
  /** One trigger per event: the same key written twice keeps the first row. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

/**
 * The job is scheduled a moment out: by then the transaction has committed (the job finds no row if
 * it rolled back, and ends). A job that still runs first finds nothing PENDING yet and ends too; the
 * reconciler then sends the row within a minute. Call sites deep inside other transactions (an
 * inbound message) have no after-commit hook, so this is the one uniform way.
 */
const SEND_DELAY_MS = 1000;

/** Inside the event's transaction. Returns the row id (the existing one for a repeated key). */
export async function writeTrigger(tx: Tx, input: TriggerInput): Promise<string> {
  const row = await tx.flowTriggerEvent.upsert({
    where: { idempotencyKey: input.idempotencyKey },
    create: {
      shopId: input.shopId,
      handle: input.handle,
      idempotencyKey: input.idempotencyKey,
      payload: input.payload as Prisma.InputJsonValue,
    },
    update: {},
    select: { id: true },
  });
  try {
    await enqueue(JOB.sendFlowTrigger, { triggerId: row.id }, { delay: SEND_DELAY_MS });
  } catch (err) {
    // Never fails the event: the row is the truth and the reconciler enqueues it.
    log.warn({ triggerId: row.id, err: (err as Error).message }, "flow trigger enqueue failed; reconciler will retry");
  }
  return row.id;
}

export const FLOW_TRIGGER_RECEIVE = `#graphql
mutation FlowTriggerReceive($handle: String, $payload: JSON) {
  flowTriggerReceive(handle: $handle, payload: $payload) {
    userErrors { field message }
  }
}`;

interface FlowTriggerReceiveData {
  flowTriggerReceive?: { userErrors?: { field?: string[] | null; message: string }[] } | null;
}

function describe(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);
}

/** Shopify understood the request and refused it: retrying cannot help. */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof AdminApiError)) return false;
  const status = error.details.status;
  if (status !== undefined) return status >= 400 && status < 500 && status !== 429;
  return (error.details.graphQLErrors?.length ?? 0) > 0;
}

async function settle(id: string, data: Prisma.FlowTriggerEventUpdateManyMutationInput) {
  await db().flowTriggerEvent.updateMany({ where: { id, state: "PENDING" }, data });
}

/** The send-flow-trigger job: one flowTriggerReceive per row; a SENT or FAILED row is never sent again. */
export async function sendFlowTrigger(triggerId: string, job?: Job): Promise<void> {
  const row = await db().flowTriggerEvent.findUnique({
    where: { id: triggerId },
    include: { shop: { select: { domain: true, uninstalledAt: true } } },
  });
  if (!row || row.state !== "PENDING") return;
  if (row.shop.uninstalledAt) return settle(row.id, { state: "FAILED", lastError: "the shop uninstalled the app" });

  await db().flowTriggerEvent.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
  let data: FlowTriggerReceiveData;
  try {
    // The client waits out THROTTLED answers and retries 5xx with backoff itself.
    const client = await adminClientForShop(row.shop.domain);
    data = await client.query<FlowTriggerReceiveData>(FLOW_TRIGGER_RECEIVE, {
      handle: row.handle,
      payload: row.payload,
    });
  } catch (error) {
    const reason = describe(error);
    const lastAttempt = !job || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (isPermanent(error) || lastAttempt) {
      log.warn({ triggerId, shopId: row.shopId, handle: row.handle, err: reason }, "flow trigger failed");
      return settle(row.id, { state: "FAILED", lastError: reason });
    }
    await settle(row.id, { lastError: reason });
    throw error; // BullMQ retries with exponential backoff
  }
  const userErrors = data.flowTriggerReceive?.userErrors ?? [];
  if (userErrors.length > 0) {
    const reason = userErrors.map((e) => `${(e.field ?? []).join(".") || "payload"}: ${e.message}`).join("; ");
    log.warn({ triggerId, shopId: row.shopId, handle: row.handle, reason }, "Shopify Flow refused the trigger");
    return settle(row.id, { state: "FAILED", lastError: reason.slice(0, 1000) });
  }
  await settle(row.id, { state: "SENT", sentAt: new Date(), lastError: null });
}

const BATCH = 500;

/** PENDING rows whose job Redis no longer holds get it back. */
export async function reconcileFlowTriggers(): Promise<number> {
  const rows = await db().flowTriggerEvent.findMany({
    where: { state: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  let requeued = 0;
  for (const { id } of rows) if (await requeueUnlessLive(JOB.sendFlowTrigger, { triggerId: id })) requeued++;
  if (requeued) log.info({ requeued }, "flow triggers re-enqueued");
  return requeued;
}
