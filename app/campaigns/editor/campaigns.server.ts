// The campaign editor's write and read side: create and update drafts (zod, the shop's own segment,
// Liquid that renders), read one for the editor, list the shop's campaigns. Every query is scoped by
// shopId: another shop's campaign or segment id answers 404 / a field error, never its data.
import { db } from "../../db/client.server";
import type { Campaign, Prisma } from "../../generated/prisma/client";
import { sampleTemplateContext } from "../../templates/context.server";
import { renderMessage } from "../../templates/render.server";
import { readCampaignContent, type CampaignChannel } from "../content";
import {
  campaignDraftInput,
  crossFieldErrors,
  emptyDraft,
  fieldErrorsOf,
  normaliseDraft,
  type CampaignDraftInput,
  type FieldErrors,
  type SendMode,
  type WinnerMetric,
} from "./draft";
import { instantFromShopTime, shopTimeOf, shopZone } from "./shop-time";

export function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** Statuses in which the content, audience and time may still change. */
export const EDITABLE_STATUSES = ["DRAFT", "SCHEDULED"] as const;

export function isEditable(status: Campaign["status"]): boolean {
  return (EDITABLE_STATUSES as readonly string[]).includes(status);
}

export type SaveDraftResult =
  | { ok: true; id: string; status: Campaign["status"] }
  | { ok: false; status: 400 | 409; error: string; fieldErrors: FieldErrors };

export async function requireCampaign(shopId: string, id: string): Promise<Campaign> {
  const row = await db().campaign.findFirst({ where: { id, shopId } });
  if (!row) notFound();
  return row;
}

/** Liquid errors of every template of the draft, rendered against a sample customer. */
async function templateErrors(
  shop: Parameters<typeof sampleTemplateContext>[0],
  draft: CampaignDraftInput,
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const context = sampleTemplateContext(shop);
  for (const [i, variant] of draft.content.variants.entries()) {
    for (const channel of draft.channels) {
      const message = variant.messages[channel];
      if (!message) continue;
      const rendered = await renderMessage(
        { subject: channel === "EMAIL" ? message.subject : null, body: message.body },
        { ...context, unsubscribe_url: channel === "EMAIL" ? context.unsubscribe_url : null },
      );
      if (!rendered.ok) {
        const where = rendered.error.line
          ? ` (line ${rendered.error.line}${rendered.error.column ? `, column ${rendered.error.column}` : ""})`
          : "";
        errors[`content.variants.${i}.messages.${channel}.${rendered.field}`] =
          `Liquid error${where}: ${rendered.error.message}`;
      }
    }
  }
  return errors;
}

/** Parses and checks a submitted draft for `shopId`; the data to write, or the field errors. */
export async function validateDraft(
  shopId: string,
  raw: unknown,
): Promise<
  | { ok: true; draft: CampaignDraftInput; data: Omit<Prisma.CampaignUncheckedCreateInput, "shopId"> }
  | { ok: false; fieldErrors: FieldErrors }
> {
  const parsed = campaignDraftInput.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const draft = normaliseDraft(parsed.data);
  const shop = await db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { domain: true, name: true, email: true, currency: true, primaryLocale: true, ianaTimezone: true },
  });
  // In the form's order, so the first error (the answer's `error`) is the first field to fix.
  const errors: FieldErrors = {};
  if (draft.segmentId) {
    const segment = await db().segment.count({ where: { id: draft.segmentId, shopId } });
    if (segment === 0) errors.segmentId = "Choose one of your segments";
  }
  Object.assign(errors, crossFieldErrors(draft));
  const sendAt = draft.sendAt ? instantFromShopTime(draft.sendAt, shop.ianaTimezone) : null;
  if (draft.sendAt && !sendAt) errors.sendAt = "Give the date and time as YYYY-MM-DDTHH:MM";
  Object.assign(errors, await templateErrors(shop, draft));
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return {
    ok: true,
    draft,
    data: {
      name: draft.name,
      segmentId: draft.segmentId,
      channels: draft.channels,
      content: draft.content as unknown as Prisma.InputJsonValue,
      sendMode: draft.sendMode,
      sendAt,
      winnerMetric: draft.winnerMetric,
    },
  };
}

/**
 * Creates (id null) or updates a draft. Only DRAFT and SCHEDULED campaigns change; saving a
 * SCHEDULED one takes it back to DRAFT, so staff look at the audience again and schedule it anew
 * (the engine's scheduled job finds a draft and does nothing).
 */
export async function saveCampaignDraft(shopId: string, id: string | null, raw: unknown): Promise<SaveDraftResult> {
  const existing = id ? await requireCampaign(shopId, id) : null;
  if (existing && !isEditable(existing.status)) {
    const error = `This campaign is ${existing.status.toLowerCase()}: only draft and scheduled campaigns can be edited`;
    return { ok: false, status: 409, error, fieldErrors: { campaign: error } };
  }
  const checked = await validateDraft(shopId, raw);
  if (!checked.ok) {
    const [first] = Object.entries(checked.fieldErrors);
    return { ok: false, status: 400, error: `${first[0]}: ${first[1]}`, fieldErrors: checked.fieldErrors };
  }
  if (!existing) {
    const row = await db().campaign.create({ data: { ...checked.data, shopId, status: "DRAFT" } });
    return { ok: true, id: row.id, status: row.status };
  }
  // Conditional on the status read above: a campaign the engine started meanwhile is not rewritten.
  const { count } = await db().campaign.updateMany({
    where: { id: existing.id, shopId, status: { in: [...EDITABLE_STATUSES] }, resolvedAt: null },
    data: { ...checked.data, status: "DRAFT" },
  });
  if (count === 0) {
    const error = "This campaign has started sending: it can no longer be edited";
    return { ok: false, status: 409, error, fieldErrors: { campaign: error } };
  }
  return { ok: true, id: existing.id, status: "DRAFT" };
}

/** The editor's form state of a stored campaign (sendAt back in the shop's zone). */
export function draftOf(campaign: Campaign, timeZone: string): CampaignDraftInput {
  const content = readCampaignContent(campaign.content);
  return {
    name: campaign.name,
    segmentId: campaign.segmentId,
    channels: campaign.channels.filter((c): c is CampaignChannel => c === "SMS" || c === "WHATSAPP" || c === "EMAIL"),
    content: content.variants.length ? content : emptyDraft().content,
    sendMode: (campaign.sendMode === "recipient_time" ? "recipient_time" : "shop_time") as SendMode,
    sendAt: campaign.sendAt ? shopTimeOf(campaign.sendAt, shopZone(timeZone)) : null,
    winnerMetric: (campaign.winnerMetric as WinnerMetric | null) ?? null,
  };
}

/** The shop's segments the form offers, with their last counted size. */
export async function segmentOptions(shopId: string) {
  return db().segment.findMany({
    where: { shopId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, memberCount: true, refreshState: true },
  });
}

export interface CampaignListRow {
  id: string;
  name: string;
  segmentName: string | null;
  status: Campaign["status"];
  sendAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  total: number;
  done: number;
  sent: number;
}

/**
 * The shop's campaigns, newest first, each with its progress counted from its recipients in one
 * grouped query (not one progress call per row).
 */
export async function listCampaigns(shopId: string, take = 100): Promise<CampaignListRow[]> {
  const campaigns = await db().campaign.findMany({
    where: { shopId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      name: true,
      status: true,
      sendAt: true,
      startedAt: true,
      completedAt: true,
      segment: { select: { name: true } },
    },
  });
  const counts = campaigns.length
    ? await db().campaignRecipient.groupBy({
        by: ["campaignId", "state"],
        where: { shopId, campaignId: { in: campaigns.map((c) => c.id) } },
        _count: { _all: true },
      })
    : [];
  return campaigns.map((c) => {
    const mine = counts.filter((row) => row.campaignId === c.id);
    const of = (states: string[]) =>
      mine.filter((row) => states.includes(row.state)).reduce((sum, row) => sum + row._count._all, 0);
    return {
      id: c.id,
      name: c.name,
      segmentName: c.segment?.name ?? null,
      status: c.status,
      sendAt: c.sendAt?.toISOString() ?? null,
      startedAt: c.startedAt?.toISOString() ?? null,
      completedAt: c.completedAt?.toISOString() ?? null,
      total: of(["PENDING", "SENDING", "SENT", "SKIPPED", "FAILED", "CANCELLED"]),
      done: of(["SENT", "SKIPPED", "FAILED", "CANCELLED"]),
      sent: of(["SENT"]),
    };
  });
}
