// The four automated flows Threadline offers, and what the shop has set up of them.
import { db } from "../db/client.server";
import type { FlowKind } from "../generated/prisma/enums";

export const FLOW_CATALOG: ReadonlyArray<{ kind: FlowKind; title: string; description: string }> = [
  {
    kind: "CART_RECOVERY",
    title: "Cart recovery",
    description: "Reminds shoppers who left checkout, with a link back to their cart.",
  },
  {
    kind: "ORDER_CONFIRMATION",
    title: "Order confirmation",
    description: "Confirms a new order on the customer's preferred channel.",
  },
  {
    kind: "SHIPPING_UPDATE",
    title: "Shipping updates",
    description: "Tells customers when their order ships, is out for delivery and arrives.",
  },
  {
    kind: "REVIEW_REQUEST",
    title: "Review requests",
    description: "Asks for a review a few days after the order was delivered.",
  },
];

export async function listFlows(shopId: string) {
  const flows = await db().flow.findMany({
    where: { shopId },
    select: {
      id: true,
      kind: true,
      name: true,
      enabled: true,
      updatedAt: true,
      _count: { select: { steps: true } },
    },
  });
  const activeRuns = await db().flowRun.groupBy({
    by: ["flowId"],
    where: { shopId, status: "ACTIVE" },
    _count: { _all: true },
  });
  const activeByFlow = new Map(activeRuns.map((r) => [r.flowId, r._count._all]));
  return FLOW_CATALOG.map((entry) => {
    const flow = flows.find((f) => f.kind === entry.kind);
    return {
      ...entry,
      flow: flow
        ? {
            id: flow.id,
            name: flow.name,
            enabled: flow.enabled,
            stepCount: flow._count.steps,
            activeRuns: activeByFlow.get(flow.id) ?? 0,
            updatedAt: flow.updatedAt,
          }
        : null,
    };
  });
}
