// Saving a flow from the editor: its settings, ordered steps (delay, channel
// preference) and per-channel, per-language templates. Every template is rendered
// before anything is written; one Liquid error refuses the whole save and says
// which template and where. Shop-scoped: another shop's flow answers 404.
import { z } from "zod";
import { COUNTRY_CODE, NEAR_POINT, REGION_CODE } from "./lifecycle/settings";
import { EDITABLE_CHANNELS, type EditableChannel } from "../components/flow-format";
import { db } from "../db/client.server";
import type { Prisma } from "../generated/prisma/client";
import { sampleTemplateContext } from "../templates/context.server";
import { renderMessage } from "../templates/render.server";

export { EDITABLE_CHANNELS, type EditableChannel };

const MAX_DELAY_MINUTES = 60 * 24 * 90;

const templateInput = z.object({
  channel: z.enum(EDITABLE_CHANNELS),
  locale: z
    .string()
    .trim()
    .transform((l) => l.replace(/_/g, "-").toLowerCase())
    .pipe(z.string().regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, "must be a language code such as en, fr or pt-br")),
  subject: z.string().max(1_000).nullish(),
  body: z.string().max(20_000),
  whatsappContentSid: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(
      z
        .string()
        .regex(/^HX[0-9a-fA-F]{32}$/, "must be a Content SID (HX + 32 hex)")
        .nullable(),
    )
    .nullish(),
});

const stepInput = z.object({
  delayMinutes: z.coerce.number().int().min(0).max(MAX_DELAY_MINUTES),
  channels: z
    .array(z.enum(EDITABLE_CHANNELS))
    .min(1, "choose at least one channel")
    .refine((c) => new Set(c).size === c.length, "each channel once"),
  templates: z.array(templateInput).max(200),
});

const days = z.coerce.number().int().min(1).max(365);

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** "US, CA" or ["US", "CA"] → ["US", "CA"], each checked against the pattern. */
const codeList = (pattern: RegExp, example: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(/[\s,]+/)).map((c) => c.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(pattern, `must be codes such as ${example}`)).max(300));

export const flowSettingsInput = z.object({
  maxAgeDays: days.optional(),
  attributionWindowDays: days.optional(),
  reviewDelayDays: days.optional(),
  reviewDelayDaysWithoutDelivery: days.optional(),
  // Lifecycle flows (app/flows/lifecycle/settings.ts has their defaults).
  signupWithinDays: whole(1, 60).optional(),
  browseLookbackHours: whole(1, 168).optional(),
  browseCooldownDays: whole(0, 90).optional(),
  deliveredWithinDays: whole(1, 60).optional(),
  replenishmentLeadDays: whole(0, 60).optional(),
  lapsedDays: whole(7, 730).optional(),
  winBackAtRisk: whole(0, 1).optional(),
  winBackCooldownDays: whole(0, 730).optional(),
  promotionName: z.string().trim().max(60).optional(),
  countries: codeList(COUNTRY_CODE, "US or FR").optional(),
  regions: codeList(REGION_CODE, "US-CA or CA-QC").optional(),
  near: NEAR_POINT.nullable().optional(),
  discountPercent: whole(1, 100).optional(),
  discountValidDays: whole(1, 365).optional(),
  segmentId: z.string().trim().min(1).max(64).nullable().optional(),
});

export const updateFlowInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  settings: flowSettingsInput.default({}),
  steps: z.array(stepInput).min(1, "a flow needs at least one step").max(10),
});

export type UpdateFlowInput = z.input<typeof updateFlowInput>;

export interface FlowSaveError {
  /** Step index (0-based), when the problem is in a step. */
  step?: number;
  channel?: EditableChannel;
  locale?: string;
  field: string;
  message: string;
  line?: number;
  column?: number;
}

export type UpdateFlowResult = { ok: true } | { ok: false; errors: FlowSaveError[] };

/**
 * A stand-in context with every documented variable, for validating without a shop
 * (updateFlow uses the shop's own sampleTemplateContext; the live preview a real customer).
 */
export const SAMPLE_TEMPLATE_CONTEXT = {
  shop: { name: "Your shop", domain: "example.myshopify.com", url: "https://example.com", email: "shop@example.com" },
  customer: {
    first_name: "Alex",
    last_name: "Doe",
    name: "Alex Doe",
    email: "alex@example.com",
    phone: "+14155550123",
    locale: "en",
  },
  checkout: {
    abandoned_checkout_url: "https://example.com/checkouts/abc/recover",
    line_items: [{ title: "T-shirt", quantity: 1, price: "25.00", variant_title: "M" }],
    total_price: "25.00",
    currency: "USD",
    item_count: 1,
  },
  order: {
    name: "#1001",
    line_items: [{ title: "T-shirt", quantity: 1, price: "25.00", variant_title: "M" }],
    order_status_url: "https://example.com/orders/abc",
    total_price: "25.00",
    currency: "USD",
  },
  fulfillment: {
    tracking_company: "UPS",
    tracking_number: "1Z999",
    tracking_url: "https://example.com/track/1Z999",
    shipment_status: "in_transit",
  },
  review_url: "https://example.com/review",
  unsubscribe_url: "https://example.com/unsubscribe",
  currency: "USD",
  locale: "en",
};

function zodErrors(error: z.ZodError): FlowSaveError[] {
  return error.issues.map((issue) => {
    const [first, index, second, tIndex, field] = issue.path;
    const out: FlowSaveError = { field: issue.path.map(String).join(".") || "flow", message: issue.message };
    if (first === "steps" && typeof index === "number") {
      out.step = index;
      if (second === "templates" && typeof tIndex === "number") out.field = String(field ?? "template");
      else out.field = String(second ?? "step");
    }
    return out;
  });
}

/** Checks everything a save needs, without writing. Also used by the route before saving. */
export async function validateFlowInput(
  raw: unknown,
  context: object = SAMPLE_TEMPLATE_CONTEXT,
): Promise<{ ok: true; data: z.output<typeof updateFlowInput> } | { ok: false; errors: FlowSaveError[] }> {
  const parsed = updateFlowInput.safeParse(raw);
  if (!parsed.success) {
    // Attach channel/locale to template errors where the raw input has them.
    const errors = zodErrors(parsed.error).map((e, i) => {
      const path = parsed.error.issues[i]?.path ?? [];
      if (path[0] === "steps" && path[2] === "templates" && typeof path[3] === "number") {
        const t = (raw as { steps?: Array<{ templates?: Array<{ channel?: string; locale?: string }> }> })?.steps?.[
          path[1] as number
        ]?.templates?.[path[3]];
        if (t?.channel && (EDITABLE_CHANNELS as readonly string[]).includes(t.channel)) {
          e.channel = t.channel as EditableChannel;
        }
        if (t?.locale) e.locale = t.locale;
      }
      return e;
    });
    return { ok: false, errors };
  }
  const data = parsed.data;
  const errors: FlowSaveError[] = [];
  for (const [stepIndex, step] of data.steps.entries()) {
    const seen = new Set<string>();
    for (const t of step.templates) {
      const key = `${t.channel}:${t.locale}`;
      if (seen.has(key)) {
        errors.push({
          step: stepIndex,
          channel: t.channel,
          locale: t.locale,
          field: "locale",
          message: "duplicate language",
        });
        continue;
      }
      seen.add(key);
      if (!t.body.trim()) {
        errors.push({
          step: stepIndex,
          channel: t.channel,
          locale: t.locale,
          field: "body",
          message: "the message is empty",
        });
        continue;
      }
      if (t.channel === "EMAIL" && !t.subject?.trim()) {
        errors.push({
          step: stepIndex,
          channel: t.channel,
          locale: t.locale,
          field: "subject",
          message: "an email needs a subject",
        });
        continue;
      }
      const rendered = await renderMessage(
        { subject: t.channel === "EMAIL" ? (t.subject ?? null) : null, body: t.body },
        context,
      );
      if (!rendered.ok) {
        errors.push({
          step: stepIndex,
          channel: t.channel,
          locale: t.locale,
          field: rendered.field,
          message: rendered.error.message,
          line: rendered.error.line,
          column: rendered.error.column,
        });
      }
    }
    for (const channel of step.channels) {
      if (!step.templates.some((t) => t.channel === channel)) {
        errors.push({
          step: stepIndex,
          channel,
          field: "templates",
          message: `no ${channel === "EMAIL" ? "email" : channel === "SMS" ? "SMS" : "WhatsApp"} template, but the channel is selected`,
        });
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, data };
}

/**
 * Saves the editor's flow in one transaction. Step definitions are kept by position
 * (updated in place, extras created, surplus deleted) and their templates replaced.
 */
export async function updateFlow(shopId: string, flowId: string, raw: unknown): Promise<UpdateFlowResult> {
  const flow = await db().flow.findFirst({
    where: { id: flowId, shopId },
    select: {
      id: true,
      settings: true,
      shop: { select: { domain: true, name: true, email: true, currency: true, primaryLocale: true } },
    },
  });
  if (!flow) throw new Response("Not found", { status: 404 });
  const validated = await validateFlowInput(raw, sampleTemplateContext(flow.shop));
  if (!validated.ok) return validated;
  const input = validated.data;
  const segmentError = await foreignSegmentError(shopId, input.settings.segmentId);
  if (segmentError) return { ok: false, errors: [segmentError] };
  const previousSettings =
    flow.settings && typeof flow.settings === "object" && !Array.isArray(flow.settings)
      ? (flow.settings as Record<string, unknown>)
      : {};
  const settings = { ...previousSettings, ...stripUndefined(input.settings) };

  await db().$transaction(async (tx) => {
    // Re-checked inside the transaction with the shop: nothing is written for another shop's flow.
    const updated = await tx.flow.updateMany({
      where: { id: flowId, shopId },
      data: { settings: settings as Prisma.InputJsonObject, ...(input.name ? { name: input.name } : {}) },
    });
    if (updated.count === 0) throw new Response("Not found", { status: 404 });
    const existing = await tx.flowStepDefinition.findMany({
      where: { flowId },
      orderBy: { position: "asc" },
      select: { id: true, position: true },
    });
    const byPosition = new Map(existing.map((d) => [d.position, d.id]));
    await tx.flowStepDefinition.deleteMany({ where: { flowId, position: { gte: input.steps.length } } });
    for (const [position, step] of input.steps.entries()) {
      const data = { delayMinutes: step.delayMinutes, channels: step.channels };
      const existingId = byPosition.get(position);
      const definitionId = existingId
        ? (await tx.flowStepDefinition.update({ where: { id: existingId }, data, select: { id: true } })).id
        : (await tx.flowStepDefinition.create({ data: { flowId, position, ...data }, select: { id: true } })).id;
      await tx.template.deleteMany({ where: { stepDefinitionId: definitionId } });
      if (step.templates.length) {
        await tx.template.createMany({
          data: step.templates.map((t) => ({
            shopId,
            stepDefinitionId: definitionId,
            channel: t.channel,
            locale: t.locale,
            subject: t.channel === "EMAIL" ? (t.subject?.trim() ?? null) : null,
            body: t.body,
            whatsappContentSid: t.channel === "WHATSAPP" ? (t.whatsappContentSid ?? null) : null,
          })),
        });
      }
    }
  });
  return { ok: true };
}

/** A location promotion's segment must be one of the shop's own (another shop's id is refused). */
async function foreignSegmentError(
  shopId: string,
  segmentId: string | null | undefined,
): Promise<FlowSaveError | null> {
  if (!segmentId) return null;
  const segment = await db().segment.findFirst({ where: { id: segmentId, shopId }, select: { id: true } });
  return segment ? null : { field: "settings.segmentId", message: "choose one of your shop's segments" };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
