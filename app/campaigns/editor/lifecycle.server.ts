// The editor's one door into the campaign engine (app/campaigns/engine/, another part of the code):
// schedule or send now, pause, resume, cancel, progress. The engine's typed errors become answers
// with the status a route should give (404 not this shop's, 409 not from this state).
import * as engine from "../engine";
import { CampaignNotFoundError, CampaignStateError } from "../engine";

export type LifecycleResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

export type { CampaignProgress } from "../engine";

async function guarded(work: () => Promise<unknown>): Promise<LifecycleResult> {
  try {
    await work();
    return { ok: true };
  } catch (err) {
    if (err instanceof CampaignNotFoundError) return { ok: false, status: 404, error: err.message };
    if (err instanceof CampaignStateError) return { ok: false, status: 409, error: err.message };
    throw err;
  }
}

export const scheduleCampaign = (shopId: string, campaignId: string, sendAt: Date | null) =>
  guarded(() => engine.scheduleCampaign(shopId, campaignId, { sendAt }));
export const pauseCampaign = (shopId: string, campaignId: string) =>
  guarded(() => engine.pauseCampaign(shopId, campaignId));
export const resumeCampaign = (shopId: string, campaignId: string) =>
  guarded(() => engine.resumeCampaign(shopId, campaignId));
export const cancelCampaign = (shopId: string, campaignId: string) =>
  guarded(() => engine.cancelCampaign(shopId, campaignId));
export const campaignProgress = (shopId: string, campaignId: string) => engine.campaignProgress(shopId, campaignId);
