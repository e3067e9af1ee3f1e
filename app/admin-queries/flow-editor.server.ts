// Read side of the flow editor and its live preview. Shop-scoped: another shop's
// flow or customer answers 404.
import { z } from "zod";
import { db } from "../db/client.server";
import { flowSettings } from "../flow-runs/flow-config.server";
import { buildTemplateContext } from "../templates/context.server";
import { renderMessage } from "../templates/render.server";
import { customerDisplayName } from "./customers.server";
import { notFound } from "./cursor.server";

export const PREVIEW_CUSTOMER_COUNT = 50;

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
  const customers = await db().customer.findMany({
    where: { shopId, redactedAt: null, mergedIntoId: null },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: PREVIEW_CUSTOMER_COUNT,
    select: { id: true, firstName: true, lastName: true, email: true, phone: true, locale: true },
  });
  return {
    flow: { ...flow, settings: flowSettings(flow.settings) },
    customers: customers.map((c) => ({
      id: c.id,
      label: [customerDisplayName(c), c.email ?? c.phone].filter(Boolean).join(" · "),
      locale: c.locale,
    })),
  };
}

export const previewInput = z.object({
  customerId: z.string().min(1).max(64),
  channel: z.enum(["SMS", "WHATSAPP", "EMAIL"]),
  subject: z.string().max(1_000).optional().default(""),
  body: z.string().max(20_000),
});

export type PreviewResult =
  | { ok: true; subject: string | null; body: string }
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
    db().flow.findFirst({ where: { id: flowId, shopId }, select: { id: true } }),
    db().customer.findFirst({ where: { id: input.customerId, shopId }, select: { id: true } }),
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
  });
  return renderMessage({ subject: input.channel === "EMAIL" ? input.subject : null, body: input.body }, context);
}
