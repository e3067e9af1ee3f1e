// The Flows page's two sections: the flows an order or a checkout starts, and the lifecycle flows
// the lifecycle sweep enrols customers in (app/lifecycle/). A kind not in a section is not shown.
import type { FlowKind } from "../../generated/prisma/enums";
import { LIFECYCLE_KINDS } from "../../flows/lifecycle/kinds";

export interface FlowSection {
  id: "orders" | "lifecycle";
  title: string;
  description: string;
  kinds: readonly FlowKind[];
}

export const FLOW_SECTIONS: readonly FlowSection[] = [
  {
    id: "orders",
    title: "Order and cart messages",
    description: "Sent when a shopper leaves a checkout or when something happens to an order.",
    kinds: ["CART_RECOVERY", "ORDER_CONFIRMATION", "SHIPPING_UPDATE", "REVIEW_REQUEST"],
  },
  {
    id: "lifecycle",
    title: "Lifecycle",
    description:
      "Marketing messages for moments in a customer's life with your shop. Like cart recovery, they go only to customers who agreed to marketing on that channel, and keep to quiet hours and the frequency cap.",
    kinds: LIFECYCLE_KINDS,
  },
];

/** Each section with its entries, in the section's order of kinds. */
export function groupBySection<T extends { kind: FlowKind }>(
  entries: readonly T[],
): Array<{ section: FlowSection; entries: T[] }> {
  return FLOW_SECTIONS.map((section) => ({
    section,
    entries: section.kinds.flatMap((kind) => entries.filter((entry) => entry.kind === kind)),
  }));
}
