// The flow-step job: one FlowStep row, decided afresh every time it runs (the row
// is the truth, the job only a wake-up call). Order of the rules:
//   1. only a PENDING/DEFERRED step of an ACTIVE run does anything;
//   2. a step woken early (re-timed) goes back to sleep until its due time;
//   3. cart recovery re-checks its stop conditions (completed, ordered, replied), and a lifecycle
//      flow its own (app/lifecycle/);
//   4. the channel: first of the step's preference that is reachable, connected,
//      consented, and (WhatsApp) inside the 24-hour window or with an approved template;
//   5. marketing only: quiet hours in the recipient's zone, then the frequency cap
//      (both DEFER the step to the allowed time, never drop it);
//   6. render the template (Liquid errors fail the step with the error shown);
//   7. claim the Message under flow:<runId>:<position>:<channel> and queue its send.
import { DelayedError, type Job } from "bullmq";
import { consentFor } from "../consent/effective-consent.server";
import { listUnsubscribeHeaders, unsubscribeUrl } from "../consent/unsubscribe-link.server";
import { db } from "../db/client.server";
import type { Channel, FlowKind } from "../generated/prisma/client";
import { cartRecoveryStopReason } from "../flows/cart-recovery-stop";
import { chooseChannel } from "../flows/choose-channel";
import { frequencyCapAllowsAt } from "../flows/frequency-cap";
import { purposeOf } from "../flows/flow-purpose";
import { MESSAGED_SHIPMENT_STATUSES, SHIPPED } from "../flows/plan-shipping-update";
import { nextAllowedTime } from "../flows/quiet-hours";
import { shopMessagingSettings } from "../flows/shop-settings";
import { frequencyCapReason, noChannelReason, quietHoursReason } from "../flows/step-reason";
import { logger } from "../lib/logger.server";
import { lifecycleStopReason, lifecycleTemplateExtras } from "../lifecycle/step-hooks.server";
import type { Tx } from "../commerce/transaction.server";
import { AdmissionRefusedError, claimOutboundMessage } from "../messages/claim-outbound.server";
import { enqueueSend } from "../messages/enqueue-send.server";
import { mentionsRecommendations } from "../recommendations/template-use";
import { buildTemplateContext, type TemplateContext } from "../templates/context.server";
import { pickTemplate } from "../templates/pick-template";
import { renderMessage } from "../templates/render.server";
import { runContext, type RunContext } from "./flow-config.server";
import { cancelRun, completeRunIfDone } from "./run-lifecycle.server";
import { scheduleStepJob } from "./step-jobs.server";
import { shopChannels, customerChannelFacts, recentMarketingSends, recipientZone } from "./step-facts.server";

/** A step woken less than this before its due time just runs. */
const EARLY_TOLERANCE_MS = 1000;
const FLOW_CHANNELS: Channel[] = ["SMS", "WHATSAPP", "EMAIL"];

export interface RunFlowStepOptions {
  /** The BullMQ job running this step; lets a deferral move the job itself. */
  job?: Job;
  now?: Date;
}

export type StepOutcome = "noop" | "rescheduled" | "cancelled" | "skipped" | "deferred" | "failed" | "claimed";

export function flowIdempotencyKey(runId: string, position: number, channel: Channel): string {
  return `flow:${runId}:${position}:${channel}`;
}

export async function runFlowStep(flowStepId: string, options: RunFlowStepOptions = {}): Promise<StepOutcome> {
  const now = options.now ?? new Date();
  const step = await db().flowStep.findUnique({
    where: { id: flowStepId },
    include: { run: { include: { flow: true, customer: true, shop: true } } },
  });
  if (!step) return "noop";
  const { run } = step;

  if (step.state === "RUNNING") return resumeRunning(step.id);
  if (step.state !== "PENDING" && step.state !== "DEFERRED") return "noop";
  if (run.status !== "ACTIVE") {
    await db().flowStep.updateMany({
      where: { id: step.id, state: { in: ["PENDING", "DEFERRED"] } },
      data: { state: "CANCELLED", lastError: run.endReason ?? "run ended" },
    });
    return "cancelled";
  }
  if (step.dueAt.getTime() - now.getTime() > EARLY_TOLERANCE_MS) {
    await sleepUntil(step.id, step.dueAt, now, options.job);
    return "rescheduled";
  }

  const context = runContext(run.context);
  const kind: FlowKind = run.flow.kind;
  const purpose = purposeOf(kind);

  const stopReason =
    kind === "CART_RECOVERY" ? await cartRecoveryStop(run, context) : await lifecycleStopReason(run, context, now);
  if (stopReason) {
    await cancelRun(run.id, stopReason, now);
    return "cancelled";
  }

  const definition = await db().flowStepDefinition.findUnique({
    where: { flowId_position: { flowId: run.flowId, position: step.position } },
    include: { templates: true },
  });
  if (!definition) return skip(step.id, run.id, "the flow no longer has this step", now);

  const customer = run.customer;
  const facts = await customerChannelFacts(run.shopId, customer, context, {
    whatsapp: definition.channels.includes("WHATSAPP"),
  });
  const preference = definition.channels.filter((c) => FLOW_CHANNELS.includes(c));
  const consent: Partial<Record<Channel, { allowed: boolean; reason: string }>> = {};
  for (const channel of new Set(preference)) {
    consent[channel] = await consentFor({
      shopId: run.shopId,
      customerId: customer.id,
      channel,
      purpose,
      checkoutId: context.checkoutId ?? null,
    });
  }
  const whatsappTemplate = pickTemplate(definition.templates, "WHATSAPP", customer.locale, run.shop.primaryLocale);
  const channels = await shopChannels(run.shopId);
  const choice = chooseChannel({
    preference: definition.channels,
    customer: facts,
    consent,
    connected: channels.connected,
    whatsappTemplateApproved: !!whatsappTemplate?.whatsappContentSid,
    now,
  });
  if ("none" in choice) {
    return skip(step.id, run.id, noChannelReason(choice.reasons), now);
  }

  const settings = shopMessagingSettings(run.shop.settings);
  const cap = settings.frequencyCap;
  /** When the frequency cap next allows a marketing message on this channel, or null if now. */
  const capDeferral = async (client?: Tx) =>
    frequencyCapAllowsAt(
      await recentMarketingSends(
        run.shopId,
        customer.id,
        choice.channel,
        new Date(now.getTime() - cap.windowHours * 3600_000),
        step.id,
        client,
      ),
      cap,
      now,
    );
  const deferForCap = (until: Date) => defer(step.id, until, frequencyCapReason(cap, choice.channel), now, options.job);

  if (purpose === "MARKETING") {
    const zone = await recipientZone({
      shopId: run.shopId,
      customer,
      shopTimezone: run.shop.ianaTimezone,
      context,
      phone: choice.channel === "EMAIL" ? facts.phone : choice.to,
    });
    const quietUntil = nextAllowedTime(now, zone, settings.quietHours);
    if (quietUntil) {
      return defer(step.id, quietUntil, quietHoursReason(zone, settings.quietHours), now, options.job);
    }
    const capUntil = await capDeferral();
    if (capUntil) return deferForCap(capUntil);
  }

  const template = pickTemplate(definition.templates, choice.channel, customer.locale, run.shop.primaryLocale);
  if (!template) return fail(step.id, run.id, `No ${choice.channel} template for this step.`, now);

  const unsubscribe =
    purpose === "MARKETING"
      ? unsubscribeUrl({ shopId: run.shopId, customerId: customer.id, channel: choice.channel })
      : null;
  // After consent, quiet hours and the cap: a location promotion's code is created only for a message about to go.
  const lifecycle = await lifecycleTemplateExtras(run, context, now);
  if ("skip" in lifecycle) return skip(step.id, run.id, lifecycle.skip, now);
  let templateContext: TemplateContext;
  try {
    templateContext = await buildTemplateContext({
      shopId: run.shopId,
      customerId: customer.id,
      checkoutId: context.checkoutId ?? null,
      orderId: context.orderId ?? null,
      fulfillmentId: context.fulfillmentId ?? null,
      unsubscribeUrl: unsubscribe,
      recommendations: mentionsRecommendations(template.subject, template.body),
      loaded: { shop: run.shop, customer },
    });
  } catch (err) {
    return fail(step.id, run.id, `Could not build the message: ${(err as Error).message}`, now);
  }
  Object.assign(templateContext, lifecycle.extras);
  pinShipmentStatus(templateContext, kind, context);
  const rendered = await renderMessage({ subject: template.subject, body: template.body }, templateContext);
  if (!rendered.ok) {
    const where = rendered.error.line
      ? ` (line ${rendered.error.line}${rendered.error.column ? `, column ${rendered.error.column}` : ""})`
      : "";
    return fail(step.id, run.id, `Liquid error in the ${rendered.field}${where}: ${rendered.error.message}`, now);
  }

  const headers =
    purpose === "MARKETING" && choice.channel === "EMAIL" && unsubscribe
      ? listUnsubscribeHeaders(unsubscribe)
      : undefined;
  const existing = await db().message.findUnique({ where: { flowStepId: step.id }, select: { id: true } });
  let claimed: { messageId: string } | null = existing ? { messageId: existing.id } : null;
  try {
    claimed ??= await claimOutboundMessage({
      shopId: run.shopId,
      customerId: customer.id,
      channel: choice.channel,
      toAddress: choice.to,
      body: rendered.body,
      subject: choice.channel === "EMAIL" ? rendered.subject : null,
      author: "FLOW",
      authorName: run.flow.name,
      idempotencyKey: flowIdempotencyKey(run.id, step.position, choice.channel),
      flowId: run.flowId,
      flowRunId: run.id,
      flowStepId: step.id,
      ...(choice.channel === "EMAIL" && channels.emailSender ? { emailThreading: channels.emailSender } : {}),
      metadata: {
        purpose,
        ...(headers ? { headers } : {}),
        ...(choice.useWhatsappTemplate && whatsappTemplate?.whatsappContentSid
          ? {
              whatsappTemplate: {
                contentSid: whatsappTemplate.whatsappContentSid,
                variables: whatsappVariables(templateContext),
              },
            }
          : {}),
      },
      // Two marketing steps for one customer and channel at the same moment: the cap is checked
      // again under a lock, inside the claim, so only one of them can pass it.
      ...(purpose === "MARKETING"
        ? {
            admission: {
              lockKey: `frequency-cap:${customer.id}:${choice.channel}`,
              admit: async (tx: Tx) => (await capDeferral(tx)) === null,
            },
          }
        : {}),
    });
  } catch (err) {
    if (!(err instanceof AdmissionRefusedError)) throw err;
    const until = await capDeferral();
    if (until) return deferForCap(until);
    throw err; // the cap freed up meanwhile: the job's retry claims again
  }
  const messageId = claimed.messageId;
  await db().flowStep.updateMany({
    where: { id: step.id, state: { in: ["PENDING", "DEFERRED"] } },
    data: {
      state: "RUNNING",
      channel: choice.channel,
      attempts: { increment: 1 },
      deferredReason: null,
      lastError: null,
    },
  });
  await enqueueSend(messageId);
  await completeRunIfDone(run.id, now);
  logger.info({ flowStepId: step.id, runId: run.id, channel: choice.channel, messageId }, "flow step claimed a send");
  return "claimed";
}

/**
 * A shipping update speaks of the status that started its run, even if the
 * fulfillment has moved on since (in_transit sent after delivered arrived).
 */
export function pinShipmentStatus(ctx: TemplateContext, kind: FlowKind, run: RunContext): void {
  if (kind !== "SHIPPING_UPDATE" || !ctx.fulfillment || !run.shipmentStatus) return;
  if (run.shipmentStatus !== SHIPPED) {
    ctx.fulfillment.shipment_status = run.shipmentStatus;
  } else if ((MESSAGED_SHIPMENT_STATUSES as readonly string[]).includes(ctx.fulfillment.shipment_status ?? "")) {
    ctx.fulfillment.shipment_status = null;
  }
}

/** Variables for an approved WhatsApp template: {{1}} the first name, {{2}} the link that matters. */
export function whatsappVariables(ctx: TemplateContext): Record<string, string> {
  // A lifecycle message's own link first: the code that applies itself, the product it is about.
  const link =
    ctx.discount?.url ??
    ctx.product?.url ??
    ctx.checkout?.abandoned_checkout_url ??
    ctx.fulfillment?.tracking_url ??
    ctx.review_url ??
    ctx.order?.order_status_url ??
    ctx.shop.url;
  return { "1": ctx.customer.first_name ?? "", "2": link ?? "" };
}

async function cartRecoveryStop(
  run: { id: string; shopId: string; customerId: string; triggerKey: string; startedAt: Date },
  context: RunContext,
) {
  const since = context.since ? new Date(context.since) : run.startedAt;
  const [checkout, orders, recentInbound] = await Promise.all([
    context.checkoutId
      ? db().checkout.findFirst({
          where: { id: context.checkoutId, shopId: run.shopId },
          select: { completedAt: true },
        })
      : null,
    db().order.findMany({
      where: {
        shopId: run.shopId,
        OR: [
          { checkoutToken: run.triggerKey },
          { customerId: run.customerId, createdAt: { gte: since } },
          ...(context.email ? [{ email: context.email, createdAt: { gte: since } }] : []),
          ...(context.phone ? [{ phone: context.phone, createdAt: { gte: since } }] : []),
        ],
      },
      select: { checkoutToken: true, customerId: true, email: true, phone: true, processedAt: true, createdAt: true },
      take: 20,
    }),
    db().message.findMany({
      where: { shopId: run.shopId, customerId: run.customerId, direction: "INBOUND", createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true, metadata: true },
      take: 10,
    }),
  ]);
  // STOP/START are consent commands, not a conversation: they do not count as a reply.
  const lastInbound = recentInbound.find((m) => !(m.metadata as { keyword?: string } | null)?.keyword);
  return cartRecoveryStopReason({
    run: {
      checkoutToken: run.triggerKey,
      customerId: run.customerId,
      email: context.email ?? null,
      phone: context.phone ?? null,
      since,
    },
    checkoutCompletedAt: checkout?.completedAt ?? null,
    orders: orders.map((o) => ({ ...o, placedAt: o.processedAt ?? o.createdAt })),
    lastInboundAt: lastInbound?.createdAt ?? null,
    optedOut: false,
  });
}

/** A RUNNING step was claimed before: make sure its message is queued; a crash before the claim runs it again. */
async function resumeRunning(stepId: string): Promise<StepOutcome> {
  const message = await db().message.findUnique({
    where: { flowStepId: stepId },
    select: { id: true, deliveryStatus: true },
  });
  if (message?.deliveryStatus === "PENDING") await enqueueSend(message.id);
  return "noop";
}

async function skip(stepId: string, runId: string, reason: string, now: Date): Promise<StepOutcome> {
  await db().flowStep.updateMany({
    where: { id: stepId, state: { in: ["PENDING", "DEFERRED"] } },
    data: { state: "SKIPPED", lastError: reason, deferredReason: null },
  });
  await completeRunIfDone(runId, now);
  logger.info({ flowStepId: stepId, reason }, "flow step skipped");
  return "skipped";
}

async function fail(stepId: string, runId: string, error: string, now: Date): Promise<StepOutcome> {
  await db().flowStep.updateMany({
    where: { id: stepId, state: { in: ["PENDING", "DEFERRED"] } },
    data: { state: "FAILED", lastError: error, deferredReason: null },
  });
  await completeRunIfDone(runId, now);
  logger.warn({ flowStepId: stepId, error }, "flow step failed");
  return "failed";
}

async function defer(stepId: string, until: Date, reason: string, now: Date, job?: Job): Promise<StepOutcome> {
  await db().flowStep.updateMany({
    where: { id: stepId, state: { in: ["PENDING", "DEFERRED"] } },
    data: { state: "DEFERRED", dueAt: until, deferredReason: reason },
  });
  logger.info({ flowStepId: stepId, until, reason }, "flow step deferred");
  await sleepUntil(stepId, until, now, job);
  return "deferred";
}

/**
 * Puts the step's job back to sleep until `dueAt`. Inside the step's own job (job
 * given, with its lock token) the job itself is moved to delayed, which ends this
 * run of it. Otherwise the job is (re)scheduled once the current one is gone; the
 * reconciler repairs anything missed.
 */
async function sleepUntil(stepId: string, dueAt: Date, now: Date, job?: Job): Promise<void> {
  if (job?.token && job.id === stepId) {
    await job.moveToDelayed(Math.max(dueAt.getTime(), Date.now()), job.token);
    throw new DelayedError();
  }
  const outcome = await scheduleStepJob(stepId, dueAt, now);
  if (outcome === "left") rescheduleAfterCurrentJob(stepId);
}

/** The step's own job is running (it is us): schedule the next wake-up once it has finished. */
function rescheduleAfterCurrentJob(stepId: string, attempt = 0): void {
  const timer = setTimeout(
    async () => {
      try {
        const step = await db().flowStep.findUnique({ where: { id: stepId }, select: { state: true, dueAt: true } });
        if (!step || (step.state !== "PENDING" && step.state !== "DEFERRED")) return;
        const outcome = await scheduleStepJob(stepId, step.dueAt);
        if (outcome === "left" && attempt < 5) rescheduleAfterCurrentJob(stepId, attempt + 1);
      } catch (err) {
        logger.warn({ stepId, err: (err as Error).message }, "could not reschedule flow step; the reconciler will");
      }
    },
    500 * (attempt + 1),
  );
  timer.unref?.();
}
