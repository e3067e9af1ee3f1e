// Everything the batch's steps decide on, read once per batch: the steps with their runs and
// flows, the customers, shops, step definitions with templates, consent rows, connections and the
// orders the templates speak of.
import { db } from "../../db/client.server";
import * as sql from "../../generated/prisma/sql";
import type { Consent, Customer, FlowKind, Fulfillment, Order, Shop, Template } from "../../generated/prisma/client";
import { shopChannels, type EmailSender } from "../../flow-runs/step-facts.server";
import { runContext, type RunContext } from "../../flow-runs/flow-config.server";
import type { Channel } from "../../generated/prisma/client";

export interface DueStep {
  id: string;
  shopId: string;
  runId: string;
  position: number;
  state: string;
  dueAt: Date;
  runStatus: string;
  flowId: string;
  flowKind: FlowKind;
  flowName: string;
  customerId: string;
  context: RunContext;
}

export interface DueStepFacts {
  steps: DueStep[];
  customers: Map<string, Customer>;
  shops: Map<string, Shop>;
  /** flowId|position → channels and templates. */
  definitions: Map<string, { channels: Channel[]; templates: Template[] }>;
  consents: Map<string, Pick<Consent, "channel" | "purpose" | "state" | "source">[]>;
  channels: Map<string, { connected: Partial<Record<Channel, boolean>>; emailSender: EmailSender | null }>;
  orders: Map<string, Order>;
  fulfillments: Map<string, Fulfillment>;
}

export const definitionKey = (flowId: string, position: number) => `${flowId}|${position}`;

export async function loadDueSteps(stepIds: string[]): Promise<DueStepFacts> {
  const steps = await db().$queryRawTyped(sql.dueStepsWithRuns(stepIds));
  const due: DueStep[] = steps.map((s) => ({
    ...s,
    state: s.state ?? "",
    runStatus: s.runStatus ?? "",
    flowKind: s.flowKind as FlowKind,
    context: runContext(JSON.parse(s.context ?? "{}")),
  }));
  const customerIds = [...new Set(due.map((s) => s.customerId))];
  const shopIds = [...new Set(due.map((s) => s.shopId))];
  const orderIds = [...new Set(due.map((s) => s.context.orderId).filter((id): id is string => !!id))];
  const fulfillmentIds = [...new Set(due.map((s) => s.context.fulfillmentId).filter((id): id is string => !!id))];
  const flowPositions = [...new Map(due.map((s) => [definitionKey(s.flowId, s.position), s])).values()];

  const [customers, shops, definitions, consents, orders, fulfillments, channels] = await Promise.all([
    db().customer.findMany({ where: { id: { in: customerIds } } }),
    db().shop.findMany({ where: { id: { in: shopIds } } }),
    db().flowStepDefinition.findMany({
      where: { OR: flowPositions.map((s) => ({ flowId: s.flowId, position: s.position })) },
      include: { templates: true },
    }),
    db().consent.findMany({
      where: { customerId: { in: customerIds } },
      select: { customerId: true, channel: true, purpose: true, state: true, source: true },
    }),
    orderIds.length ? db().order.findMany({ where: { id: { in: orderIds } } }) : [],
    fulfillmentIds.length ? db().fulfillment.findMany({ where: { id: { in: fulfillmentIds } } }) : [],
    Promise.all(shopIds.map(async (id) => [id, await shopChannels(id)] as const)),
  ]);
  const consentsByCustomer = new Map<string, DueStepFacts["consents"] extends Map<string, infer V> ? V : never>();
  for (const c of consents) {
    const list = consentsByCustomer.get(c.customerId) ?? [];
    list.push(c);
    consentsByCustomer.set(c.customerId, list);
  }
  return {
    steps: due,
    customers: new Map(customers.map((c) => [c.id, c])),
    shops: new Map(shops.map((s) => [s.id, s])),
    definitions: new Map(
      definitions.map((d) => [definitionKey(d.flowId, d.position), { channels: d.channels, templates: d.templates }]),
    ),
    consents: consentsByCustomer,
    channels: new Map(channels),
    orders: new Map(orders.map((o) => [o.id, o])),
    fulfillments: new Map(fulfillments.map((f) => [f.id, f])),
  };
}
