// One due step's decision on the batch's facts, by the same rules as runFlowStep
// (app/flow-runs/run-flow-step.server.ts). Only the plain case is decided here: a transactional
// step of an active run, due now, on SMS or email, with its template rendering. Anything else
// (a deferral, a skip, a failure, WhatsApp, a checkout or recommendations to read) is answered
// "full": runFlowStep then runs that step alone and records exactly what it always did.
import { consentFromRows } from "../../consent/effective-consent.server";
import { chooseChannel } from "../../flows/choose-channel";
import { purposeOf } from "../../flows/flow-purpose";
import { flowIdempotencyKey, pinShipmentStatus } from "../../flow-runs/run-flow-step.server";
import type { Channel } from "../../generated/prisma/client";
import type { OutboundMetadata } from "../../messages/claim-outbound.server";
import { mentionsRecommendations } from "../../recommendations/template-use";
import { buildTemplateContext } from "../../templates/context.server";
import { pickTemplate } from "../../templates/pick-template";
import { renderMessage } from "../../templates/render.server";
import { definitionKey, type DueStep, type DueStepFacts } from "./load-due-steps.server";
import type { EmailSender } from "../../flow-runs/step-facts.server";

/** A step woken less than this before its due time just runs (as in runFlowStep). */
const EARLY_TOLERANCE_MS = 1000;
const BATCHED_CHANNELS: Channel[] = ["SMS", "EMAIL"];

export interface StepSend {
  step: DueStep;
  channel: Channel;
  to: string;
  body: string;
  subject: string | null;
  idempotencyKey: string;
  metadata: OutboundMetadata;
  emailSender: EmailSender | null;
}

export type StepDecision = { send: StepSend } | { full: true };

const FULL: StepDecision = { full: true };

export async function decideDueStep(step: DueStep, facts: DueStepFacts, now: Date): Promise<StepDecision> {
  if (step.state !== "PENDING" || step.runStatus !== "ACTIVE") return FULL;
  if (step.dueAt.getTime() - now.getTime() > EARLY_TOLERANCE_MS) return FULL;
  const purpose = purposeOf(step.flowKind);
  if (purpose !== "TRANSACTIONAL" || step.context.checkoutId) return FULL;
  const definition = facts.definitions.get(definitionKey(step.flowId, step.position));
  const customer = facts.customers.get(step.customerId);
  const shop = facts.shops.get(step.shopId);
  const channels = facts.channels.get(step.shopId);
  const order = step.context.orderId ? facts.orders.get(step.context.orderId) : null;
  const fulfillment = step.context.fulfillmentId ? facts.fulfillments.get(step.context.fulfillmentId) : null;
  // A fulfillment's order is read by its Shopify id when the run does not name it: the full path does that.
  if (fulfillment && !order) return FULL;
  if (!definition || !customer || !shop || !channels || order === undefined || fulfillment === undefined) return FULL;
  if (definition.channels.some((c) => !BATCHED_CHANNELS.includes(c))) return FULL;

  const rows = facts.consents.get(customer.id) ?? [];
  const consent: Partial<Record<Channel, { allowed: boolean; reason: string }>> = {};
  for (const channel of definition.channels) {
    const answer = consentFromRows(
      rows.filter((r) => r.channel === channel),
      channel,
      purpose,
    );
    if (!answer) return FULL;
    consent[channel] = answer;
  }
  const choice = chooseChannel({
    preference: definition.channels,
    customer: {
      email: customer.email ?? step.context.email ?? null,
      phone: customer.phone ?? step.context.phone ?? null,
      whatsapp: null,
      lastWhatsappInboundAt: null,
    },
    consent,
    connected: channels.connected,
    whatsappTemplateApproved: false,
    now,
  });
  if ("none" in choice) return FULL;
  const template = pickTemplate(definition.templates, choice.channel, customer.locale, shop.primaryLocale);
  if (!template) return FULL;
  // Recommendations are queries of their own (decision 0056): such a step runs alone, side by side
  // with the batch's other full steps, and the plain decisions here stay free of them.
  if (mentionsRecommendations(template.subject, template.body)) return FULL;

  const context = await buildTemplateContext({
    shopId: step.shopId,
    customerId: customer.id,
    orderId: step.context.orderId ?? null,
    fulfillmentId: step.context.fulfillmentId ?? null,
    unsubscribeUrl: null,
    loaded: { shop, customer, order, fulfillment },
  }).catch(() => null);
  if (!context) return FULL;
  pinShipmentStatus(context, step.flowKind, step.context);
  const rendered = await renderMessage({ subject: template.subject, body: template.body }, context);
  if (!rendered.ok) return FULL;
  return {
    send: {
      step,
      channel: choice.channel,
      to: choice.to,
      body: rendered.body,
      subject: choice.channel === "EMAIL" ? rendered.subject : null,
      idempotencyKey: flowIdempotencyKey(step.runId, step.position, choice.channel),
      metadata: { purpose },
      emailSender: choice.channel === "EMAIL" ? channels.emailSender : null,
    },
  };
}
