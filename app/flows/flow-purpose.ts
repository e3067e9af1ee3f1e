// Whether a flow's messages are marketing (need marketing consent, quiet hours,
// the frequency cap, an unsubscribe link) or transactional.
import type { FlowKind } from "../generated/prisma/enums";

export type MessagePurpose = "MARKETING" | "TRANSACTIONAL";

const PURPOSE: Record<FlowKind, MessagePurpose> = {
  CART_RECOVERY: "MARKETING",
  REVIEW_REQUEST: "MARKETING",
  ORDER_CONFIRMATION: "TRANSACTIONAL",
  SHIPPING_UPDATE: "TRANSACTIONAL",
};

export function purposeOf(kind: FlowKind): MessagePurpose {
  return PURPOSE[kind];
}

export function isMarketingFlow(kind: FlowKind): boolean {
  return PURPOSE[kind] === "MARKETING";
}
