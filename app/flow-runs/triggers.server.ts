// Entry points the webhook handlers, the checkout sweep and the inbound channels
// call after they have written their rows. Each reads the stored rows (the newest
// state ingest kept), so duplicates and out-of-order webhooks change nothing twice.
import { consentFor } from "../consent/effective-consent.server";
import { db } from "../db/client.server";
import { Prisma, type Channel, type Order } from "../generated/prisma/client";
import { cartRecoveryStopReason } from "../flows/cart-recovery-stop";
import { MARKETING_FLOW_KINDS } from "../flows/flow-purpose";
import { planCartRecovery, retimeCartRecovery, type PlannedStep } from "../flows/plan-cart-recovery";
import { isCheckoutTooOldReason } from "../flows/step-reason";
import { planOrderConfirmation } from "../flows/plan-order-confirmation";
import { planReviewRequest, retimeReviewRequest } from "../flows/plan-review-request";
import { planShippingUpdate } from "../flows/plan-shipping-update";
import { logger } from "../lib/logger.server";
import { attributeOrder } from "./attribution.server";
import { enabledFlow, flowSettings, runContext } from "./flow-config.server";
import { cancelRun, completeRunIfDone, createRun } from "./run-lifecycle.server";
import { scheduleStepJob } from "./step-jobs.server";

export async function onCheckoutChanged(shopId: string, checkoutId: string, now: Date = new Date()): Promise<void> {
  const checkout = await db().checkout.findFirst({ where: { id: checkoutId, shopId } });
  if (!checkout) return;
  const flowRow = await db().flow.findUnique({ where: { shopId_kind: { shopId, kind: "CART_RECOVERY" } } });
  if (!flowRow) return;
  const existing = await db().flowRun.findUnique({
    where: { flowId_triggerKey: { flowId: flowRow.id, triggerKey: checkout.token } },
    include: { steps: true },
  });
  if (checkout.completedAt) {
    if (existing) await cancelRun(existing.id, "checkout completed", now);
    return;
  }
  const flow = await enabledFlow(shopId, "CART_RECOVERY");
  if (!flow || !checkout.customerId) return;
  const plan = planCartRecovery(
    {
      updatedAt: checkout.shopifyUpdatedAt ?? checkout.updatedAt,
      completedAt: checkout.completedAt,
      email: checkout.email,
      phone: checkout.phone,
    },
    { steps: flow.steps, settings: flowSettings(flow.settings) },
    now,
  );
  if (existing) {
    if (plan.start && isTooOldRun(existing)) return reviveTooOldRun(existing, checkout, plan.steps, now);
    if (existing.status !== "ACTIVE" || !plan.start) return;
    // A newer checkouts/update: steps not sent yet count from the new updated_at.
    for (const change of retimeCartRecovery(existing.steps, plan.steps)) {
      await db().flowStep.updateMany({
        where: { id: change.id, state: { in: ["PENDING", "DEFERRED"] } },
        data: { dueAt: change.dueAt, state: "PENDING", deferredReason: null },
      });
      await scheduleStepJob(change.id, change.dueAt, now);
    }
    return;
  }
  // A checkout too old to recover still gets its run, every step recorded as not sent with the
  // reason: otherwise the merchant (or a `webhook:send` with an old fixture) sees nothing at all.
  const steps = plan.start ? plan.steps : plan.notSent;
  if (!steps) return;
  const order = await db().order.findFirst({ where: { shopId, checkoutToken: checkout.token }, select: { id: true } });
  if (order) return; // already bought: nothing to recover
  await createRun(
    {
      shopId,
      flowId: flow.id,
      customerId: checkout.customerId,
      triggerKey: checkout.token,
      context: {
        checkoutId: checkout.id,
        checkoutToken: checkout.token,
        email: checkout.email,
        phone: checkout.phone,
        since: (checkout.shopifyUpdatedAt ?? checkout.updatedAt).toISOString(),
      },
      steps,
    },
    now,
  );
}

/** A run recorded only to say the checkout was too old: every step not sent for that reason. */
function isTooOldRun(run: { status: string; steps: { state: string; lastError: string | null }[] }): boolean {
  return (
    run.status === "COMPLETED" &&
    run.steps.length > 0 &&
    run.steps.every((s) => s.state === "SKIPPED" && !!s.lastError && isCheckoutTooOldReason(s.lastError))
  );
}

/** The shopper came back to an old checkout (a newer updated_at): its recovery starts after all. */
async function reviveTooOldRun(
  run: { id: string; context: unknown; steps: { id: string; position: number }[] },
  checkout: { updatedAt: Date; shopifyUpdatedAt: Date | null },
  planned: PlannedStep[],
  now: Date,
): Promise<void> {
  const revived = await db().flowRun.updateMany({
    where: { id: run.id, status: "COMPLETED" },
    data: {
      status: "ACTIVE",
      endReason: null,
      endedAt: null,
      context: {
        ...runContext(run.context),
        since: (checkout.shopifyUpdatedAt ?? checkout.updatedAt).toISOString(),
      } as Prisma.InputJsonObject,
    },
  });
  if (revived.count === 0) return;
  for (const step of run.steps) {
    const plan = planned.find((p) => p.position === step.position);
    if (!plan) continue;
    await db().flowStep.updateMany({
      where: { id: step.id, state: "SKIPPED" },
      data: {
        dueAt: plan.dueAt,
        state: plan.skipReason ? "SKIPPED" : "PENDING",
        lastError: plan.skipReason ?? null,
        deferredReason: null,
      },
    });
    if (!plan.skipReason) await scheduleStepJob(step.id, plan.dueAt, now);
  }
  await completeRunIfDone(run.id, now);
}

interface RecoveryRunRow {
  id: string;
  triggerKey: string;
  customerId: string;
  context: unknown;
  startedAt: Date;
}

/**
 * The shop's active cart-recovery runs an order may stop: same checkout, customer, email or phone.
 * Raw SQL because Prisma's query compiler does not parameterise JSON path filters: every distinct
 * email would compile a new query plan, on every order.
 */
function activeRecoveryRunsFor(shopId: string, flowId: string, order: Order): Promise<RecoveryRunRow[]> {
  const matches = [
    ...(order.checkoutToken ? [Prisma.sql`"triggerKey" = ${order.checkoutToken}`] : []),
    ...(order.customerId ? [Prisma.sql`"customerId" = ${order.customerId}`] : []),
    ...(order.email ? [Prisma.sql`"context" -> 'email' = to_jsonb(${order.email.toLowerCase()}::text)`] : []),
    ...(order.phone ? [Prisma.sql`"context" -> 'phone' = to_jsonb(${order.phone}::text)`] : []),
  ];
  if (matches.length === 0) return Promise.resolve([]);
  return db().$queryRaw<RecoveryRunRow[]>`
    SELECT "id", "triggerKey", "customerId", "context", "startedAt" FROM "FlowRun"
     WHERE "shopId" = ${shopId} AND "flowId" = ${flowId} AND "status" = 'ACTIVE'
       AND (${Prisma.join(matches, " OR ")})`;
}

/** Cancels the shop's active cart-recovery runs this order stops. */
async function cancelRecoveryRunsForOrder(shopId: string, order: Order, recoveryFlowId: string, now: Date) {
  const runs = await activeRecoveryRunsFor(shopId, recoveryFlowId, order);
  for (const run of runs) {
    const ctx = runContext(run.context);
    const reason = cartRecoveryStopReason({
      run: {
        checkoutToken: run.triggerKey,
        customerId: run.customerId,
        email: ctx.email ?? null,
        phone: ctx.phone ?? null,
        since: ctx.since ? new Date(ctx.since) : run.startedAt,
      },
      checkoutCompletedAt: null,
      orders: [
        {
          checkoutToken: order.checkoutToken,
          customerId: order.customerId,
          email: order.email,
          phone: order.phone,
          placedAt: order.processedAt ?? order.createdAt,
        },
      ],
      lastInboundAt: null,
      optedOut: false,
    });
    if (reason) await cancelRun(run.id, reason, now);
  }
}

export async function onOrderChanged(
  shopId: string,
  orderId: string,
  created: boolean,
  now: Date = new Date(),
): Promise<void> {
  // Read once, used by every rule below (each used to read the order and the flows again).
  const order = await db().order.findFirst({ where: { id: orderId, shopId } });
  if (!order) return;
  const flows = await db().flow.findMany({
    where: { shopId, kind: { in: ["CART_RECOVERY", "ORDER_CONFIRMATION"] } },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  const recoveryFlow = flows.find((f) => f.kind === "CART_RECOVERY");
  if (recoveryFlow) {
    await cancelRecoveryRunsForOrder(shopId, order, recoveryFlow.id, now);
    await attributeOrder(shopId, order, recoveryFlow);
  }
  if (!created) return;
  await startRunsOfEarlierFulfillments(shopId, order, now);
  const flow = flows.find((f) => f.kind === "ORDER_CONFIRMATION" && f.enabled);
  if (!flow) return;
  const plan = planOrderConfirmation(order, created, flow.steps, now);
  if (!plan.start || !order.customerId) {
    if (!plan.start) logger.debug({ orderId, reason: plan.reason }, "no order confirmation");
    return;
  }
  await createRun(
    {
      shopId,
      flowId: flow.id,
      customerId: order.customerId,
      triggerKey: plan.triggerKey,
      context: { orderId: order.id, email: order.email, phone: order.phone },
      steps: plan.steps,
    },
    now,
  );
}

/**
 * Shopify does not promise order: a fulfillment can arrive before its order, when there is no
 * customer to write to yet (onFulfillmentChanged then starts nothing). When the order arrives,
 * those fulfillments get their shipping-update and review-request runs; run trigger keys make a
 * second start impossible.
 */
async function startRunsOfEarlierFulfillments(shopId: string, order: Order, now: Date) {
  if (!order.customerId) return;
  const earlier = await db().fulfillment.findMany({
    where: { shopId, shopifyOrderId: order.shopifyOrderId },
    select: { id: true },
  });
  for (const fulfillment of earlier) await onFulfillmentChanged(shopId, fulfillment.id, now);
}

export async function onFulfillmentChanged(
  shopId: string,
  fulfillmentId: string,
  now: Date = new Date(),
): Promise<void> {
  const fulfillment = await db().fulfillment.findFirst({ where: { id: fulfillmentId, shopId } });
  if (!fulfillment) return;
  const order = await db().order.findUnique({
    where: { shopId_shopifyOrderId: { shopId, shopifyOrderId: fulfillment.shopifyOrderId } },
  });
  // Without its order there is no customer yet; nothing is sent for it.
  if (!order?.customerId) return;
  const context = { orderId: order.id, fulfillmentId: fulfillment.id, email: order.email, phone: order.phone };

  const shipping = await enabledFlow(shopId, "SHIPPING_UPDATE");
  if (shipping) {
    const plan = planShippingUpdate(fulfillment, shipping.steps, now);
    if (plan.start) {
      await createRun(
        {
          shopId,
          flowId: shipping.id,
          customerId: order.customerId,
          triggerKey: plan.triggerKey,
          context: { ...context, shipmentStatus: plan.status },
          steps: plan.steps,
        },
        now,
      );
    }
  }

  const review = await enabledFlow(shopId, "REVIEW_REQUEST");
  if (review) {
    const plan = planReviewRequest(
      order.id,
      {
        createdAt: fulfillment.shopifyCreatedAt ?? fulfillment.createdAt,
        deliveredAt: fulfillment.deliveredAt,
        status: fulfillment.status,
      },
      flowSettings(review.settings),
      review.steps,
    );
    if (!plan.start) return;
    const existing = await db().flowRun.findUnique({
      where: { flowId_triggerKey: { flowId: review.id, triggerKey: plan.triggerKey } },
      include: { steps: true },
    });
    if (!existing) {
      await createRun(
        {
          shopId,
          flowId: review.id,
          customerId: order.customerId,
          triggerKey: plan.triggerKey,
          context,
          steps: plan.steps,
        },
        now,
      );
    } else if (existing.status === "ACTIVE" && plan.basis === "delivery") {
      // Delivery is the better clock: the pending step moves to it (and to this fulfillment).
      const changes = retimeReviewRequest(existing.steps, plan.steps);
      if (changes.length > 0) {
        await db().flowRun.update({
          where: { id: existing.id },
          data: { context: { ...runContext(existing.context), fulfillmentId: fulfillment.id } },
        });
      }
      for (const change of changes) {
        await db().flowStep.updateMany({
          where: { id: change.id, state: { in: ["PENDING", "DEFERRED"] } },
          data: { dueAt: change.dueAt, state: "PENDING", deferredReason: null },
        });
        await scheduleStepJob(change.id, change.dueAt, now);
      }
    }
  }
}

/** A customer wrote to us on any channel: a person takes over, cart recovery stops. */
export async function onCustomerReplied(
  shopId: string,
  customerId: string,
  channel: Channel,
  now: Date = new Date(),
): Promise<void> {
  const runs = await db().flowRun.findMany({
    where: { shopId, customerId, status: "ACTIVE", flow: { kind: "CART_RECOVERY" } },
    select: { id: true },
  });
  for (const run of runs) await cancelRun(run.id, `customer replied (${channel.toLowerCase()})`, now);
}

/**
 * Marketing consent withdrawn (STOP, unsubscribe link, Shopify). A marketing run
 * (cart recovery, review request) stops when none of its flow's channels still
 * allows marketing; otherwise it carries on, and each step skips the revoked
 * channel when it chooses where to send.
 */
export async function onMarketingConsentRevoked(
  shopId: string,
  customerId: string,
  channel: Channel,
  now: Date = new Date(),
): Promise<void> {
  const runs = await db().flowRun.findMany({
    where: { shopId, customerId, status: "ACTIVE", flow: { kind: { in: MARKETING_FLOW_KINDS } } },
    include: { flow: { include: { steps: true } } },
  });
  for (const run of runs) {
    const channels = [...new Set(run.flow.steps.flatMap((s) => s.channels))];
    let stillAllowed = false;
    for (const candidate of channels) {
      const answer = await consentFor({
        shopId,
        customerId,
        channel: candidate,
        purpose: "MARKETING",
        checkoutId: runContext(run.context).checkoutId ?? null,
      });
      if (answer.allowed) {
        stillAllowed = true;
        break;
      }
    }
    if (!stillAllowed) await cancelRun(run.id, `customer opted out (${channel.toLowerCase()})`, now);
  }
}
