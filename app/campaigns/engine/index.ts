// The campaign engine's public face (the UI and routes call these; see
// docs/decisions/0057-campaign-dispatch.md).
export { scheduleCampaign, pauseCampaign, resumeCampaign, cancelCampaign } from "./lifecycle.server";
export { campaignProgress, type CampaignProgress } from "./progress.server";
export { CampaignNotFoundError, CampaignStateError } from "./errors";
export { campaignIdempotencyKey } from "./claim-recipients.server";
export { US_OPT_OUT_LINE, withUsOptOutLine } from "./opt-out-line";
export { defaultSendRate, shopSendRates } from "./send-rates";
