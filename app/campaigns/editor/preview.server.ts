// "Preview on real customers": the draft's templates (saved or not) rendered for a few real members
// of its segment, per variant and channel, through the same Liquid engine and template context the
// flows use (app/templates/). Output is plain text; the page shows it as text, never as HTML.
import { db } from "../../db/client.server";
import { customerDisplayName } from "../../admin-queries/customers.server";
import { listPreviewCustomers } from "../../admin-queries/preview-customers.server";
import { buildTemplateContext, sampleTemplateContext, type TemplateContext } from "../../templates/context.server";
import { renderMessage } from "../../templates/render.server";
import type { CampaignChannel, CampaignContent } from "../content";

export const PREVIEW_MEMBERS = 3;
/** What the unsubscribe link looks like in a preview (a real one is signed per recipient at send time). */
export const PREVIEW_UNSUBSCRIBE_URL = "https://unsubscribe.example/preview";

export interface PreviewRender {
  customerId: string | null;
  variant: string;
  channel: CampaignChannel;
  ok: boolean;
  subject: string | null;
  body: string | null;
  error: string | null;
}

export interface CampaignPreview {
  customers: Array<{ id: string | null; label: string }>;
  notice: string | null;
  renders: PreviewRender[];
}

/** Up to `take` live members of the segment, most recently added first. */
export async function segmentSampleMembers(shopId: string, segmentId: string, take = PREVIEW_MEMBERS) {
  const members = await db().segmentMember.findMany({
    where: { shopId, segmentId, segment: { shopId } },
    orderBy: [{ addedAt: "desc" }, { customerId: "asc" }],
    take: take * 4,
    select: { customerId: true },
  });
  if (!members.length) return [];
  const customers = await db().customer.findMany({
    where: { shopId, id: { in: members.map((m) => m.customerId) }, redactedAt: null, mergedIntoId: null },
    select: { id: true, firstName: true, lastName: true, email: true, phone: true },
  });
  const byId = new Map(customers.map((c) => [c.id, c]));
  return members
    .map((m) => byId.get(m.customerId))
    .filter((c): c is NonNullable<typeof c> => !!c)
    .slice(0, take)
    .map((c) => ({ id: c.id, label: customerDisplayName(c) }));
}

/** The customer's template context exactly as the campaign engine builds it at send time (shop and customer). */
export async function customerContext(
  shopId: string,
  customerId: string,
  channel: CampaignChannel,
  unsubscribeUrl = PREVIEW_UNSUBSCRIBE_URL,
): Promise<TemplateContext> {
  return buildTemplateContext({ shopId, customerId, unsubscribeUrl: channel === "EMAIL" ? unsubscribeUrl : null });
}

async function render(
  context: TemplateContext,
  message: { subject?: string; body: string },
  channel: CampaignChannel,
): Promise<Pick<PreviewRender, "ok" | "subject" | "body" | "error">> {
  const result = await renderMessage(
    { subject: channel === "EMAIL" ? (message.subject ?? "") : null, body: message.body },
    context,
  );
  if (result.ok) return { ok: true, subject: result.subject, body: result.body, error: null };
  const where = result.error.line ? ` (line ${result.error.line})` : "";
  return { ok: false, subject: null, body: null, error: `${result.field}${where}: ${result.error.message}` };
}

export async function previewCampaign(
  shopId: string,
  input: { segmentId: string | null; channels: CampaignChannel[]; content: CampaignContent },
): Promise<CampaignPreview> {
  let customers: Array<{ id: string | null; label: string }> = input.segmentId
    ? await segmentSampleMembers(shopId, input.segmentId)
    : [];
  let notice: string | null = null;
  if (!customers.length) {
    customers = (await listPreviewCustomers(shopId, PREVIEW_MEMBERS)).map((c) => ({ id: c.id, label: c.label }));
    notice = input.segmentId
      ? "This segment has no members yet; previewing with recent customers of the shop"
      : "Choose a segment to preview with its members; previewing with recent customers of the shop";
  }
  let sample: TemplateContext | null = null;
  if (!customers.length) {
    const shop = await db().shop.findUniqueOrThrow({
      where: { id: shopId },
      select: { domain: true, name: true, email: true, currency: true, primaryLocale: true },
    });
    sample = sampleTemplateContext(shop);
    customers = [{ id: null, label: "Sample customer (Alex Rivera)" }];
    notice = "The shop has no customers yet; previewing with a sample customer";
  }
  const renders: PreviewRender[] = [];
  for (const customer of customers) {
    for (const channel of input.channels) {
      const context =
        customer.id === null
          ? { ...sample!, unsubscribe_url: channel === "EMAIL" ? PREVIEW_UNSUBSCRIBE_URL : null }
          : await customerContext(shopId, customer.id, channel);
      for (const variant of input.content.variants) {
        const message = variant.messages[channel];
        if (!message) continue;
        renders.push({
          customerId: customer.id,
          variant: variant.key,
          channel,
          ...(await render(context, message, channel)),
        });
      }
    }
  }
  return { customers, notice, renders };
}
