// Read side of the flow editor and its live preview. Shop-scoped: another shop's
// flow or customer answers 404.
import { z } from "zod";
import { db } from "../db/client.server";
import { settingsOfKind } from "../flow-runs/flow-config.server";
import { isLifecycleKind } from "../flows/lifecycle/kinds";
import { lifecycleFlow } from "../lifecycle/registry.server";
import type { FlowKind } from "../generated/prisma/client";
import { buildTemplateContext, sampleTemplateContext, type TemplateContext } from "../templates/context.server";
import { renderMessage } from "../templates/render.server";
import { mentionsRecommendations, sampleRecommendations } from "../recommendations/template-use";
import { customerDisplayName } from "./customers.server";
import { notFound } from "./cursor.server";
import { listPreviewCustomers } from "./preview-customers.server";

export async function getFlowEditor(shopId: string, flowId: string) {
  const flow = await db().flow.findFirst({
    where: { id: flowId, shopId },
    select: {
      id: true,
      kind: true,
      name: true,
      enabled: true,
      settings: true,
      updatedAt: true,
      steps: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          position: true,
          delayMinutes: true,
          channels: true,
          templates: {
            orderBy: [{ channel: "asc" }, { locale: "asc" }],
            select: { channel: true, locale: true, subject: true, body: true, whatsappContentSid: true },
          },
        },
      },
    },
  });
  if (!flow) notFound();
  return {
    flow: { ...flow, settings: settingsOfKind(flow.kind, flow.settings) },
    customers: await listPreviewCustomers(shopId),
    // A location promotion may be limited to one of the shop's segments.
    segments:
      flow.kind === "LOCATION_PROMOTION"
        ? await db().segment.findMany({
            where: { shopId },
            orderBy: { name: "asc" },
            select: { id: true, name: true, memberCount: true },
          })
        : [],
  };
}

export const previewInput = z.object({
  customerId: z.string().min(1).max(64),
  channel: z.enum(["SMS", "WHATSAPP", "EMAIL"]),
  subject: z.string().max(1_000).optional().default(""),
  body: z.string().max(20_000),
});

export type PreviewResult =
  | { ok: true; subject: string | null; body: string; notice?: string | null }
  | { ok: false; field: "subject" | "body"; error: { message: string; line?: number; column?: number } };

/**
 * Renders a template as `customerId` would receive it, with their latest checkout,
 * order and fulfillment as the flow context (whatever exists).
 */
export async function previewTemplate(
  shopId: string,
  flowId: string,
  input: z.output<typeof previewInput>,
): Promise<PreviewResult> {
  const [flow, customer] = await Promise.all([
    db().flow.findFirst({ where: { id: flowId, shopId }, select: { id: true, kind: true } }),
    db().customer.findFirst({
      where: { id: input.customerId, shopId },
      select: { id: true, firstName: true, lastName: true, email: true, phone: true, redactedAt: true },
    }),
  ]);
  if (!flow || !customer) notFound();
  const [checkout, order] = await Promise.all([
    db().checkout.findFirst({
      where: { shopId, customerId: customer.id },
      orderBy: [{ shopifyUpdatedAt: { sort: "desc", nulls: "last" } }, { updatedAt: "desc" }],
      select: { id: true },
    }),
    db().order.findFirst({
      where: { shopId, customerId: customer.id },
      orderBy: [{ processedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      select: { id: true, shopifyOrderId: true },
    }),
  ]);
  const fulfillment = order
    ? await db().fulfillment.findFirst({
        where: { shopId, shopifyOrderId: order.shopifyOrderId },
        orderBy: { createdAt: "desc" },
        select: { id: true },
      })
    : null;
  const context = await buildTemplateContext({
    shopId,
    customerId: customer.id,
    checkoutId: checkout?.id ?? null,
    orderId: order?.id ?? null,
    fulfillmentId: fulfillment?.id ?? null,
    unsubscribeUrl: input.channel === "EMAIL" ? "https://unsubscribe.example/preview" : null,
    recommendations: mentionsRecommendations(input.channel === "EMAIL" ? input.subject : null, input.body),
  });
  const notice = [
    await fillWithSample(shopId, flow.kind, context, customerDisplayName(customer)),
    fillRecommendationsWithSample(context, customerDisplayName(customer)),
  ]
    .filter(Boolean)
    .join(". ");
  const rendered = await renderMessage(
    { subject: input.channel === "EMAIL" ? input.subject : null, body: input.body },
    context,
  );
  return rendered.ok ? { ...rendered, notice: notice || null } : rendered;
}

/**
 * A customer with nothing to recommend (no purchases, views or stock yet) would preview an empty
 * loop: sample products stand in, and the notice says so.
 */
function fillRecommendationsWithSample(context: TemplateContext, customerName: string): string | null {
  if (!context.recommendations || context.recommendations.length > 0) return null;
  context.recommendations = sampleRecommendations(context.shop.url);
  return `No product recommendations for ${customerName} yet; previewing with sample products`;
}

/** What each flow's messages are about: the object a preview cannot do without. */
const SUBJECT_OF: Partial<Record<FlowKind, "checkout" | "order" | "fulfillment">> = {
  CART_RECOVERY: "checkout",
  ORDER_CONFIRMATION: "order",
  SHIPPING_UPDATE: "fulfillment",
  REVIEW_REQUEST: "order",
  CROSS_SELL: "order",
};

/**
 * A lifecycle flow's own variables (the recipient's discount code, the product a reminder is about)
 * exist only for a run: the preview shows sample ones, and says so.
 */
async function fillLifecycleWithSample(shopId: string, kind: FlowKind, context: TemplateContext) {
  if (!isLifecycleKind(kind)) return null;
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { domain: true, name: true, email: true, currency: true, primaryLocale: true },
  });
  const sample = sampleTemplateContext(shop, { locale: context.locale });
  const own = lifecycleFlow(kind).sampleExtras?.(sample.shop.url ?? "") ?? {};
  context.discount ??= own.discount ?? sample.discount;
  context.product ??= own.product ?? sample.product;
  if (kind === "LOCATION_PROMOTION") return "The discount code is a sample; each recipient gets their own";
  if (kind === "REPLENISHMENT" || kind === "BROWSE_ABANDONMENT")
    return "The product is a sample; each message names the customer's own";
  return null;
}

/**
 * A customer without a checkout (or order, or shipment) would preview as "you left  items in your
 * cart" with no link: the missing object comes from a representative sample instead, and the
 * notice says so. The customer's own details stay.
 */
async function fillWithSample(
  shopId: string,
  kind: FlowKind,
  context: TemplateContext,
  customerName: string,
): Promise<string | null> {
  const lifecycleNotice = await fillLifecycleWithSample(shopId, kind, context);
  const subject = SUBJECT_OF[kind];
  if (!subject || context[subject]) return lifecycleNotice;
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { domain: true, name: true, email: true, currency: true, primaryLocale: true },
  });
  const sample = sampleTemplateContext(shop, { locale: context.locale });
  if (subject === "checkout") context.checkout = sample.checkout;
  if (subject === "fulfillment") {
    context.fulfillment = sample.fulfillment;
    context.order ??= sample.order;
  }
  if (subject === "order") context.order = sample.order;
  if (kind === "REVIEW_REQUEST") context.review_url ??= sample.review_url;
  const noun = subject === "fulfillment" ? "shipment" : subject;
  return `No ${noun} for ${customerName}; previewing with a sample ${noun}`;
}
