// The POST intents of /app/campaigns/<id | new>, each answered as { status, body } so the route only
// authenticates, hands the form over and responds. Bad input is a 400 with the field and a sentence
// (and a log line), another shop's campaign a 404, a state the intent cannot act on a 409.
import { db } from "../../db/client.server";
import { logger } from "../../lib/logger.server";
import { estimateAudience } from "../audience/estimate.server";
import { readCampaignContent, type CampaignChannel } from "../content";
import { draftOf, requireCampaign, saveCampaignDraft, validateDraft } from "./campaigns.server";
import { campaignDraftInput, fieldErrorsOf } from "./draft";
import {
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
  scheduleCampaign,
  type LifecycleResult,
} from "./lifecycle.server";
import { previewCampaign } from "./preview.server";
import { sendCampaignTest, testSendInput } from "./test-send.server";

export const CAMPAIGN_INTENTS = [
  "save",
  "preview",
  "estimate",
  "test_send",
  "schedule",
  "send_now",
  "pause",
  "resume",
  "cancel",
] as const;
export type CampaignIntent = (typeof CAMPAIGN_INTENTS)[number];

export interface IntentAnswer {
  status: number;
  body: Record<string, unknown>;
}

const log = logger.child({ module: "campaign-editor" });

function refused(shopId: string, intent: string, status: number, error: string, extra: Record<string, unknown> = {}) {
  log.info({ shopId, intent, status, error }, "campaign request refused");
  return { status, body: { ok: false, error, ...extra } };
}

function readJson(form: FormData, name: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(String(form.get(name) ?? "")) };
  } catch {
    return { ok: false };
  }
}

function lifecycleAnswer(shopId: string, intent: string, result: LifecycleResult): IntentAnswer {
  return result.ok ? { status: 200, body: { ok: true } } : refused(shopId, intent, result.status, result.error);
}

/** `id` null is /app/campaigns/new: only save and preview make sense there. */
export async function runCampaignIntent(shopId: string, id: string | null, form: FormData): Promise<IntentAnswer> {
  const intent = String(form.get("intent") ?? "");
  if (!(CAMPAIGN_INTENTS as readonly string[]).includes(intent))
    return refused(shopId, intent, 400, "Unknown request: reload the page.");
  if (!id && intent !== "save" && intent !== "preview") return refused(shopId, intent, 404, "Save the campaign first");

  switch (intent as CampaignIntent) {
    case "save": {
      const json = readJson(form, "campaign");
      if (!json.ok)
        return refused(shopId, intent, 400, "campaign: must be JSON", { fieldErrors: { campaign: "must be JSON" } });
      const result = await saveCampaignDraft(shopId, id, json.value);
      if (!result.ok) return refused(shopId, intent, result.status, result.error, { fieldErrors: result.fieldErrors });
      return { status: 200, body: { ok: true, id: result.id, status: result.status } };
    }
    case "preview": {
      const json = readJson(form, "campaign");
      const parsed = json.ok ? campaignDraftInput.safeParse(json.value) : null;
      if (!parsed?.success) {
        const fieldErrors = parsed ? fieldErrorsOf(parsed.error) : { campaign: "must be JSON" };
        return refused(shopId, intent, 400, "Fix the highlighted fields to preview", { fieldErrors });
      }
      if (id) await requireCampaign(shopId, id);
      const preview = await previewCampaign(shopId, {
        segmentId: parsed.data.segmentId,
        channels: parsed.data.channels,
        content: parsed.data.content,
      });
      return { status: 200, body: { ok: true, preview } };
    }
    case "estimate": {
      const campaign = await requireCampaign(shopId, id!);
      if (!campaign.segmentId)
        return refused(shopId, intent, 400, "Choose a segment first", {
          fieldErrors: { segmentId: "Choose a segment" },
        });
      const estimate = await estimateAudience(shopId, {
        segmentId: campaign.segmentId,
        channels: campaign.channels as CampaignChannel[],
        sendMode: campaign.sendMode === "recipient_time" ? "recipient_time" : "shop_time",
        sendAt: campaign.sendAt,
      });
      return { status: 200, body: { ok: true, estimate } };
    }
    case "test_send": {
      const campaign = await requireCampaign(shopId, id!);
      const input = testSendInput.safeParse(Object.fromEntries(form));
      if (!input.success) {
        const fieldErrors = fieldErrorsOf(input.error);
        const [first] = Object.entries(fieldErrors);
        return refused(shopId, intent, 400, `${first[0]}: ${first[1]}`, { fieldErrors });
      }
      const result = await sendCampaignTest(shopId, campaign, input.data);
      if (!result.ok)
        return refused(
          shopId,
          intent,
          result.status,
          result.error,
          result.field ? { fieldErrors: { [result.field]: result.error } } : {},
        );
      return { status: 200, body: { ...result } };
    }
    case "schedule":
    case "send_now": {
      const campaign = await requireCampaign(shopId, id!);
      if (campaign.status !== "DRAFT")
        return refused(
          shopId,
          intent,
          409,
          `This campaign is ${campaign.status.toLowerCase()}: only a draft can be scheduled`,
        );
      const shop = await shopZoneOf(shopId);
      const checked = await validateDraft(shopId, draftOf(campaign, shop));
      if (!checked.ok) {
        const [first] = Object.entries(checked.fieldErrors);
        return refused(shopId, intent, 400, `${first[0]}: ${first[1]}`, { fieldErrors: checked.fieldErrors });
      }
      if (!campaign.segmentId)
        return refused(shopId, intent, 400, "segmentId: Choose a segment", {
          fieldErrors: { segmentId: "Choose a segment" },
        });
      if (!readCampaignContent(campaign.content).variants.length)
        return refused(shopId, intent, 400, "content: Write the message", {
          fieldErrors: { content: "Write the message" },
        });
      if (intent === "schedule") {
        if (!campaign.sendAt)
          return refused(shopId, intent, 400, "sendAt: Choose when to send", {
            fieldErrors: { sendAt: "Choose when to send" },
          });
        if (campaign.sendAt.getTime() <= Date.now())
          return refused(shopId, intent, 400, "sendAt: Choose a time in the future", {
            fieldErrors: { sendAt: "Choose a time in the future" },
          });
      }
      return lifecycleAnswer(
        shopId,
        intent,
        await scheduleCampaign(shopId, campaign.id, intent === "schedule" ? campaign.sendAt : null),
      );
    }
    case "pause":
      await requireCampaign(shopId, id!);
      return lifecycleAnswer(shopId, intent, await pauseCampaign(shopId, id!));
    case "resume":
      await requireCampaign(shopId, id!);
      return lifecycleAnswer(shopId, intent, await resumeCampaign(shopId, id!));
    case "cancel":
      await requireCampaign(shopId, id!);
      return lifecycleAnswer(shopId, intent, await cancelCampaign(shopId, id!));
  }
}

async function shopZoneOf(shopId: string): Promise<string> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { ianaTimezone: true } });
  return shop.ianaTimezone;
}
