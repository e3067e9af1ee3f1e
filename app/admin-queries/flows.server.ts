// The automated flows Threadline offers (the order and cart flows, then the lifecycle flows), and
// what the shop has set up of them. The descriptions are the Flows page's one line per flow.
import { db } from "../db/client.server";
import { settingsOfKind } from "../flow-runs/flow-config.server";
import type { FlowKind } from "../generated/prisma/enums";
import { isLifecycleKind } from "../flows/lifecycle/kinds";
import { enqueue } from "../jobs/enqueue.server";
import { JOB } from "../jobs/queues.server";
import { logger } from "../lib/logger.server";

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
  {
    kind: "WELCOME_SERIES",
    title: "Welcome series",
    description: "Greets new subscribers with a short series of messages introducing your shop.",
  },
  {
    kind: "BROWSE_ABANDONMENT",
    title: "Browse abandonment",
    description: "Follows up with shoppers who viewed a product but did not add it to their cart or buy it.",
  },
  {
    kind: "CROSS_SELL",
    title: "Post-purchase cross-sell",
    description: "Suggests products that go well with an order, once it has been delivered.",
  },
  {
    kind: "REPLENISHMENT",
    title: "Replenishment reminder",
    description: "Reminds customers to reorder a product around when they are likely to run out.",
  },
  {
    kind: "WIN_BACK",
    title: "Win-back",
    description: "Invites back customers who have not ordered for a while, or whose buying shows they are at risk.",
  },
  {
    kind: "LOCATION_PROMOTION",
    title: "Location promotion",
    description:
      "Sends customers in the countries, regions or area you choose a promotion with their own discount code.",
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
      settings: true,
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
            settings: settingsOfKind(flow.kind, flow.settings),
          }
        : null,
    };
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DELIVERED_STATUSES = new Set(["DELIVERED", "READ", "OPENED", "CLICKED"]);
/** Statuses that mean the provider took the message (everything after our own queue). */
const SENT_STATUSES = new Set(["SENT", "DELIVERED", "READ", "OPENED", "CLICKED", "UNDELIVERED"]);

export interface FlowFigures {
  sent: number;
  delivered: number;
  clicked: number;
  failed: number;
  orders: number;
  revenue: string;
}

/** Last-N-day figures per flow: messages by delivery status, and orders attributed to the flow. */
export async function flowFigures(shopId: string, flowIds: string[], now = new Date(), days = 30) {
  const since = new Date(now.getTime() - days * DAY_MS);
  const figures = new Map<string, FlowFigures>(
    flowIds.map((id) => [id, { sent: 0, delivered: 0, clicked: 0, failed: 0, orders: 0, revenue: "0" }]),
  );
  if (flowIds.length === 0) return figures;
  const [messages, orders] = await Promise.all([
    db().message.groupBy({
      by: ["flowId", "deliveryStatus"],
      where: { shopId, flowId: { in: flowIds }, direction: "OUTBOUND", createdAt: { gte: since } },
      _count: { _all: true },
    }),
    db().order.groupBy({
      by: ["attributedFlowId"],
      where: { shopId, attributedFlowId: { in: flowIds }, processedAt: { gte: since }, cancelledAt: null },
      _count: { _all: true },
      _sum: { totalPrice: true },
    }),
  ]);
  for (const row of messages) {
    const f = row.flowId ? figures.get(row.flowId) : undefined;
    if (!f) continue;
    const n = row._count._all;
    if (SENT_STATUSES.has(row.deliveryStatus)) f.sent += n;
    if (DELIVERED_STATUSES.has(row.deliveryStatus)) f.delivered += n;
    if (row.deliveryStatus === "CLICKED") f.clicked += n;
    if (row.deliveryStatus === "FAILED" || row.deliveryStatus === "UNDELIVERED") f.failed += n;
  }
  for (const row of orders) {
    const f = row.attributedFlowId ? figures.get(row.attributedFlowId) : undefined;
    if (!f) continue;
    f.orders = row._count._all;
    f.revenue = row._sum.totalPrice?.toString() ?? "0";
  }
  return figures;
}

/** The Flows page: every flow with its switch state, step summary and 30-day figures, in FLOW_CATALOG order. */
export async function getFlowsOverview(shopId: string, now = new Date()) {
  const [list, connections] = await Promise.all([
    listFlows(shopId),
    db().channelConnection.findMany({ where: { shopId, status: "ACTIVE" }, select: { provider: true } }),
  ]);
  const ids = list.flatMap((e) => (e.flow ? [e.flow.id] : []));
  const figures = await flowFigures(shopId, ids, now);
  const steps = await db().flowStepDefinition.findMany({
    where: { flowId: { in: ids } },
    orderBy: { position: "asc" },
    select: { flowId: true, delayMinutes: true, channels: true },
  });
  return {
    connectedProviders: connections.map((c) => c.provider),
    flows: list.map((entry) => ({
      ...entry,
      steps: entry.flow ? steps.filter((s) => s.flowId === entry.flow!.id) : [],
      figures: entry.flow ? (figures.get(entry.flow.id) ?? null) : null,
    })),
  };
}

/** A lifecycle flow switched on (or saved) enrols its first customers now, not at the next sweep. */
export async function sweepLifecycleSoon(shopId: string, flowId: string): Promise<void> {
  const flow = await db().flow.findFirst({ where: { id: flowId, shopId }, select: { kind: true, enabled: true } });
  if (!flow?.enabled || !isLifecycleKind(flow.kind)) return;
  try {
    await enqueue(JOB.lifecycleSweep, { shopId });
  } catch (err) {
    // The repeating sweep enrols them within LIFECYCLE_SWEEP_EVERY_MINUTES all the same.
    logger.warn({ shopId, err: (err as Error).message }, "could not queue a lifecycle sweep");
  }
}

/** Turns a flow on or off; another shop's flow id (or none) answers 404. */
export async function setFlowEnabled(shopId: string, flowId: string, enabled: boolean) {
  const { count } = await db().flow.updateMany({ where: { id: flowId, shopId }, data: { enabled } });
  if (count === 0) throw new Response("Not found", { status: 404 });
  if (enabled) await sweepLifecycleSoon(shopId, flowId);
}
