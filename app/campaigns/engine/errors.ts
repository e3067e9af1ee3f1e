// Typed errors of the campaign engine, so routes answer 404 (not this shop's, or no such campaign)
// and 409 (the campaign cannot go there from where it is) without reading messages.
import type { CampaignStatus } from "../../generated/prisma/enums";

export class CampaignNotFoundError extends Error {
  readonly status = 404;
  constructor(readonly campaignId: string) {
    super(`No campaign ${campaignId} in this shop.`);
    this.name = "CampaignNotFoundError";
  }
}

export class CampaignStateError extends Error {
  readonly status = 409;
  constructor(
    readonly campaignId: string,
    readonly current: CampaignStatus,
    message: string,
  ) {
    super(message);
    this.name = "CampaignStateError";
  }
}
