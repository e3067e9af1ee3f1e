// Whether a flow's messages are marketing (need marketing consent, quiet hours,
// the frequency cap, an unsubscribe link) or transactional.
import type { FlowKind } from "../generated/prisma/enums";

export type MessagePurpose = "MARKETING" | "TRANSACTIONAL";

const PURPOSE: Record<FlowKind, MessagePurpose> = {
  CART_RECOVERY: "MARKETING",
  REVIEW_REQUEST: "MARKETING",
  ORDER_CONFIRMATION: "TRANSACTIONAL",
  SHIPPING_UPDATE: "TRANSACTIONAL",
  WELCOME_SERIES: "MARKETING",
  BROWSE_ABANDONMENT: "MARKETING",
  CROSS_SELL: "MARKETING",
  REPLENISHMENT: "MARKETING",
  WIN_BACK: "MARKETING",
  LOCATION_PROMOTION: "MARKETING",
};

/** Every flow kind whose messages are marketing. */
export const MARKETING_FLOW_KINDS = (Object.keys(PURPOSE) as FlowKind[]).filter((k) => PURPOSE[k] === "MARKETING");

export function purposeOf(kind: FlowKind): MessagePurpose {
  return PURPOSE[kind];
}

export function isMarketingFlow(kind: FlowKind): boolean {
  return PURPOSE[kind] === "MARKETING";
}
